"""axe-core checks (axe-playwright-python ships axe-core: nothing is fetched)."""

from axe_playwright_python.sync_playwright import Axe


def serious_violations(page):
    """The serious and critical violations on ``page``, readably."""
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
