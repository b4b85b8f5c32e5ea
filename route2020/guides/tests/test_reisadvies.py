import io

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from route2020.core import roles
from route2020.core.models import Province
from route2020.guides.models import ReisadviesPage

pytestmark = pytest.mark.django_db

CREATE = reverse("guides:advice-create")


def pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    return reader, " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_page_shows_recommendations_cited_practices_visits_and_links_its_pdf(
    client, make_advice, make_practice, make_visit, library
):
    practice = make_practice(organisation=library, title="Ondernemersplein Deventer")
    advice = make_advice(practices=[practice], visits=[make_visit(practices=[practice])])
    page = client.get(advice.url).content.decode()
    assert "Aanbeveling nummer 3" in page
    assert f'href="{practice.url}"' in page
    assert "Proeftuin 2b" in page
    assert "Bibliotheek Deventer" in page and "3 mei 2016" in page
    assert f'href="{advice.url}pdf/"' in page


def test_a_cited_practice_that_is_no_longer_live_is_left_out(
    client, make_advice, make_practice, library
):
    practice = make_practice(organisation=library, title="Teruggetrokken voorbeeld")
    advice = make_advice(practices=[practice])
    practice.unpublish()
    assert "Teruggetrokken voorbeeld" not in client.get(advice.url).content.decode()


def test_the_pdf_holds_the_title_and_every_recommendation_heading(
    client, make_advice, make_practice, library
):
    practice = make_practice(organisation=library, title="Ondernemersplein Deventer")
    advice = make_advice(recommendations=12, practices=[practice], title="Reisadvies: één proef")
    response = client.get(f"{advice.url}pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader, text = pdf_text(response.content)
    assert "Reisadvies: één proef" in text
    for number in range(1, 13):
        assert f"{number}. Aanbeveling nummer {number}" in text
    assert "Ondernemersplein Deventer" in text
    assert reader.metadata.title == "Reisadvies: één proef"
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline == ["Reisadvies: één proef"]
    fonts = {
        font["/BaseFont"]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].get_object().values()
    }
    assert all("NotoSans" in name for name in fonts)  # the platform's own font, embedded


def test_a_draft_advice_and_its_pdf_are_not_public(client, make_advice):
    advice = make_advice()
    advice.unpublish()
    assert client.get(f"/reisadvies/{advice.slug}/pdf/").status_code == 404


def test_the_index_lists_the_published_advices(client, make_advice, advice_index):
    make_advice(title="Reisadvies 2016")
    page = client.get(advice_index.url).content.decode()
    assert "Reisadvies 2016" in page


def test_the_advice_is_found_by_site_search_and_listed_in_the_sitemap(client, make_advice):
    from django.core.management import call_command

    advice = make_advice(title="Reisadvies over bibliotheekwerkplaatsen")
    call_command("update_index", verbosity=0)
    html = client.get("/zoeken/", {"q": "bibliotheekwerkplaatsen"}).content.decode()
    assert f'href="{advice.url}"' in html
    # The recommendations' words are indexed too.
    html = client.get("/zoeken/", {"q": "Aanbeveling nummer"}).content.decode()
    assert f'href="{advice.url}"' in html
    assert advice.full_url.split("testserver")[-1] in client.get("/sitemap.xml").content.decode()


@pytest.mark.parametrize("count", [2, 30])
def test_the_page_costs_a_fixed_number_of_queries(
    client,
    settings,
    make_advice,
    make_practice,
    make_visit,
    library,
    count,
    django_assert_max_num_queries,
):
    settings.PAGE_CACHE_ENABLED = False
    practices = [make_practice(organisation=library) for _ in range(3)]
    visits = [make_visit(practices=practices) for _ in range(count)]
    advice = make_advice(recommendations=count, practices=practices, visits=visits)
    client.get(advice.url)  # warm the site's caches
    with django_assert_max_num_queries(10):
        response = client.get(advice.url)
    assert response.content.decode().count('r2020-recommendation"') == count


def test_uncached_the_pages_are_shared_until_a_publish_or_a_visit_changes_them(
    client,
    settings,
    make_advice,
    make_visit,
    make_organisation,
    advice_index,
    guide,
    django_assert_max_num_queries,
):
    """What a member gets (no page cache): the advice and the list are fragments kept per
    process, renewed by any publish or a change to a visit."""
    settings.PAGE_CACHE_ENABLED = False
    visit = make_visit()
    advice = make_advice(visits=[visit], title="Reisadvies Oost")
    member = Client()
    member.force_login(guide)
    for browser in (client, member):
        assert "Bibliotheek Deventer" in browser.get(advice.url).content.decode()
        assert "Reisadvies Oost" in browser.get(advice_index.url).content.decode()
    for url in (advice.url, advice_index.url):
        with django_assert_max_num_queries(2):  # the route only: everything else is kept
            client.get(url)
    visit.organisation = make_organisation("Bibliotheek Zwolle", province_code="PV23")
    visit.save()
    make_advice(title="Reisadvies West", slug="reisadvies-west")
    for browser in (client, member):
        assert "Bibliotheek Zwolle" in browser.get(advice.url).content.decode()
        assert "Reisadvies West" in browser.get(advice_index.url).content.decode()


# --- writing an advice -------------------------------------------------------------------------


