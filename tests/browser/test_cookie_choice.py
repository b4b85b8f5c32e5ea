"""The cookie question in Chromium, with the live server's CSRF checks and the page cache on."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

OWN_COOKIES = ("r2020_cookies", "r2020_statistiek")


def own_cookies(page):
    return {c["name"]: c["value"] for c in page.context.cookies() if c["name"] in OWN_COOKIES}


def test_ja_and_nee_work_on_a_cached_page(page, settings):
    settings.PAGE_CACHE_ENABLED = True
    page.goto("/")
    assert page.goto("/").headers.get("x-page-cache") == "hit"
    assert own_cookies(page) == {}

    footer = page.locator("#cookievraag")
    footer.get_by_role("button", name="Ja", exact=True).click()
    page.wait_for_load_state()
    assert footer.get_by_text("Je hebt ingestemd met statistiekcookies.").is_visible()
    cookies = own_cookies(page)
    assert cookies["r2020_cookies"] == "ja"
    assert len(cookies["r2020_statistiek"]) == 32

    footer.get_by_role("button", name="Nee", exact=True).click()
    page.wait_for_load_state()
    assert footer.get_by_text("Je hebt statistiekcookies geweigerd.").is_visible()
    assert own_cookies(page) == {"r2020_cookies": "nee"}


def test_before_ja_there_is_no_statistics_cookie_and_the_page_works(page):
    for path in ("/", "/nieuws/", "/zoeken/?q=bibliotheek", "/zoeken/?q=onvindbaarwoord"):
        page.goto(path)
        # the page is usable before answering: the banner is in the flow, not over it
        assert page.locator("h1").first.is_visible()
        assert page.locator(".r2020-cookie-banner").is_visible()
        assert own_cookies(page) == {}, path


def test_the_banner_asks_with_two_equal_answers_and_goes_once_answered(page):
    page.goto("/nieuws/")
    banner = page.locator(".r2020-cookie-banner")
    yes = banner.get_by_role("button", name="Ja", exact=True)
    no = banner.get_by_role("button", name="Nee", exact=True)
    look = (
        "b => { const s = getComputedStyle(b); return [s.fontSize, s.fontWeight,"
        " s.backgroundColor, s.color, s.borderWidth, s.paddingTop]; }"
    )
    assert yes.evaluate(look) == no.evaluate(look)
    yes_box, no_box = yes.bounding_box(), no.bounding_box()
    assert (yes_box["width"], yes_box["height"]) == (no_box["width"], no_box["height"])
    assert banner.locator("input:checked").count() == 0

    yes.click()
    page.wait_for_url("**/nieuws/")
    assert page.locator(".r2020-cookie-banner").count() == 0
    assert own_cookies(page)["r2020_cookies"] == "ja"
