"""axe-core, vendored, run in the page under test."""

from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "route2020/static/vendor/axe-core/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page):
    """Run the vendored axe-core on the current page; returns the violations found.

    Loaded from the site's own static files: the Content-Security-Policy refuses inline
    script, which is what add_script_tag(path=...) would insert.
    """
    # A click that navigates returns before the next document exists: wait until it has loaded.
    page.wait_for_load_state("load")
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return [
        f"{violation['id']}: {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in result["violations"]
    ]
