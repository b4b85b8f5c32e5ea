"""The Reisadvies and the regiogids's own pages in a real browser: axe is clean, nothing is
wider than a phone, and the PDF link gives the PDF."""

import pytest

from .axe import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

ADVICE = "/reisadvies/tien-proeftuinen-voor-ondernemen-en-samenwerken/"
PUBLIC = ["/reisadvies/", ADVICE, "/themas/maatschappelijk-ondernemerschap/"]
GUIDE = ["/regiogids/", "/regiogids/bezoeken/nieuw/", "/regiogids/reisadvies/nieuw/"]


@pytest.fixture(autouse=True)
def _fresh_content_types():
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


def sign_in_as_guide(page):
    from route2020.demo.content.core import DEMO_PASSWORD

    page.goto("/account/login/")
    page.fill("input[name=login]", "oosterveld@route2020.example")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator('main form[action="/account/login/"] button[type=submit]').click()
    page.wait_for_load_state()


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_violations_on_the_reisadvies_and_the_guides_pages(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    for path in PUBLIC:
        page.goto(path)
        assert axe_violations(page) == [], path
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
    sign_in_as_guide(page)
    for path in GUIDE:
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        assert axe_violations(page) == [], path


def test_the_theme_links_to_the_advice_and_the_advice_to_its_pdf(page):
    page.goto("/themas/maatschappelijk-ondernemerschap/")
    page.get_by_role(
        "link", name="Reisadvies: tien proeftuinen voor ondernemen en samenwerken"
    ).click()
    page.wait_for_url(f"**{ADVICE}")
    link = page.get_by_role("link", name="Dit reisadvies als PDF")
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    assert page.requested_hosts == {page.url.split("/")[2]}
