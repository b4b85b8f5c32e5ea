import re

import pytest
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client

from route2020.practices import services
from route2020.practices.models import Adoption

pytestmark = pytest.mark.django_db


def test_detail_shows_the_how_and_hides_contact_from_visitors(client, make_practice):
    practice = make_practice(
        what_did_not_work="Te weinig ouders op zaterdag.", budget_euros=1500, staff_hours=3200
    )
    response = client.get(practice.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Zo doe je het" in html
    assert "Scholen benaderen" in html
    assert "Te weinig ouders op zaterdag." in html
    assert "€\u00a01.500" in html  # with the thousands separator (core money filter)
    assert "Uren personeel: 3.200<" in html  # hours too, as the euros are
    assert "anna@bieb.example" not in html
    assert "Anna de Vries" not in html
    assert "@" not in html.split("<main")[-1].split("</main>")[0]


def test_detail_shows_contact_to_signed_in_member(client, make_practice, make_user):
    practice = make_practice()
    client.force_login(make_user())
    html = client.get(practice.url).content.decode()
    assert "Anna de Vries" in html
    assert "anna@bieb.example" in html
    # the follow-up mail after an event links here to record an adoption
    overname = html[html.index('id="overname"') :]
    assert "Wij hebben dit ook gedaan" in overname


def test_html_in_text_fields_is_shown_as_text(client, make_practice):
    practice = make_practice(
        title="<script>alert(1)</script>Titel",
        summary="<img src=x onerror=alert(1)>",
        what_worked="<b>vet</b><script>alert(2)</script>",
        lessons="<iframe src=//evil>",
    )
    html = client.get(practice.url).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<iframe src=//evil>" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html


def test_member_records_adoption_once(
    client, make_practice, make_user, django_capture_on_commit_callbacks
):
    practice = make_practice()
    member = make_user()
    client.force_login(member)
    url = f"/praktijkvoorbeelden/overnemen/{practice.pk}/"
    response = client.post(url, {"how_it_went": "Goed, 40 gezinnen kwamen."})
    assert response.status_code == 302
    client.post(url, {"how_it_went": "Nog een keer"})
    assert Adoption.objects.filter(practice=practice).count() == 1
    practice.refresh_from_db()
    assert practice.adoption_count == 1
    client.logout()
    html = client.get(practice.url).content.decode()
    assert member.organisation.name in html
    assert "Goed, 40 gezinnen kwamen." in html


def test_adoption_needs_text_and_shows_dutch_error(client, make_practice, make_user):
    practice = make_practice()
    client.force_login(make_user())
    response = client.post(f"/praktijkvoorbeelden/overnemen/{practice.pk}/", {"how_it_went": ""})
    assert response.status_code == 400
    assert "Dit is een verplicht veld." in response.content.decode()
    assert not Adoption.objects.exists()


def test_adoption_count_survives_republishing(make_practice, make_user):
    practice = make_practice()
    services.adoption_create(practice=practice, user=make_user(), how_it_went="Prima")
    practice.refresh_from_db()
    practice.save_revision().publish()
    practice.refresh_from_db()
    assert practice.adoption_count == 1


def test_visitor_cannot_adopt(client, make_practice):
    practice = make_practice()
    response = client.post(f"/praktijkvoorbeelden/overnemen/{practice.pk}/", {"how_it_went": "x"})
    assert response.status_code == 302
    assert "/account/" in response["Location"]
    assert not Adoption.objects.exists()


def test_pilot_logbook_by_owner_only(client, make_practice, make_user, make_organisation):
    owner_org = make_organisation()
    pilot = make_practice(organisation=owner_org, kind="proeftuin", phase="uitvoering")
    client.force_login(make_user(organisation=owner_org))
    url = f"/praktijkvoorbeelden/logboek/{pilot.pk}/"
    assert client.post(url, {"date": "2018-03-01", "text": "Eerste sessie"}).status_code == 302
    client.force_login(make_user())
    assert client.post(url, {"date": "2018-03-02", "text": "Indringer"}).status_code == 403
    client.logout()
    html = client.get(pilot.url).content.decode()
    assert "Eerste sessie" in html
    assert "Indringer" not in html
    assert "1 maart 2018" in html


def test_spread_map_draws_provinces_and_lines(client, make_practice, make_user, make_organisation):
    origin = make_organisation(province_code="PV23", latitude=52.5, longitude=6.1)
    adopter = make_organisation(province_code="PV27", latitude=52.1, longitude=4.3)
    practice = make_practice(organisation=origin)
    services.adoption_create(
        practice=practice, user=make_user(organisation=adopter), how_it_went="Goed"
    )
    html = client.get("/praktijkvoorbeelden/verspreiding/").content.decode()
    assert "<svg" in html and "<path" in html
    assert html.count("<line") == 1
    assert "Bron: CBS, PDOK" in html
    assert "Overijssel" in html


def test_home_section_has_recent_practices(make_practice, django_assert_num_queries):
    from route2020.core.pages import restricted_paths
    from route2020.practices.home import home_sections

    make_practice()
    restricted_paths()  # kept per process and content generation, read by every section
    with django_assert_num_queries(1):
        practices = list(home_sections()[0].context["recent_practices"])
    assert practices[0].card_meta


def test_detail_page_queries_are_few_and_a_new_adoption_shows_at_once(
    client, make_practice, make_user, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_ENABLED = False
    practice = make_practice()
    client.get("/")  # the site frame's own caches
    with django_assert_max_num_queries(14):
        client.get(practice.url)  # first visit fills the fragments
    with django_assert_max_num_queries(4):
        html = client.get(practice.url).content.decode()
    assert "Nog niemand heeft laten weten dit ook te doen." in html
    adopter = make_user()
    services.adoption_create(practice=practice, user=adopter, how_it_went="Goed.")
    html = client.get(practice.url).content.decode()
    assert adopter.organisation.name in html


def test_a_practice_behind_a_view_restriction_is_not_on_the_home_page(client, make_practice):
    from wagtail.models import PageViewRestriction

    make_practice(title="Open ontbijt")
    secret = make_practice(title="Geheim ontbijt")
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    html = client.get("/").content.decode()
    assert "Open ontbijt" in html
    assert "Geheim ontbijt" not in html


def test_a_signed_in_member_costs_one_query(
    client, make_practice, make_user, django_assert_num_queries
):
    """The route's page; the person (route2020.core.signed_in), the organisation's adoptions
    and the blank adoption form are kept per process."""
    practice = make_practice()
    client.force_login(make_user())
    client.get(practice.url)
    with django_assert_num_queries(1):
        html = client.get(practice.url).content.decode()
    assert "anna@bieb.example" in html and 'name="how_it_went"' in html


def test_members_only_parts_are_theirs_alone(client, make_practice, make_user, make_organisation):
    """The kept blank form and adoptions are shared; the contact, the form and the CSRF token
    go only to whom they belong, whoever asked first."""
    practice = make_practice()
    adopter, other = make_user(), make_user()
    services.adoption_create(practice=practice, user=adopter, how_it_went="Goed gegaan.")
    first, second = Client(), Client()
    first.force_login(adopter)
    second.force_login(other)
    for _ in range(2):  # the second time from what the process keeps
        mine = first.get(practice.url).content.decode()
        theirs = second.get(practice.url).content.decode()
        anonymous = client.get(practice.url).content.decode()
        assert "anna@bieb.example" in mine and "anna@bieb.example" in theirs
        assert 'name="how_it_went"' not in mine  # adopted already
        assert 'name="how_it_went"' in theirs
        assert "anna@bieb.example" not in anonymous and 'name="how_it_went"' not in anonymous
        assert "Goed gegaan." in anonymous
    # Every CSRF token on each page is that member's own secret.
    for html, browser in ((mine, first), (theirs, second)):
        tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert tokens
        secrets = {_unmask_cipher_token(token) for token in tokens}
        assert secrets == {browser.cookies["csrftoken"].value}
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value


def test_a_demoted_member_loses_the_contact_at_once(client, make_practice, make_user):
    from django.contrib.auth.models import Group

    practice = make_practice()
    member = make_user()
    client.force_login(member)
    assert "anna@bieb.example" in client.get(practice.url).content.decode()
    member.groups.remove(Group.objects.get(name="Lid"))
    html = client.get(practice.url).content.decode()
    assert "anna@bieb.example" not in html and 'name="how_it_went"' not in html


def test_an_adoption_hides_the_form_from_the_organisations_other_members_at_once(
    make_practice, make_user, make_organisation
):
    practice = make_practice()
    library = make_organisation()
    colleague = Client()
    colleague.force_login(make_user(organisation=library))
    assert 'name="how_it_went"' in colleague.get(practice.url).content.decode()
    services.adoption_create(
        practice=practice, user=make_user(organisation=library), how_it_went="Ja."
    )
    assert 'name="how_it_went"' not in colleague.get(practice.url).content.decode()
