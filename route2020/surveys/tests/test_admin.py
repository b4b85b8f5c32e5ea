"""The office builds surveys in /beheer/ (questions inline, in order), downloads the answers,
and cannot break answers already given by editing the survey."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    streamfield,
)

from route2020.core.tests.factories import PASSWORD
from route2020.surveys import services
from route2020.surveys.models import Audience, Question, SurveyPage

from .conftest import questions_of

# The office publishes these pages at once: without the approval workflow.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_workflow")]
Kind = Question.Kind


@pytest.fixture
def office(make_user):
    editor = make_user(role="Redactie")
    client = Client()
    client.login(username=editor.username, password=PASSWORD)
    return client


def new_survey_data(questions, **fields):
    data = {
        "title": "Enquête over de Reisflitsen",
        "slug": "enquete-reisflitsen",
        "intro": "",
        "body": streamfield([]),
        "opens_at": "01-03-2030 09:00",
        "closes_at": "31-03-2030 17:00",
        "audience": Audience.MEMBERS,
        "anonymous": "on",
        "results_published_at": "",
        "results_text": "",
        "questions": inline_formset(questions),
        "action-publish": "publish",
    }
    data.update(fields)
    return nested_form_data(data)


def question(kind, text, options=(), **fields):
    return {
        "kind": kind,
        "text": text,
        "help_text": "",
        "required": "on",
        "min_value": fields.get("min_value", ""),
        "max_value": fields.get("max_value", ""),
        "options": inline_formset([{"label": label} for label in options]),
    }


def add_url(survey_index):
    return reverse("wagtailadmin_pages:add", args=["surveys", "surveypage", survey_index.pk])


def test_the_office_builds_a_survey_with_questions_in_order(office, survey_index):
    data = new_survey_data(
        [
            question(Kind.RANKING, "Zet in volgorde", ["Webinar", "Deel-je-rijk-sessie"]),
            question(Kind.NUMBER, "Hoeveel?", min_value="0", max_value="10"),
            question(Kind.TEXT, "Wat nog?"),
        ]
    )
    response = office.post(add_url(survey_index), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    survey = SurveyPage.objects.get(slug="enquete-reisflitsen")
    assert survey.live and survey.anonymous
    assert [(q.kind, q.text) for q in survey.get_questions()] == [
        (Kind.RANKING, "Zet in volgorde"),
        (Kind.NUMBER, "Hoeveel?"),
        (Kind.TEXT, "Wat nog?"),
    ]
    ranking = survey.get_questions()[0]
    assert [o.label for o in ranking.options.all()] == ["Webinar", "Deel-je-rijk-sessie"]
    assert survey.revisions.count() == 1


@pytest.mark.parametrize(
    ("questions", "fields", "message"),
    [
        ([question(Kind.SINGLE, "Eén?", ["Alleen deze"])], {}, "minstens twee mogelijkheden"),
        ([question(Kind.SCALE, "Schaal", ["Ja", "Nee"])], {}, "horen alleen bij"),
        (
            [question(Kind.NUMBER, "Getal", min_value="10", max_value="5")],
            {},
            "kleiner dan het kleinste",
        ),
        (
            [question(Kind.NUMBER, "Getal", min_value="0", max_value="2000000000")],
            {},
            "een miljard",
        ),
        ([question(Kind.TEXT, "Tekst", min_value="1")], {}, "horen alleen bij een getal"),
        ([question(Kind.TEXT, "Tekst")], {"closes_at": "01-02-2030 09:00"}, "sluit voordat"),
    ],
)
def test_a_survey_the_form_could_not_ask_is_refused(
    office, survey_index, questions, fields, message
):
    response = office.post(add_url(survey_index), new_survey_data(questions, **fields))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SurveyPage.objects.exists()


def edit_data(office, survey):
    url = reverse("wagtailadmin_pages:edit", args=[survey.pk])
    data = querydict_from_html(office.get(url).content.decode(), form_id="page-edit-form")
    data.update(nested_form_data({"body": streamfield([])}))  # drawn by JavaScript
    return url, data


def test_questions_with_answers_cannot_be_removed_or_changed(office, make_survey, make_user):
    survey = make_survey(audience=Audience.ANYONE, required=False)
    q = questions_of(survey)
    services.submit(
        survey=survey,
        user=None,
        answers={str(q[Kind.SINGLE].pk): q[Kind.SINGLE].options.first().pk},
    )
    url, data = edit_data(office, survey)
    index = next(i for i in range(6) if data[f"questions-{i}-id"] == str(q[Kind.SINGLE].pk))
    data[f"questions-{index}-DELETE"] = "1"
    data["anonymous"] = "on"
    data["action-publish"] = "publish"
    html = office.post(url, data).content.decode()
    assert "Deze vraag heeft al antwoorden en kan niet weg." in html
    assert "Kan niet meer veranderen: deze enquête heeft al antwoorden." in html
    assert survey.questions.count() == 6 and not SurveyPage.objects.get(pk=survey.pk).anonymous

    url, data = edit_data(office, survey)
    data[f"questions-{index}-kind"] = Kind.MULTIPLE
    data[f"questions-{index}-options-0-DELETE"] = "1"
    data["action-publish"] = "publish"
    html = office.post(url, data).content.decode()
    assert "Kan niet meer veranderen: deze vraag heeft al antwoorden." in html
    assert "Deze mogelijkheid is al gekozen en kan niet weg." in html
    assert questions_of(survey)[Kind.SINGLE].options.count() == 3

    # a question without answers may still go, and a new one be added
    url, data = edit_data(office, survey)
    text_index = next(i for i in range(6) if data[f"questions-{i}-id"] == str(q[Kind.TEXT].pk))
    data[f"questions-{text_index}-DELETE"] = "1"
    data["action-publish"] = "publish"
    assert office.post(url, data).status_code == 302
    assert not survey.questions.filter(kind=Kind.TEXT).exists()


def test_office_downloads_the_answers_as_csv(office, make_survey, make_user):
    survey = make_survey(audience=Audience.MEMBERS, anonymous=False, required=False)
    q = questions_of(survey)
    member = make_user(first_name="Anouk", last_name="de Vries")
    ranking = [o.pk for o in q[Kind.RANKING].options.all()][::-1]
    services.submit(
        survey=survey,
        user=member,
        answers={
            str(q[Kind.MULTIPLE].pk): [o.pk for o in q[Kind.MULTIPLE].options.all()][:2],
            str(q[Kind.RANKING].pk): ranking,
            str(q[Kind.NUMBER].pk): 7,
            str(q[Kind.TEXT].pk): '=HYPERLINK("http://example.org")',
        },
    )
    response = office.get(reverse("surveys_answers_csv", args=[survey.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    header, row = rows
    assert header[2:5] == ["naam", "e-mailadres", "organisatie"]
    assert "4. Zet de thema's in volgorde. – Marketing (plaats)" in header
    values = dict(zip(header, row, strict=True))
    assert values["naam"] == "Anouk de Vries"
    assert values["organisatie"] == member.organisation.name
    assert values["2. Hoe wil je bijdragen?"] == "Delen; Proeftuin"
    assert values["4. Zet de thema's in volgorde. – Ontwikkeling (plaats)"] == "1"
    assert values["5. Hoeveel fte werkt aan vernieuwing?"] == "7"
    # a formula is written as text, never run by a spreadsheet
    assert values["6. Wat mist er nog?"] == '\'=HYPERLINK("http://example.org")'


def test_csv_of_an_anonymous_survey_names_nobody(office, make_survey, make_user):
    survey = make_survey(anonymous=True, required=False)
    member = make_user(first_name="Bram", last_name="Jansen")
    services.submit(survey=survey, user=member, answers={})
    response = office.get(reverse("surveys_answers_csv", args=[survey.pk]))
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Bram" not in content and member.email not in content
    assert member.organisation.name not in content
    assert "naam" not in content.splitlines()[0]


def test_only_the_office_downloads_answers(client, make_survey, make_user):
    survey = make_survey()
    url = reverse("surveys_answers_csv", args=[survey.pk])
    assert client.get(url).status_code == 302  # to the sign-in page
    member = make_user()
    client.login(username=member.username, password=PASSWORD)
    assert client.get(url).status_code in (302, 403)


def test_the_office_previews_a_survey_with_a_new_question(office, make_survey):
    survey = make_survey()
    url, data = edit_data(office, survey)
    total = int(data["questions-TOTAL_FORMS"])
    data.update(
        {
            "questions-TOTAL_FORMS": str(total + 1),
            f"questions-{total}-kind": Kind.SINGLE,
            f"questions-{total}-text": "Een vraag die nog niet bewaard is",
            f"questions-{total}-help_text": "",
            f"questions-{total}-required": "on",
            f"questions-{total}-min_value": "",
            f"questions-{total}-max_value": "",
            f"questions-{total}-ORDER": str(total),
            f"questions-{total}-DELETE": "",
            f"questions-{total}-id": "",
            f"questions-{total}-options-TOTAL_FORMS": "2",
            f"questions-{total}-options-INITIAL_FORMS": "0",
            f"questions-{total}-options-MIN_NUM_FORMS": "0",
            f"questions-{total}-options-MAX_NUM_FORMS": "1000",
            f"questions-{total}-options-0-label": "Ja",
            f"questions-{total}-options-0-ORDER": "0",
            f"questions-{total}-options-1-label": "Nee",
            f"questions-{total}-options-1-ORDER": "1",
        }
    )
    preview = reverse("wagtailadmin_pages:preview_on_edit", args=[survey.pk])
    assert office.post(preview, data).json()["is_valid"]
    response = office.get(preview)
    html = response.content.decode()
    assert response.status_code == 200
    assert "7. Een vraag die nog niet bewaard is" in html
    assert "Opslaan en versturen kan hier niet." in html
    assert 'name="actie"' not in html


def test_the_page_listing_links_to_results_and_answers(office, make_survey, survey_index):
    survey = make_survey()
    html = office.get(reverse("wagtailadmin_explore", args=[survey_index.pk])).content.decode()
    assert reverse("surveys_answers_csv", args=[survey.pk]) in html
    assert f"{survey.url}uitslag/" in html
