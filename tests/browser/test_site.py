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
