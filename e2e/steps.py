"""Steps the browser tests share: logging in and inserting a StreamField block."""

import re

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError


def log_in(page, live_url, email, password, *, fresh=False, lands_on=None):
    """Log in through the public form. ``fresh`` forgets the browser's cookies first (a second
    person on the same browser); ``lands_on`` is a URL pattern to wait for, else the next load."""
    if fresh:
        page.context.clear_cookies()
    page.goto(live_url + "/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    if lands_on:
        page.wait_for_url(re.compile(lands_on))
    else:
        page.wait_for_load_state()


def insert_block(page, container, label):
    """Open the last "Insert a block" menu of ``container`` (appends) and pick ``label``."""
    option = page.get_by_role("option", name=re.compile(f"^{label}"))
    for _attempt in range(3):  # a click before the StreamField's script is ready opens nothing
        container.locator("button[title='Insert a block']").last.click()
        try:
            option.wait_for(state="visible", timeout=5000)
            break
        except PlaywrightTimeoutError:
            continue
    option.click()
