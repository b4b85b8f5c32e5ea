"""What a visitor sees in a real browser: the pages render, keyboard works, axe is clean."""

from urllib.parse import urlsplit

import pytest

from .axe import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [
    "/",
    "/nieuws/route-2020-gaat-door/",
    "/themas/collectieve-marketing/",
    "/zoeken/?q=bibliotheken",
    "/account/signup/",
]


def test_home_page_renders_the_agenda(page, live_server):
    page.goto("/")
    assert page.locator("h1").first.inner_text() == "Route 2020 ontwikkel-agenda"
    assert page.get_by_role("navigation", name="Hoofdmenu").is_visible()
    assert page.get_by_text("Route 2020 gaat door").first.is_visible()


@pytest.mark.parametrize("width", [1280, 320])
def test_no_page_requests_another_host(page, live_server, width):
    page.set_viewport_size({"width": width, "height": 800})
    own = urlsplit(live_server.url).netloc
    for path in PAGES + ["/nieuws/", "/themas/", "/over-route-2020/klankbordgroep/"]:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert page.requested_hosts == {own}, path
        # nothing wider than the screen at 320 px
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"


def test_axe_finds_no_violations(page):
    for path in PAGES:
        page.goto(path)
        assert axe_violations(page) == [], path


def test_navigation_works_by_keyboard_alone(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.evaluate("document.activeElement.getAttribute('href')")
    assert skip == "#inhoud"
    # the focus ring is visible: an outline or box shadow on the focused element
    ring = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return s.outlineStyle !== 'none' || s.boxShadow !== 'none'; })()"
    )
    assert ring
    # tab on to the menu item "Nieuws" and follow it with Enter
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Nieuws":
            break
    else:
        pytest.fail("Het menu-item Nieuws is niet met Tab te bereiken")
    page.keyboard.press("Enter")
    page.wait_for_url("**/nieuws/")
    assert page.locator("h1").inner_text() == "Nieuws"


def test_print_button_and_print_stylesheet(page):
    page.goto("/nieuws/route-2020-gaat-door/")
    assert page.get_by_role("button", name="Printen").is_visible()
    page.emulate_media(media="print")
    assert not page.get_by_role("navigation", name="Hoofdmenu").is_visible()


def test_practice_filters_sit_together_above_the_results(page, live_server):
    """At 1280 px the filters are one panel above the results (they used to spread over the
    height of the results); on a phone the panel is folded and opens with its summary."""
    from route2020.core.pages import child
    from route2020.demo.content.core import home_page
    from route2020.practices.models import PracticeIndexPage

    child(home_page(), PracticeIndexPage, "praktijkvoorbeelden", title="Praktijkvoorbeelden")
    page.goto("/praktijkvoorbeelden/")
    panel = page.locator("details.r2020-filter-panel").bounding_box()
    results = page.locator("#results-heading").bounding_box()
    assert panel["y"] + panel["height"] <= results["y"]
    assert panel["height"] < 450
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/praktijkvoorbeelden/")
    assert page.evaluate("document.querySelector('details.r2020-filter-panel').open") is False
    assert not page.get_by_label("Zoek in praktijkvoorbeelden").is_visible()
    page.locator("summary.r2020-filter-panel__summary").click()
    assert page.get_by_label("Zoek in praktijkvoorbeelden").is_visible()


def test_printed_page_link_is_whole(page):
    page.goto("/nieuws/route-2020-gaat-door/")
    page.emulate_media(media="print")
    printed = page.locator(".r2020-share-link__print")
    assert printed.is_visible()
    assert printed.inner_text().endswith("/nieuws/route-2020-gaat-door/")
    assert not page.locator(".r2020-share-link input").is_visible()
    box, viewport = printed.bounding_box(), page.viewport_size
    assert box["x"] + box["width"] <= viewport["width"]
