"""Filling in a survey: drafts, the final submit, and every refusal (Dutch message next to
the field, the answers kept, nothing half-saved, never a 500)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from route2020.core.tests.factories import PASSWORD
from route2020.surveys.models import Answer, Audience, Draft, Participation, Question, Submission

from .conftest import form_data, option, questions_of

pytestmark = pytest.mark.django_db
Kind = Question.Kind


def signed_in(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def stored():
    return (
        Submission.objects.count(),
        Answer.objects.count(),
        Participation.objects.count(),
        Draft.objects.count(),
    )


def test_member_submits_every_kind_of_question(make_survey, member):
    survey = make_survey()
    client = signed_in(member)
    response = client.post(survey.url, form_data(survey))
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "Bedankt! Je antwoorden zijn verstuurd." in html
    assert "Je hebt deze enquête ingevuld." in html
    assert 'name="actie"' not in html  # no form any more
    submission = Submission.objects.get()
    assert submission.user == member and submission.organisation == member.organisation
    assert submission.province == member.organisation.province
    assert submission.organisation_kind == "bibliotheek"
    q = questions_of(survey)
    answers = {
        (a.question.kind, a.option.label if a.option else None): a
        for a in Answer.objects.select_related("question", "option")
    }
    assert (Kind.SINGLE, "Lobby") in answers
    assert {label for kind, label in answers if kind == Kind.MULTIPLE} == {"Delen", "Proeftuin"}
    assert answers[(Kind.SCALE, None)].value == 4
    assert answers[(Kind.NUMBER, None)].value == 12
    assert answers[(Kind.TEXT, None)].text == "Meer over leesbevordering."
    ranking = {label: a.value for (kind, label), a in answers.items() if kind == Kind.RANKING}
    assert ranking == {"Ondernemerschap": 1, "Marketing": 2, "Ontwikkeling": 3}
    assert Participation.objects.get().user == member
    assert q  # the questions were read from the survey


def test_a_draft_is_kept_and_comes_back(make_survey, member):
    survey = make_survey()
    client = signed_in(member)
    q = questions_of(survey)
    data = form_data(survey, action="concept", single=None, multiple=None, number=None)
    response = client.post(survey.url, data)
    assert response.status_code == 302
    assert stored() == (0, 0, 0, 1)
    html = client.get(survey.url).content.decode()
    assert "bewaard als concept" in html
    assert "Je concept van" in html
    # what was saved is filled in again: the scale, the ranking and the text
    assert (
        f'value="4" class="r2020-scale" required id="id_vraag-{q[Kind.SCALE].pk}_3" checked' in html
    )
    ontwikkeling = option(q[Kind.RANKING], "Ontwikkeling").pk
    assert f'name="vraag-{q[Kind.RANKING].pk}-{ontwikkeling}"' in html
    assert '<option value="3" selected>3</option>' in html
    assert "Meer over leesbevordering." in html
    # a second save replaces the draft, the submit removes it
    client.post(survey.url, data)
    assert Draft.objects.count() == 1
    assert client.post(survey.url, form_data(survey)).status_code == 302
    assert stored() == (1, 9, 1, 0)


def test_a_draft_with_an_invalid_answer_is_not_saved(make_survey, member):
    survey = make_survey()
    client = signed_in(member)
    q = questions_of(survey)
    data = form_data(survey, action="concept", scale={f"vraag-{q[Kind.SCALE].pk}": "6"})
    response = client.post(survey.url, data)
    assert response.status_code == 400
    assert "Kies een getal van 1 tot en met 5." in response.content.decode()
    assert stored() == (0, 0, 0, 0)


def test_required_questions_must_be_answered_on_submit_only(make_survey, member):
    survey = make_survey()
    client = signed_in(member)
    data = form_data(survey, single=None, ranking=None)
    response = client.post(survey.url, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert html.count("Beantwoord deze vraag.") == 2
    assert "Meer over leesbevordering." in html  # kept
    # a summary above the form links to both questions
    q = questions_of(survey)
    assert "Niet alles is goed ingevuld." in html
    assert f'href="#id_vraag-{q[Kind.SINGLE].pk}_0">1. Wat moet de agenda opleveren?' in html
    ranking = q[Kind.RANKING]
    assert f'href="#id_vraag-{ranking.pk}-{ranking.options.first().pk}">4. ' in html
    assert stored() == (0, 0, 0, 0)


def test_a_second_submission_is_refused(make_survey, member):
    survey = make_survey()
    client = signed_in(member)
    client.post(survey.url, form_data(survey))
    response = client.post(survey.url, form_data(survey), follow=True)
    assert "Je hebt deze enquête al ingevuld." in response.content.decode()
    assert stored() == (1, 9, 1, 0)
    # a draft cannot be started after submitting either
    client.post(survey.url, form_data(survey, action="concept"))
    assert Draft.objects.count() == 0


def test_one_submission_per_organisation(make_survey, make_user, make_organisation):
    survey = make_survey(audience=Audience.ORGANISATIONS)
    library = make_organisation(name="Stadkamer Zwolle")
    first, colleague = make_user(organisation=library), make_user(organisation=library)
    assert signed_in(first).post(survey.url, form_data(survey)).status_code == 302
    client = signed_in(colleague)
    html = client.get(survey.url).content.decode()
    assert "Stadkamer Zwolle heeft deze enquête ingevuld." in html
    response = client.post(survey.url, form_data(survey), follow=True)
    assert "Je organisatie heeft deze enquête al ingevuld." in response.content.decode()
    assert Submission.objects.count() == 1
    assert Participation.objects.get().organisation == library


def test_a_forged_organisation_is_ignored(make_survey, member, make_organisation):
    survey = make_survey(audience=Audience.ORGANISATIONS)
    other = make_organisation(name="Bibliotheek Elders")
    data = form_data(survey) | {"organisation": str(other.pk), "organisatie": str(other.pk)}
    assert signed_in(member).post(survey.url, data).status_code == 302
    submission = Submission.objects.get()
    assert submission.organisation == member.organisation != other
    assert not Participation.objects.filter(organisation=other).exists()


@pytest.mark.parametrize("when", ["closed", "not-yet"])
def test_no_answers_outside_the_open_period(make_survey, member, when):
    now = timezone.now()
    if when == "closed":
        survey = make_survey(opens_at=now - timedelta(days=9), closes_at=now - timedelta(hours=1))
        message = "Deze enquête is gesloten."
    else:
        survey = make_survey(opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=9))
        message = "Deze enquête is nog niet open."
    client = signed_in(member)
    page = client.get(survey.url).content.decode()
    assert 'name="actie"' not in page
    for action in ("versturen", "concept"):
        response = client.post(survey.url, form_data(survey, action=action))
        html = response.content.decode()
        assert response.status_code == 409
        assert message in html
        assert "Meer over leesbevordering." in html  # what they typed is shown again
    assert stored() == (0, 0, 0, 0)


def test_the_survey_closing_between_page_and_submit(make_survey, member):
    survey = make_survey()
    client = signed_in(member)
    client.get(survey.url)
    type(survey).objects.filter(pk=survey.pk).update(closes_at=timezone.now())
    response = client.post(survey.url, form_data(survey))
    assert response.status_code == 409
    assert stored() == (0, 0, 0, 0)


INVALID = [
    (
        "single",
        lambda q: {f"vraag-{q[Kind.SINGLE].pk}": "999999"},
        "Kies een van de mogelijkheden.",
    ),
    (
        "single",
        lambda q: {f"vraag-{q[Kind.SINGLE].pk}": str(q[Kind.MULTIPLE].options.first().pk)},
        "Kies een van de mogelijkheden.",
    ),
    ("multiple", lambda q: {f"vraag-{q[Kind.MULTIPLE].pk}": ["abc"]}, "Kies alleen uit"),
    ("scale", lambda q: {f"vraag-{q[Kind.SCALE].pk}": "0"}, "Kies een getal van 1 tot en met 5."),
    ("scale", lambda q: {f"vraag-{q[Kind.SCALE].pk}": "6"}, "Kies een getal van 1 tot en met 5."),
    (
        "scale",
        lambda q: {f"vraag-{q[Kind.SCALE].pk}": "vier"},
        "Kies een getal van 1 tot en met 5.",
    ),
    ("number", lambda q: {f"vraag-{q[Kind.NUMBER].pk}": "41"}, "hoogstens 40"),
    ("number", lambda q: {f"vraag-{q[Kind.NUMBER].pk}": "-1"}, "minstens 0"),
    ("number", lambda q: {f"vraag-{q[Kind.NUMBER].pk}": "twaalf"}, "Vul een heel getal in"),
    ("number", lambda q: {f"vraag-{q[Kind.NUMBER].pk}": "1,5"}, "Vul een heel getal in"),
    ("text", lambda q: {f"vraag-{q[Kind.TEXT].pk}": "x" * 5001}, "Je antwoord is te lang"),
    (
        "ranking",
        lambda q: {
            f"vraag-{q[Kind.RANKING].pk}-{o.pk}": str(place)
            for place, o in enumerate(list(q[Kind.RANKING].options.all())[:2], start=1)
        },
        "Geef elke mogelijkheid een plaats: er ontbreekt er één.",
    ),
    (
        "ranking",
        lambda q: {
            f"vraag-{q[Kind.RANKING].pk}-{o.pk}": "1" for o in q[Kind.RANKING].options.all()
        },
        "Plaats 1 is vaker gekozen.",
    ),
    (
        "ranking",
        lambda q: {
            f"vraag-{q[Kind.RANKING].pk}-{o.pk}": str(place)
            for place, o in enumerate(q[Kind.RANKING].options.all(), start=2)
        },
        "Kies voor elke mogelijkheid een plaats van 1 tot en met 3.",
    ),
]


@pytest.mark.parametrize(("kind", "values", "message"), INVALID)
def test_an_invalid_value_for_each_kind_of_question(make_survey, member, kind, values, message):
    survey = make_survey()
    q = questions_of(survey)
    response = signed_in(member).post(survey.url, form_data(survey, **{kind: values(q)}))
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    # the error is next to its field, linked for screen readers
    question = q[getattr(Kind, kind.upper())]
    assert f'id="id_vraag-{question.pk}_error"' in html
    assert "Meer over leesbevordering." in html or kind == "text"
    assert stored() == (0, 0, 0, 0)


def test_a_forged_ranking_option_of_another_question_is_ignored(make_survey, member):
    survey = make_survey()
    q = questions_of(survey)
    data = form_data(survey)
    data[f"vraag-{q[Kind.RANKING].pk}-{q[Kind.SINGLE].options.first().pk}"] = "4"
    assert signed_in(member).post(survey.url, data).status_code == 302
    assert Answer.objects.filter(question=q[Kind.RANKING]).count() == 3


def test_a_visitor_cannot_answer_a_members_survey(make_survey, client):
    survey = make_survey()
    html = client.get(survey.url).content.decode()
    assert "Deze enquête is alleen voor leden." in html and "Log in om mee te doen" in html
    response = client.post(survey.url, form_data(survey))
    assert response.status_code == 403
    assert "alleen voor leden" in response.content.decode()
    assert stored() == (0, 0, 0, 0)


def test_a_signed_in_person_without_organisation_cannot_answer_a_members_survey(
    make_survey, make_user
):
    survey = make_survey()
    editor = make_user(role="Redactie")
    response = signed_in(editor).post(survey.url, form_data(survey))
    assert response.status_code == 403
    assert stored() == (0, 0, 0, 0)


def test_anyone_survey_a_visitor_submits_without_a_draft(make_survey, client):
    survey = make_survey(audience=Audience.ANYONE, anonymous=True)
    html = client.get(survey.url).content.decode()
    assert "Opslaan als concept" not in html
    assert "tussendoor opslaan kan als je inlogt" in html
    # a visitor's "concept" is treated as a submit: there is nothing to save a draft to
    assert client.post(survey.url, form_data(survey, action="concept")).status_code == 302
    submission = Submission.objects.get()
    assert submission.user is None and submission.organisation is None
    participation = Participation.objects.get()  # the browser's token, not the person
    assert participation.user is None and participation.visitor
    assert Draft.objects.count() == 0


def test_anyone_survey_a_visitor_submits_once_per_browser(make_survey, client):
    from django.db import IntegrityError, transaction

    from route2020.surveys.services import VISITOR_COOKIE

    survey = make_survey(audience=Audience.ANYONE, anonymous=True)
    client.get(survey.url)
    assert VISITOR_COOKIE not in client.cookies  # only once they take part
    assert client.post(survey.url, form_data(survey)).status_code == 302
    cookie = client.cookies[VISITOR_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    # the database keeps a hash of the token, never the token itself
    assert Participation.objects.get().visitor != cookie.value
    response = client.post(survey.url, form_data(survey))
    assert response.status_code == 409
    assert "Je hebt deze enquête al ingevuld." in response.content.decode()
    assert Submission.objects.count() == 1
    # another browser takes part on its own
    assert Client().post(survey.url, form_data(survey)).status_code == 302
    assert Submission.objects.count() == 2
    # the database refuses a second participation of the same token
    with pytest.raises(IntegrityError), transaction.atomic():
        first = Participation.objects.first()
        Participation.objects.create(survey=survey, visitor=first.visitor)


def test_anonymous_submission_is_not_linked_to_the_person(make_survey, member):
    survey = make_survey(anonymous=True)
    signed_in(member).post(survey.url, form_data(survey))
    submission = Submission.objects.get()
    assert submission.user is None and submission.organisation is None
    # only what the filters need
    assert submission.province == member.organisation.province
    assert submission.organisation_kind == "bibliotheek"
    participation = Participation.objects.get()
    assert participation.user == member
    # the participation holds no time and no link to the answers
    assert {f.name for f in Participation._meta.get_fields()} == {
        "id",
        "survey",
        "user",
        "organisation",
        "visitor",
    }


def test_flooding_is_limited_per_person(make_survey, member, settings):
    settings.RATE_LIMITS = {"survey-write": "3/10m"}
    survey = make_survey()
    client = signed_in(member)
    data = form_data(survey, action="concept")
    for _ in range(3):
        assert client.post(survey.url, data).status_code == 302
    response = client.post(survey.url, form_data(survey))
    html = response.content.decode()
    assert response.status_code == 429
    assert "erg vaak opgeslagen of verstuurd" in html
    assert "Meer over leesbevordering." in html
    assert Submission.objects.count() == 0


def test_flooding_is_limited_per_client_for_visitors(make_survey, client, settings):
    settings.RATE_LIMITS = {"survey-write": "2/10m"}
    survey = make_survey(audience=Audience.ANYONE)
    q = questions_of(survey)
    invalid = form_data(survey, scale={f"vraag-{q[Kind.SCALE].pk}": "9"})
    assert client.post(survey.url, invalid).status_code == 400
    assert client.post(survey.url, form_data(survey)).status_code == 302
    del client.cookies["r2020_enquete"]  # a new browser on the same address
    assert client.post(survey.url, form_data(survey)).status_code == 429
    assert Submission.objects.count() == 1


def test_other_methods_are_refused(make_survey, member):
    survey = make_survey()
    assert signed_in(member).put(survey.url).status_code == 405


def test_the_survey_page_of_a_member_is_not_cached(make_survey, member):
    survey = make_survey()
    response = signed_in(member).get(survey.url)
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_visitors_submitted_page_is_not_cached_for_everyone(make_survey, client, settings):
    """The page cache keys on the path, not on the survey cookie: the page rendered for a
    browser that took part ("Je hebt deze enquête ingevuld") must not be served to others."""
    settings.PAGE_CACHE_ENABLED = True
    survey = make_survey(audience=Audience.ANYONE, anonymous=True)
    assert client.post(survey.url, form_data(survey)).status_code == 302
    client.cookies.pop("messages", None)
    client.cookies.pop("sessionid", None)
    assert "Je hebt deze enquête ingevuld." in client.get(survey.url).content.decode()
    other = Client().get(survey.url)
    assert other.status_code == 200
    assert "Je hebt deze enquête ingevuld." not in other.content.decode()
    assert 'name="actie"' in other.content.decode() or "<form" in other.content.decode()


def test_the_opening_times_are_valid_html_datetimes(make_survey, client):
    """A time made in code (timezone.now()) has microseconds; `date:'c'` wrote them, and
    HTML allows at most three digits of a second."""
    import re

    survey = make_survey(audience=Audience.ANYONE)
    assert survey.opens_at.microsecond or survey.closes_at.microsecond
    stamps = re.findall(r'<time datetime="([^"]+)"', client.get(survey.url).content.decode())
    assert stamps
    for stamp in stamps:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?[+-]\d\d:?\d\d", stamp), stamp


def test_one_browser_in_two_surveys_is_not_linked_in_the_database(make_survey, client):
    first = make_survey(audience=Audience.ANYONE, anonymous=True)
    second = make_survey(audience=Audience.ANYONE, anonymous=True)
    assert client.post(first.url, form_data(first)).status_code == 302
    assert client.post(second.url, form_data(second)).status_code == 302
    assert client.post(second.url, form_data(second)).status_code == 409  # still once each
    keys = set(Participation.objects.values_list("visitor", flat=True))
    assert len(keys) == 2
