"""axe-core checks (axe-playwright-python ships axe-core: nothing is fetched)."""

from axe_playwright_python.sync_playwright import Axe


def serious_violations(page):
    """The serious and critical violations on ``page``, readably. CSS transitions running
    (a button just focused or clicked fades to its new colours) are finished first: axe
    would otherwise measure a colour halfway through, which no reader ever settles on."""
    page.evaluate("document.getAnimations().forEach(a => { try { a.finish(); } catch (endless) {} })")
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
