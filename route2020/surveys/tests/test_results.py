"""The results page: counted in SQL, public only once published, open answers never public."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from route2020.core.models import Organisation
from route2020.core.tests.factories import PASSWORD, province
from route2020.surveys import results, services
from route2020.surveys.models import Answer, Audience, Question, Submission

from .conftest import questions_of

pytestmark = pytest.mark.django_db
Kind = Question.Kind
SECRET = "Geheim: onze directeur vertrekt."


def answers_for(survey, *, single, multiple, scale, ranking, number, text=""):
    """Plain answers (as the form gives them) by option label."""
    q = questions_of(survey)

    def pk(kind, label):
        return next(o.pk for o in q[kind].options.all() if o.label == label)

    answers = {
        str(q[Kind.SINGLE].pk): pk(Kind.SINGLE, single),
        str(q[Kind.MULTIPLE].pk): [pk(Kind.MULTIPLE, label) for label in multiple],
        str(q[Kind.SCALE].pk): scale,
        str(q[Kind.RANKING].pk): [pk(Kind.RANKING, label) for label in ranking],
        str(q[Kind.NUMBER].pk): number,
    }
    if text:
        answers[str(q[Kind.TEXT].pk)] = text
    return answers


def fill(survey, count, *, organisation=None):
    """`count` submissions written in bulk, answers varying with the number."""
    q = questions_of(survey)
    options = {kind: list(q[kind].options.all()) for kind in q}
    submissions, rows = [], []
    for number in range(count):
        submission = Submission(
            survey=survey,
            organisation=organisation,
            province_id=organisation.province_id if organisation else None,
            organisation_kind=organisation.kind if organisation else "",
            partner_type=organisation.partner_type if organisation else "",
        )
        submissions.append(submission)
        ranking = options[Kind.RANKING][number % 3 :] + options[Kind.RANKING][: number % 3]
        rows += [
            Answer(
                submission=submission,
                question=q[Kind.SINGLE],
                option=options[Kind.SINGLE][number % 3],
            ),
            Answer(
                submission=submission, question=q[Kind.MULTIPLE], option=options[Kind.MULTIPLE][0]
            ),
            Answer(submission=submission, question=q[Kind.SCALE], value=number % 5 + 1),
            Answer(submission=submission, question=q[Kind.NUMBER], value=number % 40),
            Answer(submission=submission, question=q[Kind.TEXT], text=f"Tekst {number}"),
        ] + [
            Answer(submission=submission, question=q[Kind.RANKING], option=o, value=place)
            for place, o in enumerate(ranking, start=1)
        ]
    Submission.objects.bulk_create(submissions)
    Answer.objects.bulk_create(rows)


@pytest.fixture
def published(make_survey):
    def make(**fields):
        now = timezone.now()
        return make_survey(
            audience=Audience.ANYONE,
            results_published_at=now - timedelta(hours=1),
            **fields,
        )

    return make


def office_client(make_user):
    editor = make_user(role="Redactie")
    client = Client()
    client.login(username=editor.username, password=PASSWORD)
    return client


def test_counts_percentages_means_and_borda_points(published):
    survey = published(required=False)
    for single, multiple, scale, ranking, number in [
        ("Lobby", ["Delen"], 5, ["Marketing", "Ontwikkeling", "Ondernemerschap"], 10),
        ("Lobby", ["Delen", "Proeftuin"], 4, ["Marketing", "Ondernemerschap", "Ontwikkeling"], 20),
        ("Actieplannen", ["Proeftuin"], 3, ["Ontwikkeling", "Marketing", "Ondernemerschap"], 0),
        ("Lobby", [], 4, ["Ondernemerschap", "Marketing", "Ontwikkeling"], 30),
    ]:
        answers = answers_for(
            survey, single=single, multiple=multiple, scale=scale, ranking=ranking, number=number
        )
        if not multiple:
            del answers[str(questions_of(survey)[Kind.MULTIPLE].pk)]
        services.submit(survey=survey, user=None, answers=answers)
    computed = results.compute(survey)
    assert computed.submissions == 4
    single, multiple, scale, ranking, number, text = computed.questions
    assert [(r.label, r.count, r.share_text) for r in single.rows] == [
        ("Actieplannen", 1, "25%"),
        ("Praktijkvoorbeelden", 0, "0%"),
        ("Lobby", 3, "75%"),
    ]
    # more choices: shares of the three who answered the question
    assert multiple.respondents == 3
    assert [(r.label, r.count) for r in multiple.rows][:2] == [("Delen", 2), ("Proeftuin", 2)]
    assert multiple.rows[0].share_text == "66,7%"
    assert [r.count for r in scale.rows] == [0, 0, 1, 2, 1]
    assert "Gemiddeld: 4 van 5." in scale.summary
    # Borda: Marketing 3+3+2+2 = 10, Ontwikkeling 2+1+3+1 = 7, Ondernemerschap 1+2+1+3 = 7
    assert [(r.label, r.count) for r in ranking.rows][0] == ("Marketing", 10)
    assert ranking.rows[0].extra == ["1,5", 2]  # mean place 1.5, first twice
    assert "Gemiddeld 15, laagste 0, hoogste 30." in number.summary
    assert sum(row.count for row in number.rows) == 4
    assert text.respondents == 0 and text.texts == []


def test_results_are_not_public_until_published(make_survey, client, make_user):
    survey = make_survey(audience=Audience.ANYONE)
    fill(survey, 3)
    results_url = survey.url + "uitslag/"
    assert client.get(results_url).status_code == 404
    assert "Bekijk de uitslag" not in client.get(survey.url).content.decode()
    office = office_client(make_user)
    html = office.get(results_url).content.decode()
    assert "nog niet openbaar" in html and "Tekst 2" in html
    # published in the future: still not public
    type(survey).objects.filter(pk=survey.pk).update(
        results_published_at=timezone.now() + timedelta(days=1)
    )
    assert client.get(results_url).status_code == 404
    type(survey).objects.filter(pk=survey.pk).update(
        results_published_at=timezone.now() - timedelta(minutes=1)
    )
    assert client.get(results_url).status_code == 200


def test_open_answers_are_shown_to_the_office_only(published, client, make_user):
    survey = published()
    fill(survey, 6)
    services.submit(
        survey=survey,
        user=None,
        answers=answers_for(
            survey,
            single="Lobby",
            multiple=["Delen"],
            scale=3,
            ranking=["Marketing", "Ontwikkeling", "Ondernemerschap"],
            number=4,
            text=SECRET,
        ),
    )
    public = client.get(survey.url + "uitslag/").content.decode()
    assert SECRET not in public and "Tekst 1" not in public
    assert "Open antwoorden worden niet openbaar gemaakt." in public
    assert "antwoorden.csv" not in public
    office = office_client(make_user).get(survey.url + "uitslag/").content.decode()
    assert SECRET in office
    assert "antwoorden.csv" in office


def test_filters_by_province_and_kind_of_organisation(published, client, make_organisation):
    survey = published()
    zwolle = make_organisation(name="Stadkamer Zwolle", province_code="PV23")
    kb = make_organisation(
        name="KB",
        province_code="PV28",
        kind=Organisation.Kind.PARTNER,
        partner_type=Organisation.PartnerType.NATIONAL_LIBRARY,
    )
    fill(survey, 6, organisation=zwolle)
    fill(survey, 5, organisation=kb)
    url = survey.url + "uitslag/"
    assert "11 inzendingen" in client.get(url).content.decode()
    overijssel = province("PV23").slug
    assert (
        "6 inzendingen met deze filters"
        in client.get(f"{url}?provincie={overijssel}").content.decode()
    )
    assert "5 inzendingen met deze filters" in client.get(f"{url}?soort=kb").content.decode()
    assert "5 inzendingen met deze filters" in client.get(f"{url}?soort=partner").content.decode()
    assert (
        "6 inzendingen met deze filters" in client.get(f"{url}?soort=bibliotheek").content.decode()
    )
    # nonsense in the address: no filter, no error
    response = client.get(f"{url}?provincie=atlantis&soort=%3Cscript%3E")
    assert response.status_code == 200 and "11 inzendingen" in response.content.decode()


def test_a_small_filtered_group_is_not_shown_publicly(
    published, client, make_organisation, make_user
):
    survey = published()
    fill(survey, 3, organisation=make_organisation(province_code="PV29"))
    fill(survey, 9, organisation=make_organisation(province_code="PV23"))
    url = f"{survey.url}uitslag/?provincie={province('PV29').slug}"
    html = client.get(url).content.decode()
    assert "minder dan 5 inzendingen" in html
    assert "r2020-chart__svg" not in html
    assert "r2020-chart__svg" in office_client(make_user).get(url).content.decode()


def test_charts_have_a_table_and_numbers_are_not_localised_in_svg(published, client):
    survey = published()
    fill(survey, 7)
    html = client.get(survey.url + "uitslag/").content.decode()
    assert html.count('<svg class="r2020-chart__svg"') == 5  # every question but the open one
    assert html.count("<table") == 5
    svg = html[html.index('<svg class="r2020-chart__svg"') :]
    svg = svg[: svg.index("</svg>")]
    assert "," not in "".join(part.split('"')[1] for part in svg.split("width=")[1:])
    assert "42,9%" in html  # 3 of 7 in a table cell, in Dutch


@pytest.mark.parametrize("count", [20, 200])
def test_results_page_query_count_is_fixed(
    published, client, count, django_assert_num_queries, settings
):
    settings.PAGE_CACHE_ENABLED = False
    survey = published()
    fill(survey, count)
    url = survey.url + "uitslag/?provincie=&soort="
    client.get(url)  # warm the site and view-restriction caches
    # The page (1: its route is known in the process after the first request), questions and
    # options (2), submissions (1), respondents,
    # option counts, scale counts, number statistics and number ranges (5), the breadcrumbs
    # (1) and the filter's provinces (1).
    with django_assert_num_queries(11):
        response = client.get(url)
    assert f"{count} inzendingen" in response.content.decode()


@pytest.mark.parametrize("count", [20, 200])
def test_office_results_page_query_count_is_fixed(
    published, count, make_user, django_assert_num_queries
):
    survey = published()
    fill(survey, count)
    client = office_client(make_user)
    url = survey.url + "uitslag/"
    client.get(url)
    # As the public page, plus the user's permissions (2: the office check) and the latest
    # open answers in one windowed query; the session comes from the cache and the person and
    # their groups from the process (route2020.core.signed_in; before: 17).
    with django_assert_num_queries(14):
        response = client.get(url)
    assert f"Tekst {count - 1}" in response.content.decode()


def test_results_are_renewed_in_the_page_cache_by_a_submission(
    published, client, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    survey = published()
    fill(survey, 5)
    url = survey.url + "uitslag/"
    assert "5 inzendingen" in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(
            survey=survey,
            user=None,
            answers=answers_for(
                survey,
                single="Lobby",
                multiple=["Delen"],
                scale=3,
                ranking=["Marketing", "Ontwikkeling", "Ondernemerschap"],
                number=4,
            ),
        )
    response = client.get(url)
    assert "6 inzendingen" in response.content.decode()
