"""/besluiten/ and a decision: what was decided, by whom, when, with its documents and what it
is about; filters that never fail; found by search; listed in the sitemap."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import IntegrityError, transaction
from wagtail.documents.models import Document
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from route2020.agenda.tests.factories import (
    make_action,
    make_decision,
    make_index_pages,
    make_plan,
    make_theme_world,
    make_themes,
)
from route2020.core.tests.factories import PASSWORD
from route2020.decisions.models import DecisionPage

# The office publishes these pages at once: without the approval workflow.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_workflow")]

# The route and the page; once the path's page is known in the process
# (route2020.core.fragments), only the page.
SERVING_FIRST = 2
SERVING = 1
# /besluiten/, once per generation and combination of filters: the years and the themes to
# filter on, the count and the page of decisions.
INDEX_FRAGMENT = 4
# A decision: breadcrumbs, documents, themes, plans, the plans' budget in its year.
DECISION_FRAGMENT = 5


@pytest.fixture(autouse=True)
def uncached(settings, tmp_path):
    settings.PAGE_CACHE_ENABLED = False
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def themes(home):
    return make_themes(home)[1]


@pytest.fixture
def index(home):
    return make_index_pages(home)["decisions"]


@pytest.fixture
def seed_decisions(index, themes):
    marketing = themes[1]
    return [
        make_decision(
            index,
            title="Opdracht voor een branche ontwikkelplan",
            decided_by="bestuur",
            decided_on=date(2015, 2, 1),
            date_precision="maand",
        ),
        make_decision(
            index,
            title="Vijf thema's voor Route 2020",
            decided_on=date(2015, 6, 1),
            date_precision="maand",
            themes=themes,
        ),
        make_decision(
            index,
            title="Campagneperiode Glansrijk",
            decided_by="bestuur",
            decided_on=date(2017, 3, 14),
            themes=[marketing],
        ),
    ]


def titles(html):
    return re.findall(r'r2020-card__title"><a class="utrecht-link" href="[^"]+">([^<]+)</a>', html)


def test_index_lists_newest_first_with_body_and_date(seed_decisions, client):
    html = client.get("/besluiten/").content.decode()
    assert titles(html) == [
        "Campagneperiode Glansrijk",
        "Vijf thema&#x27;s voor Route 2020",
        "Opdracht voor een branche ontwikkelplan",
    ]
    assert "Algemene ledenvergadering · juni 2015" in html
    assert "Bestuur · 14 maart 2017" in html
    assert "3 besluiten" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "orgaan=bestuur",
            ["Campagneperiode Glansrijk", "Opdracht voor een branche ontwikkelplan"],
        ),
        ("orgaan=alv", ["Vijf thema&#x27;s voor Route 2020"]),
        (
            "jaar=2015",
            ["Vijf thema&#x27;s voor Route 2020", "Opdracht voor een branche ontwikkelplan"],
        ),
        ("jaar=2015&orgaan=bestuur", ["Opdracht voor een branche ontwikkelplan"]),
        (
            "thema=collectieve-marketing",
            ["Campagneperiode Glansrijk", "Vijf thema&#x27;s voor Route 2020"],
        ),
    ],
)
def test_filters_by_body_year_and_theme(seed_decisions, client, query, expected):
    html = client.get(f"/besluiten/?{query}").content.decode()
    assert titles(html) == expected


def test_the_filter_offers_the_years_that_have_decisions(seed_decisions, client):
    html = client.get("/besluiten/?jaar=2017").content.decode()
    assert re.findall(r'<option value="(\d{4})"', html) == ["2017", "2015"]
    assert '<option value="2017" selected>2017</option>' in html


@pytest.mark.parametrize(
    "query",
    [
        "orgaan=koning",
        "jaar=abc",
        "jaar=1850",
        "thema=bestaat-niet",
        "pagina=99",
        "pagina=x",
        "jaar=" + "9" * 500,
    ],
)
def test_unknown_filter_values_are_ignored_never_an_error(seed_decisions, client, query):
    response = client.get(f"/besluiten/?{query}")
    assert response.status_code == 200
    assert len(titles(response.content.decode())) == 3


def test_decision_page_shows_the_decision_its_documents_and_what_it_is_about(home, themes, client):
    theme = themes[1]
    plan, indexes, decisions = make_theme_world(home, theme, 1)
    document = Document(title="Besluitenlijst ALV 10 december 2015")
    document.file.save("besluitenlijst.txt", ContentFile(b"Besluit: begroting 2016."), save=False)
    document.save()
    decision = decisions[0]
    decision.title = "Begroting 2016: middelen voor Route 2020"
    decision.decision = "<p>De ledenvergadering stelt de begroting 2016 vast.</p>"
    decision.documents.create(document=document)
    decision.save_revision().publish()
    html = client.get(decision.url).content.decode().replace("\xa0", " ")
    assert "<dt>Genomen door</dt><dd>Algemene ledenvergadering</dd>" in html
    assert '<time datetime="2015-12-10">10 december 2015</time>' in html
    assert "De ledenvergadering stelt de begroting 2016 vast." in html
    assert f'href="{document.url}">Besluitenlijst ALV 10 december 2015</a>' in html
    assert f'Thema: <a class="utrecht-link" href="{theme.url}">Collectieve marketing</a>' in html
    assert f'href="{plan.url}">{plan.title}</a> (2016–2020)' in html
    # The budget of the year it decided, as the plans hold it now.
    assert "<dt>Vastgesteld budget</dt><dd>€ 10.000</dd>" in html
    assert re.search(r"Budget 2016 per actieplan.*?€ 10.000.*?€ 9.000", html, re.S)
    # ... and the plan page links back.
    assert f'href="{decision.url}">Begroting 2016' in client.get(plan.url).content.decode()


def test_decisions_are_found_by_site_search_and_listed_in_the_sitemap(seed_decisions, client):
    call_command("update_index", verbosity=0)
    html = client.get("/zoeken/", {"q": "Glansrijk"}).content.decode()
    assert "Campagneperiode Glansrijk" in html and "besluit" in html
    sitemap = client.get("/sitemap.xml").content.decode()
    for decision in seed_decisions:
        assert f"<loc>http://testserver{decision.url}</loc>" in sitemap
    assert "<loc>http://testserver/besluiten/</loc>" in sitemap


@pytest.mark.parametrize("count", [3, 30])
def test_index_runs_a_fixed_number_of_queries(
    home, themes, client, count, django_assert_num_queries
):
    make_theme_world(home, themes[1], count)
    client.get("/")
    with django_assert_num_queries(SERVING_FIRST + INDEX_FRAGMENT):
        html = client.get("/besluiten/?thema=collectieve-marketing").content.decode()
    assert len(titles(html)) == min(count, 20)
    with django_assert_num_queries(SERVING):
        client.get("/besluiten/?thema=collectieve-marketing")


@pytest.mark.parametrize("count", [3, 30])
def test_decision_page_runs_a_fixed_number_of_queries(
    home, themes, index, client, count, django_assert_num_queries
):
    plans = [make_plan(theme, title=f"Plan {n}") for n in range(count) for theme in themes[:1]]
    for plan in plans[:3]:
        make_action(plan, budget={2016: (100, 50)})
    decision = make_decision(index, themes=themes, plans=plans, budget_year=2016)
    client.get("/")
    with django_assert_num_queries(SERVING_FIRST + DECISION_FRAGMENT):
        html = client.get(decision.url).content.decode()
    assert html.count("Actieplan: <a") == count
    with django_assert_num_queries(SERVING):
        client.get(decision.url)


def decision_form(**overrides):
    data = {
        "title": "Begroting 2016",
        "slug": "begroting-2016",
        "intro": "",
        "decided_by": "alv",
        "decided_on": "2015-12-10",
        "date_precision": "dag",
        "decision": rich_text("<p>De ALV stelt de begroting vast.</p>"),
        "body": streamfield([]),
        "documents": inline_formset([]),
        "budget_year": "2016",
        "budget_amount": "610000",
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.fixture
def editor_client(client, make_user):
    assert client.login(username=make_user(role="Redactie").username, password=PASSWORD)
    return client


def test_the_office_publishes_a_decision(editor_client, index):
    response = editor_client.post(
        f"/beheer/pages/add/decisions/decisionpage/{index.pk}/", decision_form()
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    decision = DecisionPage.objects.get(slug="begroting-2016")
    assert decision.live and decision.budget_amount == Decimal(610000)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"budget_year": ""},
            "budget_year",
            "Bij een vastgesteld budget hoort een begrotingsjaar.",
        ),
        ({"budget_amount": "-1"}, "budget_amount", "Een bedrag kan niet negatief zijn."),
        ({"decided_on": "10-13-2015"}, "decided_on", None),
        ({"decided_by": "koning"}, "decided_by", None),
    ],
)
def test_bad_input_is_refused_next_to_the_field(editor_client, index, overrides, field, message):
    response = editor_client.post(
        f"/beheer/pages/add/decisions/decisionpage/{index.pk}/", decision_form(**overrides)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert errors and (message is None or errors == [message])
    assert not DecisionPage.objects.exists()


def test_the_database_keeps_a_budget_with_its_year_and_not_negative(index):
    decision = make_decision(index, budget_year=2016, budget_amount=Decimal(100))
    for change in ({"budget_amount": Decimal(-1)}, {"budget_year": None}):
        with pytest.raises(IntegrityError), transaction.atomic():
            DecisionPage.objects.filter(pk=decision.pk).update(**change)


def test_members_cannot_add_decisions(client, index, make_user):
    assert client.login(username=make_user(role="Lid").username, password=PASSWORD)
    response = client.post(f"/beheer/pages/add/decisions/decisionpage/{index.pk}/", decision_form())
    assert response.status_code in (302, 403)
    assert not DecisionPage.objects.exists()


def test_a_filtered_listing_is_kept_in_the_page_cache_per_filter(seed_decisions, client, settings):
    """The listing's parameters are declared to the page cache: each filter has its own copy,
    and a parameter no page reads (utm_source) does not make another one."""
    settings.PAGE_CACHE_ENABLED = True
    assert client.get("/besluiten/?orgaan=alv")["X-Page-Cache"] == "miss"
    cached = client.get("/besluiten/?orgaan=alv&utm_source=nieuwsbrief")
    assert cached["X-Page-Cache"] == "hit"
    assert titles(cached.content.decode()) == ["Vijf thema&#x27;s voor Route 2020"]
    other = client.get("/besluiten/?orgaan=bestuur")
    assert other["X-Page-Cache"] == "miss"
    assert "Vijf thema" not in "".join(titles(other.content.decode()))


def test_every_spelling_of_a_page_number_shares_the_kept_listing(
    home, themes, client, django_assert_num_queries
):
    """Keyed on the page shown (route2020.core.pagination): `?pagina=02`, `99` or `2 ` add no
    fragment of their own and cost no query beyond the page once the listing is kept."""
    make_theme_world(home, themes[1], 22)
    client.get("/")
    second = titles(client.get("/besluiten/", {"pagina": "2"}).content.decode())
    assert len(second) == 2
    for written in ("02", "99", "2 "):
        with django_assert_num_queries(SERVING):
            html = client.get("/besluiten/", {"pagina": written}).content.decode()
        assert titles(html) == second
