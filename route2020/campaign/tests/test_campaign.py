"""The campaign page, its map and the sign-up of libraries for a period."""

import re

import pytest
from django.test import Client

from route2020.campaign import privacy, services
from route2020.campaign.models import CampaignSignup
from route2020.core.tests.factories import make_organisation, make_user

from .factories import make_campaign, make_past_period, make_period, sign_up

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uncached(settings):
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def campaign(home):
    return make_campaign(home)


def text_of(html):
    return re.sub(r"\s+", " ", html.replace("\xa0", " "))


def member_client(organisation=None):
    user = make_user(organisation=organisation or make_organisation("Stadkamer Zwolle"))
    client = Client()
    client.force_login(user)
    return client, user


def signup_url(campaign):
    return campaign.url + "aanmelden/"


def test_campaign_page_shows_periods_budget_in_dutch_and_the_map_with_its_table(campaign):
    period = make_period(campaign, media_budget=85000)
    zwolle = make_organisation("Stadkamer Zwolle", "PV23", latitude=52.5168, longitude=6.083)
    sign_up(period, zwolle, "Examenavonden in de Stadkamer.")
    sign_up(period, make_organisation("Bibliotheek Eindhoven", "PV30"))  # no coordinates
    html = text_of(Client().get(campaign.url).content.decode())
    assert "Glansrijk" in html and "Eindexamenkandidaten" in html
    assert "€ 85.000" in html
    assert "2 bibliotheken doen mee." in html
    # Two dots (one at the province's middle), never a localised coordinate.
    dots = re.findall(r'<circle class="r2020-map__dot" cx="([^"]+)" cy="([^"]+)"', html)
    assert len(dots) == 2
    assert all("," not in x and "," not in y for x, y in dots)
    assert re.search(r"Overijssel</th><td class=\"utrecht-table__cell r2020-number\">1</td>", html)
    assert "Examenavonden in de Stadkamer." in html


def test_visitor_is_sent_to_sign_in_and_a_person_without_organisation_is_refused(campaign):
    make_period(campaign)
    response = Client().get(signup_url(campaign))
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    client = Client()
    client.force_login(make_user(role=None))
    response = client.post(signup_url(campaign), {"activity": "Iets"})
    assert response.status_code == 403
    assert "Alleen leden van een aangesloten bibliotheek" in response.content.decode()
    assert not CampaignSignup.objects.exists()


def test_a_member_signs_up_their_own_library_whatever_the_form_says(campaign):
    period = make_period(campaign)
    other = make_organisation("Bibliotheek Tilburg", "PV30")
    client, user = member_client()
    response = client.post(
        signup_url(campaign),
        {"period": period.pk, "activity": "Posters.", "organisation": other.pk},
    )
    assert response.status_code == 302
    signup = CampaignSignup.objects.get()
    assert signup.organisation == user.organisation and signup.signed_up_by == user


def test_a_library_signing_up_twice_for_one_period_gets_a_dutch_message_next_to_the_field(
    campaign,
):
    period = make_period(campaign)
    zwolle = make_organisation("Stadkamer Zwolle")
    sign_up(period, zwolle)
    client, _user = member_client(zwolle)
    response = client.post(signup_url(campaign), {"period": period.pk, "activity": "Nog eens."})
    assert response.status_code == 400
    html = response.content.decode()
    assert re.search(
        r'id="id_period_error"><p>Jouw bibliotheek doet al mee aan deze campagneperiode.', html
    )
    assert "Nog eens." in html  # the text typed is kept
    assert CampaignSignup.objects.count() == 1


def test_the_database_keeps_one_signup_per_period_when_two_arrive_at_once(campaign):
    period = make_period(campaign)
    zwolle = make_organisation("Stadkamer Zwolle")
    services.signup_create(period=period, organisation=zwolle, user=None, activity="Een")
    with pytest.raises(services.ValidationError) as error:
        services.signup_create(period=period, organisation=zwolle, user=None, activity="Twee")
    assert "doet al mee" in error.value.message_dict["period"][0]
    assert CampaignSignup.objects.count() == 1


def test_a_signup_after_the_period_ended_gets_a_dutch_message_and_nothing_is_saved(campaign):
    past = make_past_period(campaign)
    client, _user = member_client()
    response = client.post(signup_url(campaign), {"period": past.pk, "activity": "Te laat."})
    assert response.status_code == 400
    html = response.content.decode()
    assert re.search(
        r'id="id_period_error"><p>Deze campagneperiode is afgelopen op 30 juni 2017', html
    )
    assert not CampaignSignup.objects.exists()
    # The service refuses it too, whatever form called it.
    with pytest.raises(services.ValidationError):
        services.signup_create(
            period=past, organisation=make_organisation(), user=None, activity="Te laat."
        )


