"""The question pages pass axe-core: the listing and a question as a visitor, the form to
ask and a question with its answer form as a member."""

import pytest
from django.db import connections

from .axe import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _close_connections():
    yield
    connections.close_all()


@pytest.fixture
def question(seeded):
    from route2020.core.models import Organisation, User
    from route2020.core.pages import child
    from route2020.core.tests.factories import make_user
    from route2020.demo.content.core import home_page
    from route2020.questions import services
    from route2020.questions.models import QuestionIndexPage
    from route2020.themes.models import ThemePage

    child(home_page(), QuestionIndexPage, "vragen", title="Vragen")
    asker = User.objects.get(email="lid@route2020.example")
    question = services.question_ask(
        user=asker,
        title="We willen een taalcafé starten: wie heeft dat al gedaan?",
        body="Hoe vonden jullie vrijwilligers?",
        themes=list(ThemePage.objects.live()[:1]),
    )
    other = Organisation.objects.exclude(pk=asker.organisation_id).first()
    services.answer_create(
        question=question,
        user=make_user(organisation=other),
        text="Wij draaien elke dinsdag een taalcafé met zes vrijwilligers.",
    )
    return question


def test_question_pages_pass_axe(page, question):
    for url in ("/vragen/", "/vragen/?status=open", question.url):
        page.goto(url)
        assert axe_violations(page) == [], url
    page.goto(f"/account/login/?next={question.url}")
    page.fill("input[name=login]", "lid@route2020.example")
    page.fill("input[name=password]", "route2020-demo")
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")
    page.wait_for_url(f"**{question.url}")
    assert page.locator("text=Markeer als nuttig").count() == 1
    assert axe_violations(page) == []
    page.goto("/vragen/nieuw/")
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.click("main form.r2020-form button[type=submit]")  # empty: errors by the fields
    assert page.locator(".utrecht-form-field-error-message").count() >= 2
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(question.url)
    page.screenshot(path="/tmp/r2020-question-390.png", full_page=True)
