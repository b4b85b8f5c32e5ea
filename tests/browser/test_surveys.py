"""A member fills in a survey with the keyboard only (Tab, Space, arrows, Enter), saves a
draft, comes back and submits; the survey, its results and the index pass axe-core."""

import pytest
from django.db import connections

from .axe import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

SURVEY = "/enquetes/route-2020-na-2020/"


@pytest.fixture(autouse=True)
def _close_connections():
    yield
    # ORM calls made while Playwright's loop runs get their own connection; close it, or
    # PostgreSQL refuses to drop the test database.
    connections.close_all()


def focused(page):
    return page.evaluate(
        "(() => { const e = document.activeElement;"
        " return [e.tagName, e.name || '', e.value || '', e.textContent.trim()]; })()"
    )


def tab_to(page, test, limit=80):
    """Press Tab until the focused element passes `test`; fails if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if test(focused(page)):
            return
    pytest.fail(f"Niet met Tab te bereiken (laatste focus: {focused(page)})")


def sign_in_by_keyboard(page):
    page.goto(f"/account/login/?next={SURVEY}")
    tab_to(page, lambda f: f[1] == "login")
    page.keyboard.type("lid@route2020.example")
    tab_to(page, lambda f: f[1] == "password")
    page.keyboard.type("route2020-demo")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(f"**{SURVEY}")


def test_member_fills_in_a_survey_with_the_keyboard_only(page):
    from route2020.surveys.models import Draft, Participation, Submission, SurveyPage

    survey = SurveyPage.objects.get(slug="route-2020-na-2020")
    before = Submission.objects.filter(survey=survey).count()
    sign_in_by_keyboard(page)
    assert axe_violations(page) == []
    # 1. scale: the arrows move the choice within the group
    tab_to(page, lambda f: f[0] == "INPUT" and f[2] == "1")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert focused(page)[2] == "4"
    # 2. more choices: Space ticks a box
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    # 3. ranking: a select per option, a place chosen with the arrows
    tab_to(page, lambda f: f[0] == "SELECT")
    for places in (2, 1, 4, 3):
        for _ in range(places):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
    # 4. one choice
    assert focused(page)[0] == "INPUT"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    # 5. a number and 6. an open answer
    page.keyboard.type("3")
    page.keyboard.press("Tab")
    page.keyboard.type("Hoe krijgen we jongeren in het bestuur?")
    # save as a draft: the first button, and what Enter in a field does
    tab_to(page, lambda f: f[0] == "BUTTON" and f[3] == "Opslaan als concept")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "bewaard als concept" in page.content()
    assert Draft.objects.filter(survey=survey).count() == 1
    # back later: everything is still there
    page.goto(SURVEY)
    assert page.locator("input[type=radio][value='4']").first.is_checked()
    ranking = page.locator("select.r2020-ranking__select")
    assert [ranking.nth(i).input_value() for i in range(4)] == ["2", "1", "4", "3"]
    assert page.locator("textarea").input_value() == "Hoe krijgen we jongeren in het bestuur?"
    # a repeated place is refused next to the field, the answers kept
    tab_to(page, lambda f: f[0] == "SELECT")
    page.keyboard.press("ArrowDown")  # place 3, as the last option has
    tab_to(page, lambda f: f[0] == "BUTTON" and f[3] == "Versturen")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Plaats 3 is vaker gekozen." in page.content()
    assert page.locator("textarea").input_value() == "Hoe krijgen we jongeren in het bestuur?"
    assert axe_violations(page) == []
    tab_to(page, lambda f: f[0] == "SELECT")
    page.keyboard.press("ArrowUp")  # back to place 2
    tab_to(page, lambda f: f[0] == "BUTTON" and f[3] == "Versturen")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Bedankt! Je antwoorden zijn verstuurd." in page.content()
    assert Submission.objects.filter(survey=survey).count() == before + 1
    assert Participation.objects.filter(survey=survey, user__email="lid@route2020.example").exists()
    assert not Draft.objects.filter(survey=survey).exists()
    assert axe_violations(page) == []


@pytest.mark.parametrize(
    "path",
    [
        "/enquetes/",
        "/enquetes/?toon=uitslagen",
        "/enquetes/enquete-onder-de-leden-2015/",
        "/enquetes/enquete-onder-de-leden-2015/uitslag/",
        "/enquetes/enquete-onder-de-leden-2015/uitslag/?provincie=overijssel&soort=bibliotheek",
        SURVEY,
    ],
)
def test_survey_pages_pass_axe_and_fit_a_phone(page, path):
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(path)
        assert axe_violations(page) == [], (path, width)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
