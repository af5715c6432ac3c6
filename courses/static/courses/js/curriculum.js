// The course builder's curriculum (Wagtail admin): reorder sections and resources by drag
// and drop or by keyboard ("Move", then the arrow keys, then Enter; Escape puts it back),
// and upload files dropped on a section, one request per file (with its same-named .vtt),
// each file's result listed. Without this script the Up/Down buttons and the upload form
// do the same.
(function () {
  "use strict";

  const announcer = document.getElementById("curriculum-announcer");
  const csrf = () => (document.querySelector("input[name=csrfmiddlewaretoken]") || {}).value || "";
  const say = (text) => {
    if (announcer) {
      announcer.textContent = "";
      window.setTimeout(() => { announcer.textContent = text; }, 50);
    }
  };
  const strings = JSON.parse((document.getElementById("curriculum-strings") || {}).textContent || "{}");
  const t = (text) => strings[text] || text;
  const fill = (text, values) => text.replace(/%\((\w+)\)s/g, (_m, key) => values[key]);

  // Reordering

  const items = (list) => Array.from(list.children).filter((li) => li.dataset.pageId);
  const listOf = (li) => li.parentElement;

  async function saveOrder(list, li) {
    const body = new URLSearchParams();
    items(list).forEach((item) => body.append("order", item.dataset.pageId));
    let answer = { ok: false, message: t("The new order could not be saved.") };
    try {
      const response = await fetch(list.dataset.reorderUrl, {
        method: "POST", body, credentials: "same-origin",
        headers: { "X-CSRFToken": csrf(), Accept: "application/json" },
      });
      answer = await response.json();
    } catch (_error) { /* reported below */ }
    if (!answer.ok) {
      say(answer.message);
      window.location.reload();
      return;
    }
    const position = items(list).indexOf(li) + 1;
    say(fill(t("“%(title)s” moved to position %(position)s of %(count)s. %(saved)s"), {
      title: li.dataset.title, position, count: items(list).length, saved: answer.message,
    }));
    refreshUpDown(list);
  }

  function refreshUpDown(list) {
    const all = items(list);
    all.forEach((li, index) => {
      const row = li.querySelector(":scope > .aula-curriculum__row");
      row.querySelector("button[value=up]").disabled = index === 0;
      row.querySelector("button[value=down]").disabled = index === all.length - 1;
    });
  }

  let grabbed = null; // { li, list, before: the order when grabbed }

  function grab(li, button) {
    grabbed = { li, list: listOf(li), before: items(listOf(li)) };
    li.classList.add("is-grabbed");
    button.setAttribute("aria-pressed", "true");
    say(fill(t("“%(title)s” grabbed, position %(position)s of %(count)s. Use the up and down arrow keys, then Enter to drop it, or Escape to cancel."), {
      title: li.dataset.title, position: grabbed.before.indexOf(li) + 1, count: grabbed.before.length,
    }));
  }

  function release(cancel) {
    const { li, list, before } = grabbed;
    grabbed = null;
    li.classList.remove("is-grabbed");
    const button = li.querySelector(":scope > .aula-curriculum__row [data-curriculum-grab]");
    button.setAttribute("aria-pressed", "false");
    if (cancel) {
      before.forEach((item) => list.appendChild(item));
      button.focus();
      say(fill(t("Move of “%(title)s” cancelled."), { title: li.dataset.title }));
      return;
    }
    button.focus();
    if (items(list).some((item, index) => item !== before[index])) saveOrder(list, li);
    else say(fill(t("“%(title)s” dropped where it was."), { title: li.dataset.title }));
  }

  function step(direction) {
    const { li, list } = grabbed;
    const all = items(list);
    const index = all.indexOf(li);
    const target = all[index + direction];
    if (!target) return;
    list.insertBefore(li, direction < 0 ? target : target.nextSibling);
    li.querySelector(":scope > .aula-curriculum__row [data-curriculum-grab]").focus();
    say(fill(t("Position %(position)s of %(count)s."), { position: index + direction + 1, count: all.length }));
  }

  document.querySelectorAll("[data-curriculum-list]").forEach((list) => {
    items(list).forEach((li) => {
      const button = li.querySelector(":scope > .aula-curriculum__row [data-curriculum-grab]");
      if (!button) return;
      button.hidden = false;
      li.draggable = true;
      button.addEventListener("click", () => {
        if (grabbed && grabbed.li === li) release(false);
        else {
          if (grabbed) release(true);
          grab(li, button);
        }
      });
      button.addEventListener("keydown", (event) => {
        if (!grabbed || grabbed.li !== li) return;
        if (event.key === "ArrowUp" || event.key === "ArrowDown") {
          event.preventDefault();
          step(event.key === "ArrowUp" ? -1 : 1);
        } else if (event.key === "Escape") {
          event.preventDefault();
          release(true);
        }
      });
      button.addEventListener("blur", () => {
        window.setTimeout(() => {
          if (grabbed && grabbed.li === li && !li.contains(document.activeElement)) release(true);
        }, 100);
      });
      li.addEventListener("dragstart", (event) => {
        event.stopPropagation();
        grabbed = { li, list, before: items(list), mouse: true };
        li.classList.add("is-grabbed");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", li.dataset.pageId);
      });
      li.addEventListener("dragover", (event) => {
        if (!grabbed || !grabbed.mouse || grabbed.li === li || listOf(li) !== grabbed.list) return;
        event.preventDefault();
        event.stopPropagation();
        const box = li.getBoundingClientRect();
        const after = event.clientY > box.top + box.height / 2;
        list.insertBefore(grabbed.li, after ? li.nextSibling : li);
      });
      li.addEventListener("drop", (event) => {
        if (grabbed && grabbed.mouse) { event.preventDefault(); event.stopPropagation(); }
      });
      li.addEventListener("dragend", (event) => {
        event.stopPropagation();
        if (grabbed && grabbed.mouse && grabbed.li === li) release(false);
      });
    });
  });

  // Bulk upload

  const stem = (name) => name.replace(/\.[^.]*$/, "").trim().toLowerCase();
  const isCaptions = (file) => /\.vtt$/i.test(file.name);

  function groups(files) {
    const media = files.filter((file) => !isCaptions(file));
    const captions = files.filter(isCaptions);
    const used = new Set();
    const result = media.map((file) => {
      const track = captions.find((vtt) => stem(vtt.name) === stem(file.name) && !/\.pdf$/i.test(file.name));
      if (track) used.add(track);
      return track ? [file, track] : [file];
    });
    captions.filter((vtt) => !used.has(vtt)).forEach((vtt) => result.push([vtt]));
    return result;
  }

  function report(list, name, ok, message) {
    const item = document.createElement("li");
    item.className = ok ? "aula-dropzone__ok" : "aula-dropzone__refused";
    item.textContent = `${name}: ${message}`;
    list.appendChild(item);
  }

  async function upload(form, files) {
    const results = form.querySelector(".aula-dropzone__results");
    results.textContent = "";
    form.classList.add("is-uploading");
    const all = groups(Array.from(files));
    let added = 0;
    for (const group of all) {
      const body = new FormData();
      body.append("csrfmiddlewaretoken", csrf());
      group.forEach((file) => body.append("files", file));
      try {
        const response = await fetch(form.action, {
          method: "POST", body, credentials: "same-origin", headers: { Accept: "application/json" },
        });
        const answer = await response.json();
        if (answer.files && answer.files.length) {
          answer.files.forEach((file) => { report(results, file.name, file.ok, file.message); if (file.ok) added += 1; });
        } else {
          group.forEach((file) => report(results, file.name, false, answer.message));
        }
      } catch (_error) {
        group.forEach((file) => report(results, file.name, false, t("Not uploaded: the server did not answer.")));
      }
    }
    form.classList.remove("is-uploading");
    const summary = fill(t("%(added)s of %(count)s files added as draft resources."), { added, count: all.length });
    say(summary);
    if (added) {
      const again = document.createElement("li");
      const link = document.createElement("a");
      link.href = window.location.pathname;
      link.textContent = t("Show them in the curriculum");
      again.append(`${summary} `, link);
      results.appendChild(again);
      link.focus();
    }
  }

  document.querySelectorAll("[data-bulk-upload]").forEach((form) => {
    const input = form.querySelector("input[type=file]");
    form.querySelector("[data-bulk-upload-button]").hidden = true;
    input.addEventListener("change", () => { if (input.files.length) upload(form, input.files); });
    form.addEventListener("dragover", (event) => {
      if (!event.dataTransfer || !Array.from(event.dataTransfer.types).includes("Files")) return;
      event.preventDefault();
      form.classList.add("is-dragover");
    });
    form.addEventListener("dragleave", () => form.classList.remove("is-dragover"));
    form.addEventListener("drop", (event) => {
      if (!event.dataTransfer || !event.dataTransfer.files.length) return;
      event.preventDefault();
      form.classList.remove("is-dragover");
      upload(form, event.dataTransfer.files);
    });
  });
})();
