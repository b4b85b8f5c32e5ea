"""The campaign in a real browser: the map of libraries taking part beside its table, axe is
clean and nothing is wider than a phone."""

import pytest

from .axe import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = ["/campagne/", "/campagne/glansrijk/", "/over-route-2020/klankbordgroep/"]


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_violations_on_the_campaign_and_groups(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    for path in PAGES:
        page.goto(path)
        assert axe_violations(page) == [], path
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"


def test_the_map_is_a_picture_beside_a_table_a_screen_reader_reads(page):
    page.goto("/campagne/")
    assert (
        page.get_by_role("img", name="Kaart van Nederland met de bibliotheken die meedoen").count()
        == 1
    )
    dots = page.locator("circle.r2020-map__dot")
    assert dots.count() >= 20
    table = page.get_by_role("table", name="Per provincie")
    assert table.is_visible()
    assert table.get_by_role("row", name="Overijssel 3").is_visible()
    assert page.get_by_text("€ 85.000").first.is_visible()
