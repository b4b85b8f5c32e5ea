"""The agenda in a real browser: charts beside their tables, the timeline, decisions; axe is
clean and nothing is wider than a phone."""

import pytest

from .axe import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

THEME = "/themas/collectieve-marketing/"
PLAN = "/themas/collectieve-marketing/actieplan-2016-2020/"
PAGES = [
    "/themas/",
    THEME,
    PLAN,
    PLAN + "klanttevredenheidsmeting/",
    "/besluiten/",
    "/besluiten/?orgaan=alv&jaar=2015",
    "/besluiten/begroting-2016-route-2020/",
]


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_violations_on_the_agenda(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    for path in PAGES:
        page.goto(path)
        assert axe_violations(page) == [], path


@pytest.mark.parametrize("width", [390, 320])
def test_nothing_is_wider_than_a_phone(page, width):
    page.set_viewport_size({"width": width, "height": 800})
    for path in PAGES:
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"


def test_each_chart_is_a_picture_beside_a_table_a_screen_reader_reads(page):
    page.goto(THEME)
    charts = page.locator("figure.r2020-chart")
    assert charts.count() == 3
    for index in range(charts.count()):
        chart = charts.nth(index)
        assert chart.locator("svg.r2020-chart__svg").get_attribute("aria-hidden") == "true"
        table = chart.get_by_role("table")
        assert table.is_visible()
        # The figure is named by its caption, the table by the same title.
        name = chart.locator("figcaption").inner_text()
        assert page.get_by_role("figure", name=name).count() >= 1
    budget = page.get_by_role("table", name="Budget per jaar: toegekend en besteed")
    assert budget.get_by_role("row", name="2017 € 285.000 € 301.900").is_visible()


def test_the_theme_links_to_its_filtered_listings(page):
    page.goto(THEME)
    page.get_by_role("link", name="9 besluiten").click()
    page.wait_for_url("**/besluiten/?thema=collectieve-marketing")
    assert page.get_by_role("combobox", name="Thema").input_value() == "collectieve-marketing"
    assert page.get_by_text("9 besluiten").is_visible()


def test_the_timeline_is_an_ordered_list_with_dates(page):
    page.goto("/themas/")
    timeline = page.locator("ol.r2020-timeline")
    assert timeline.locator("li").count() == 9
    first = timeline.locator("li").first
    assert first.locator("time").get_attribute("datetime") == "2015-02"
    assert first.locator("time").inner_text() == "februari 2015"
    assert "Route 2020 gaat door" in timeline.locator("li").last.inner_text()


def test_the_decisions_filter_works_without_javascript(browser, live_server, seeded):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/besluiten/")
    page.get_by_role("combobox", name="Genomen door").select_option("bestuur")
    page.get_by_role("combobox", name="Jaar").select_option("2015")
    page.get_by_role("button", name="Filteren").click()
    page.wait_for_url("**/besluiten/?orgaan=bestuur&jaar=2015*")
    titles = page.locator(".r2020-card__title").all_inner_texts()
    assert titles == [
        "Plan van aanpak ‘Route 2020: het startschot’",
        "Opdracht voor een branche ontwikkelplan",
    ]
    context.close()
