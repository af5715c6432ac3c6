// "Copy" buttons: [data-copy-target] names the input whose value is copied; the button's
// [data-copy-status] element (aria-live) says it was done.
document.querySelectorAll("[data-copy-target]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", async () => {
    const input = document.getElementById(button.dataset.copyTarget);
    const status = document.getElementById(button.dataset.copyStatus);
    input.select();
    try {
      await navigator.clipboard.writeText(input.value);
      status.textContent = button.dataset.copied;
    } catch (error) {
      status.textContent = button.dataset.copyFailed;
    }
  });
});