def advice_data(provinces, visits=(), recommendations=1, **changes):
    data = {
        "title": "Reisadvies Oost",
        "intro": "Wat we zagen in het oosten.",
        "date": "2016-07-14",
        "provinces": [province.pk for province in provinces],
        "visits": [visit.pk for visit in visits],
        "aanbeveling-TOTAL_FORMS": "3",
        "aanbeveling-INITIAL_FORMS": "0",
        "aanbeveling-MIN_NUM_FORMS": "1",
        "aanbeveling-MAX_NUM_FORMS": "60",
    }
    for number in range(recommendations):
        data[f"aanbeveling-{number}-heading"] = f"Werk samen met ondernemers {number}"
        data[f"aanbeveling-{number}-text"] = "Start met een spreekuur."
        data[f"aanbeveling-{number}-pilots"] = "Spreekuur met de KvK\nFlexplekken"
    data.update(changes)
    return data


def test_a_guide_writes_a_draft_advice_for_their_provinces(
    client, guide, advice_index, make_visit, make_practice, library
):
    practice = make_practice(organisation=library)
    visit = make_visit(practices=[practice])
    client.force_login(guide)
    page = client.get(CREATE).content.decode()
    assert practice.title in page
    data = advice_data(guide.provinces.all(), [visit], recommendations=2)
    data["aanbeveling-1-practices"] = [practice.pk]
    response = client.post(CREATE, data)
    assert response.status_code == 302
    advice = ReisadviesPage.objects.get()
    assert not advice.live and advice.author == guide
    draft = advice.get_latest_revision_as_object()
    items = draft.raw_recommendations()
    assert [item["heading"] for item in items] == [
        "Werk samen met ondernemers 0",
        "Werk samen met ondernemers 1",
    ]
    assert items[1]["practice_ids"] == [practice.pk]
    assert items[0]["pilots"] == ["Spreekuur met de KvK", "Flexplekken"]
    assert list(draft.visits.all()) == [visit]
    # The office publishes it; then it is the office's, not the guide's, to change.
    advice.get_latest_revision().publish()
    edit = reverse("guides:advice-edit", args=[advice.pk])
    data["title"] = "Gewijzigd door de gids"
    assert client.post(edit, data).status_code == 302
    assert ReisadviesPage.objects.get().get_latest_revision_as_object().title == "Reisadvies Oost"


def test_a_guide_edits_their_own_draft(client, guide, advice_index):
    client.force_login(guide)
    client.post(CREATE, advice_data(guide.provinces.all()))
    advice = ReisadviesPage.objects.get()
    edit = reverse("guides:advice-edit", args=[advice.pk])
    page = client.get(edit).content.decode()
    assert "Werk samen met ondernemers 0" in page
    data = advice_data(guide.provinces.all(), title="Reisadvies Oost, tweede versie")
    data["aanbeveling-INITIAL_FORMS"] = "1"
    assert client.post(edit, data).status_code == 302
    advice = ReisadviesPage.objects.get(pk=advice.pk)
    assert advice.get_latest_revision_as_object().title == "Reisadvies Oost, tweede versie"
    assert len(advice.get_latest_revision_as_object().raw_recommendations()) == 1


def test_a_guide_cannot_write_for_another_province(client, guide, advice_index):
    utrecht = Province.objects.get(code="PV26")
    client.force_login(guide)
    response = client.post(CREATE, advice_data([utrecht]))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_provinces_error"' in page
    assert "Je kunt alleen een reisadvies schrijven voor je eigen provincies." in page
    assert "Werk samen met ondernemers 0" in page  # kept
    assert not ReisadviesPage.objects.exists()


def test_another_guides_visit_and_a_missing_recommendation_are_refused(
    client, guide, other_guide, advice_index, make_visit, utrecht_library
):
    theirs = make_visit(organisation=utrecht_library, by=other_guide)
    client.force_login(guide)
    response = client.post(CREATE, advice_data(guide.provinces.all(), [theirs]))
    assert response.status_code == 400
    assert "Kies je eigen bezoeken." in response.content.decode()
    response = client.post(CREATE, advice_data(guide.provinces.all(), recommendations=0))
    assert response.status_code == 400
    assert "Schrijf minstens één aanbeveling." in response.content.decode()
    response = client.post(CREATE, advice_data(guide.provinces.all(), **{"aanbeveling-0-text": ""}))
    assert response.status_code == 400
    assert 'id="id_aanbeveling-0-text_error"' in response.content.decode()
    assert not ReisadviesPage.objects.exists()


def test_a_guide_cannot_open_another_guides_draft(client, guide, other_guide, advice_index):
    client.force_login(guide)
    client.post(CREATE, advice_data(guide.provinces.all()))
    advice = ReisadviesPage.objects.get()
    client.force_login(other_guide)
    edit = reverse("guides:advice-edit", args=[advice.pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit, advice_data(other_guide.provinces.all())).status_code == 404


def test_members_and_visitors_cannot_write_an_advice(client, make_user, advice_index):
    assert "/account/login/" in client.get(CREATE)["Location"]
    client.force_login(make_user(role=roles.MEMBER))
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, {}).status_code == 403
    client.force_login(make_user(role=roles.EDITOR))
    assert client.get(CREATE).status_code == 403  # the office writes in /beheer/


def test_every_spelling_of_a_page_number_shares_the_kept_list(
    client, settings, make_advice, advice_index, django_assert_max_num_queries
):
    """The list's fragment is keyed on the page shown (route2020.core.pagination), not on
    how `?pagina=` was written: `01`, `x` or `99` show page 1 of one page and cost no query
    beyond the route once it is kept."""
    settings.PAGE_CACHE_ENABLED = False
    make_advice(title="Reisadvies Oost")
    assert "Reisadvies Oost" in client.get(advice_index.url).content.decode()
    for written in ("1", "01", "x", "99", ""):
        with django_assert_max_num_queries(2):  # the route only: count and list are kept
            html = client.get(f"{advice_index.url}?pagina={written}").content.decode()
        assert "Reisadvies Oost" in html