@pytest.mark.parametrize(
    "data, field",
    [({"activity": "Posters."}, "period"), ({"period": "999999", "activity": "x"}, "period")],
)
def test_missing_or_wrong_input_is_a_message_never_a_server_error(campaign, data, field):
    make_period(campaign)
    client, _user = member_client()
    response = client.post(signup_url(campaign), data)
    assert response.status_code == 400
    assert f'id="id_{field}_error"' in response.content.decode()


def test_signups_are_rate_limited(campaign, settings):
    settings.RATE_LIMITS = {"campaign-signup": "2/10m"}
    make_period(campaign)
    client, _user = member_client()
    statuses = [client.post(signup_url(campaign), {"activity": "x"}).status_code for _ in range(3)]
    assert statuses == [400, 400, 429]
    response = client.post(signup_url(campaign), {"activity": "Posters bij de balie."})
    assert response["Retry-After"] == "600" and "no-store" in response["Cache-Control"]
    assert "Posters bij de balie." in response.content.decode()  # the text typed is kept


def test_privacy_export_and_forget(campaign):
    period = make_period(campaign)
    client, user = member_client()
    client.post(signup_url(campaign), {"period": period.pk, "activity": "Posters."})
    exported = privacy.export(user)
    assert exported["campagne_aanmeldingen"][0]["wat_lokaal"] == "Posters."
    privacy.forget(user)
    signup = CampaignSignup.objects.get()
    assert signup.signed_up_by is None  # the library keeps taking part
    assert privacy.export(user) == {"campagne_aanmeldingen": []}


@pytest.mark.parametrize("count", [3, 40])
def test_campaign_page_runs_a_fixed_number_of_queries(
    campaign, count, django_assert_max_num_queries
):
    periods = [make_period(campaign, title=f"Periode {n}") for n in range(3)]
    for number in range(count):
        sign_up(periods[number % 3], make_organisation(f"Bibliotheek {number}", "PV23"))
    client = Client()
    client.get("/")
    with django_assert_max_num_queries(10):
        html = client.get(campaign.url).content.decode()
    assert f"{count} bibliotheken doen mee." in html
    with django_assert_max_num_queries(10):
        client.get(periods[0].url)


def test_a_signup_renews_the_cached_campaign_pages(campaign, settings):
    settings.PAGE_CACHE_ENABLED = True
    period = make_period(campaign)
    visitor = Client()
    assert "0 bibliotheken doen mee." in text_of(visitor.get(campaign.url).content.decode())
    visitor.get(period.url)
    assert visitor.get(campaign.url).headers.get("X-Page-Cache") == "hit"
    client, _user = member_client()
    client.post(signup_url(campaign), {"period": period.pk, "activity": "Posters."})
    assert "Eén bibliotheek doet mee." in text_of(visitor.get(campaign.url).content.decode())
    assert "Posters." in visitor.get(period.url).content.decode()


def test_uncached_the_page_is_shared_until_a_signup_or_a_publish_changes_it(
    campaign, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    """What a member gets (no page cache): the text, the map and the list of who takes part
    are fragments kept per process, renewed by a sign-up (the campaign's scope) or a publish."""
    period = make_period(campaign)
    member, _user = member_client()
    visitor = Client()
    for client in (visitor, member):
        assert "0 bibliotheken doen mee." in text_of(client.get(campaign.url).content.decode())
    with django_assert_max_num_queries(2):  # the route only: everything else is kept
        visitor.get(campaign.url)
    with django_capture_on_commit_callbacks(execute=True):
        member.post(signup_url(campaign), {"period": period.pk, "activity": "Posters."})
    for client in (visitor, member):
        html = text_of(client.get(campaign.url).content.decode())
        assert "Eén bibliotheek doet mee." in html and "Posters." in html
        assert html.count('class="r2020-map__dot"') == 1
    period.title = "Glansrijker"
    period.save_revision().publish()
    assert "Glansrijker" in visitor.get(campaign.url).content.decode()


def test_the_demo_replaces_the_old_content_page_at_campagne(home):
    from route2020.campaign.models import CampaignPage
    from route2020.core.models import ContentPage
    from route2020.core.pages import child
    from route2020.demo.content.campaign import campaign_page

    child(home, ContentPage, "campagne", title="Campagne")
    page, new = campaign_page(home)
    assert new and isinstance(page, CampaignPage) and page.url == "/campagne/"
    assert not ContentPage.objects.filter(slug="campagne").exists()
    assert campaign_page(home) == (page, False)
