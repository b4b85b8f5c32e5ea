"""The site frame: home, content pages, errors, sitemap, robots, cookies, page cache."""

import json
import re

import pytest
from django.test import Client
from django.utils import timezone

from route2020.core.models import ContentPage, Province, User
from route2020.core.pages import child
from route2020.core.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_content_page_shows_last_update_print_button_and_skip_link(about, client):
    html = client.get("/over-route-2020/").content.decode()
    about.refresh_from_db()
    # The page shows the date in TIME_ZONE (Europe/Amsterdam): from 23:00 UTC (22:00 in summer)
    # that is already the next day.
    date = timezone.localtime(about.last_published_at)
    assert re.search(r"Laatst bijgewerkt op\s*<time[^>]*>\d{1,2} \w+ \d{4}</time>", html)
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus"]
    months += ["september", "oktober", "november", "december"]
    assert f"{date.day} {months[date.month - 1]} {date.year}" in html
    assert "Printen" in html
    assert 'href="#inhoud"' in html
    assert 'media="print"' in html


def test_header_navigation_lists_menu_pages(about, client):
    html = client.get("/").content.decode()
    nav = html[html.index("r2020-nav") :]
    assert 'href="/over-route-2020/"' in nav


def test_not_found_page_is_styled_and_404(home, client):
    response = client.get("/bestaat-echt-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Deze pagina bestaat niet" in html
    assert "r2020-header" in html


def test_server_error_page_needs_nothing_from_the_database(home, rf, django_assert_num_queries):
    from django.urls import get_resolver
    from django.utils import translation

    handler = get_resolver().resolve_error_handler(500)
    with django_assert_num_queries(0):
        response = handler(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Er ging iets mis" in html and 'lang="nl"' in html
    # The site's frame: its header with the search form.
    assert 'class="r2020-header__search"' in html and 'action="/zoeken/"' in html
    with translation.override("en"):
        html = handler(rf.get("/en/")).content.decode()
    assert 'lang="en"' in html and 'action="/en/zoeken/"' in html and 'href="/en/"' in html


def test_forbidden_page_is_the_sites_own_in_both_languages(home, client, make_user):
    """A member opening a regional guide's page gets the site's 403 page, not a bare one."""
    client.force_login(make_user())
    response = client.get("/praktijkvoorbeelden/beoordelen/")
    assert response.status_code == 403
    html = response.content.decode()
    assert 'lang="nl"' in html and "r2020-header__search" in html
    assert "Deze pagina is niet voor jou" in html
    response = client.get("/en/praktijkvoorbeelden/beoordelen/")
    assert response.status_code == 403
    assert 'lang="en"' in response.content.decode()


def test_robots_txt_points_to_the_sitemap(home, client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /beheer/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_every_url_in_the_sitemap_answers(about, client):
    xml = client.get("/sitemap.xml").content.decode()
    urls = re.findall(r"<loc>http://testserver([^<]+)</loc>", xml)
    assert "/over-route-2020/" in urls
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_favicon_and_styles_are_served_by_the_site_itself(about, client):
    html = client.get("/over-route-2020/").content.decode()
    for url in re.findall(r'(?:href|src)="([^"]+)"', html):
        assert not url.startswith("//"), url
        if url.startswith("http"):
            # only links to content (share links, canonical) go elsewhere, never assets
            assert not re.search(r"\.(css|js|woff2?|png|svg|ico)(\?|$)", url), url


def test_english_interface_under_en(about, client):
    html = client.get("/en/over-route-2020/").content.decode()
    assert '<html lang="en"' in html
    assert "Last updated on" in html or "Laatst bijgewerkt op" not in html


class TestPageCache:
    def test_second_anonymous_request_is_served_from_the_cache(self, about, client):
        assert client.get("/over-route-2020/")["X-Page-Cache"] == "miss"
        assert client.get("/over-route-2020/")["X-Page-Cache"] == "hit"

    def test_publishing_clears_the_cache(self, about, client):
        client.get("/over-route-2020/")
        about.title = "Over ons"
        about.save_revision().publish()
        response = client.get("/over-route-2020/")
        assert response["X-Page-Cache"] == "miss"
        assert "Over ons" in response.content.decode()

    def test_cookie_choice_gets_its_own_copy(self, about, client):
        client.get("/over-route-2020/")
        client.cookies["r2020_cookies"] = "ja"
        response = client.get("/over-route-2020/")
        assert response["X-Page-Cache"] == "miss"
        assert "Je hebt ingestemd met statistiekcookies." in response.content.decode()

    def test_signed_in_people_are_never_served_a_cached_page(self, about, make_user):
        user = make_user(role=None)
        client = Client()
        client.get("/over-route-2020/")
        client.force_login(user)
        response = client.get("/over-route-2020/")
        assert "X-Page-Cache" not in response
        assert "Uitloggen" in response.content.decode()


class TestProfile:
    def test_profile_needs_a_login(self, home, client):
        response = client.get("/account/profiel/")
        assert response.status_code == 302
        assert "/account/login/" in response["Location"]

    def test_member_chooses_an_organisation(self, home, client, make_user, make_organisation):
        user = make_user(role=None)
        library = make_organisation(name="Bibliotheek Zwolle-Zuid")
        client.force_login(user)
        response = client.post(
            "/account/profiel/",
            {
                "first_name": "Anna",
                "last_name": "Smit",
                "job_title": "",
                "organisation": library.pk,
                "language": "nl",
            },
        )
        assert response.status_code == 302
        user.refresh_from_db()
        # A request the regiogids or the office confirms (route2020/core/tests/test_membership.py).
        assert user.organisation is None
        assert user.membership_requests.get().organisation == library
        assert "Je profiel is opgeslagen." in client.get("/account/profiel/").content.decode()

    def test_bad_input_keeps_what_was_typed(self, home, client, make_user):
        user = make_user(role=None)
        client.force_login(user)
        response = client.post(
            "/account/profiel/",
            {"first_name": "Anna", "last_name": "x" * 500, "job_title": "Adviseur"},
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "utrecht-form-field-error-message" in html
        assert 'value="Adviseur"' in html
        user.refresh_from_db()
        assert user.first_name != "Anna"

    def test_export_gives_my_data_as_json(self, home, client, make_user):
        user = make_user(email="ik@example.org")
        client.force_login(user)
        response = client.get("/account/gegevens/")
        data = json.loads(response.content)
        assert data["account"]["e-mail"] == "ik@example.org"
        assert data["account"]["rollen"] == ["Lid"]

    def test_delete_needs_the_word_and_removes_the_account(self, home, client, make_user):
        user = make_user()
        client.force_login(user)
        response = client.post("/account/verwijderen/", {"confirm": "ja"})
        assert response.status_code == 200
        assert User.objects.filter(pk=user.pk).exists()
        response = client.post("/account/verwijderen/", {"confirm": "verwijder"})
        assert response.status_code == 302
        assert not User.objects.filter(pk=user.pk).exists()


def test_login_page_is_dutch_and_signs_in(home, client, make_user):
    user = make_user(email="lid@example.org")
    html = client.get("/account/login/").content.decode()
    assert "Inloggen" in html or "Aanmelden" in html
    response = client.post("/account/login/", {"login": "lid@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/account/profiel/").context["user"] == user


def test_editor_sets_organisation_and_provinces_in_the_cms(home, client, make_user):
    from route2020.core import roles

    roles.ensure_roles()
    admin = make_user(role=None, is_superuser=True)
    guide = make_user(role="Regiogids", email="gids@example.org")
    client.force_login(admin)
    form = client.get(f"/beheer/users/edit/{guide.pk}/").content.decode()
    assert 'name="provinces"' in form
    assert 'name="organisation"' in form
    response = client.post(
        f"/beheer/users/edit/{guide.pk}/",
        {
            "username": guide.username,
            "email": guide.email,
            "first_name": "Gea",
            "last_name": "Gids",
            "is_active": "on",
            "groups": [guide.groups.get().pk],
            "job_title": "regiogids",
            "provinces": list(
                Province.objects.filter(code__in=["PV25", "PV23"]).values_list("pk", flat=True)
            ),
        },
    )
    assert response.status_code == 302
    guide.refresh_from_db()
    assert {p.code for p in guide.provinces.all()} == {"PV23", "PV25"}


def test_pages_may_not_be_framed_but_the_cms_preview_may(home, client, make_user):
    assert client.get("/")["X-Frame-Options"] == "DENY"
    client.force_login(make_user(role=None, is_superuser=True))
    assert client.get("/beheer/")["X-Frame-Options"] == "SAMEORIGIN"


def test_moving_a_page_refreshes_the_menu(about, home, client):
    news = child(home, ContentPage, "nieuws", title="Nieuws", show_in_menus=True)
    before = client.get("/").content.decode()
    assert before.index('href="/over-route-2020/"') < before.index('href="/nieuws/"')
    news.move(home, pos="first-child")
    after = client.get("/").content.decode()
    assert after.index('href="/nieuws/"') < after.index('href="/over-route-2020/"')


class TestRouting:
    def test_nested_page_draft_page_and_unknown_path(self, about, client):
        group = child(about, ContentPage, "klankbordgroep", title="Klankbordgroep")
        assert client.get("/over-route-2020/klankbordgroep/").status_code == 200
        assert client.get("/over-route-2020/klankbordgroep/niets/").status_code == 404
        assert client.get("/over-route-2020/bestaat-niet/").status_code == 404
        group.unpublish()
        assert client.get("/over-route-2020/klankbordgroep/").status_code == 404

    def test_the_same_slug_in_two_places_finds_the_right_page(self, about, home, client):
        child(home, ContentPage, "campagne", title="Campagne bovenaan")
        child(about, ContentPage, "campagne", title="Campagne onder Over")
        assert "Campagne bovenaan" in client.get("/campagne/").content.decode()
        assert "Campagne onder Over" in client.get("/over-route-2020/campagne/").content.decode()
        assert client.get("/campagne/over-route-2020/").status_code == 404

    def test_a_detail_page_costs_no_query_per_level(
        self, about, client, settings, django_assert_max_num_queries
    ):
        settings.PAGE_CACHE_ENABLED = False
        child(about, ContentPage, "klankbordgroep", title="Klankbordgroep")
        client.get("/over-route-2020/klankbordgroep/")
        with django_assert_max_num_queries(9):
            client.get("/over-route-2020/klankbordgroep/")

    def test_a_path_that_leads_nowhere_is_not_kept(self, about, client):
        """Made-up paths must not fill the process's store and push the shared fragments
        (header, footer) out of it."""
        from route2020.core import fragments

        def routes():
            return [key for key in fragments._entries if key[0] == "route"]

        assert client.get("/over-route-2020/").status_code == 200
        assert len(routes()) == 1
        for number in range(5):
            assert client.get(f"/over-route-2020/verzonnen-{number}/").status_code == 404
            assert client.get(f"/verzonnen-{number}/").status_code == 404
        assert len(routes()) == 1

    def test_a_known_path_follows_a_move_and_a_view_restriction(self, about, home, client):
        from wagtail.models import PageViewRestriction

        group = child(about, ContentPage, "klankbordgroep", title="Klankbordgroep")
        assert client.get("/over-route-2020/klankbordgroep/").status_code == 200
        group.move(home, pos="last-child")
        old = client.get("/over-route-2020/klankbordgroep/")  # Wagtail's redirect, on a 404
        assert (old.status_code, old["Location"]) == (301, "/klankbordgroep/")
        assert client.get("/klankbordgroep/").status_code == 200
        PageViewRestriction.objects.create(page=group, restriction_type=PageViewRestriction.LOGIN)
        response = client.get("/klankbordgroep/")
        assert response.status_code == 302 and "Klankbordgroep" not in response.content.decode()


def test_a_lost_generation_counter_never_serves_old_pages(about, client):
    from django.core.cache import cache

    from route2020.core import cache as page_cache

    client.get("/over-route-2020/")
    old = page_cache.generation()
    cache.delete(page_cache.GENERATION_KEY)  # as the file cache's culling may do
    assert page_cache.generation() != old
    assert client.get("/over-route-2020/")["X-Page-Cache"] == "miss"


def test_every_content_page_can_be_shared_without_third_party_scripts(about, client):
    html = client.get("/over-route-2020/").content.decode()
    assert f'href="/tip/?pagina={about.pk}"' in html
    assert 'value="http://testserver/over-route-2020/" readonly' in html
    assert "linkedin.com/sharing/share-offsite/?url=http%3A//testserver/over-route-2020/" in html
    assert '<meta property="og:title" content="Over Route 2020">' in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts and all('src="/static/' in script for script in scripts), scripts


def test_english_pages_link_to_english_pages(about, client):
    html = client.get("/en/over-route-2020/").content.decode()
    assert 'href="/en/toegankelijkheid/"' in html
    assert '<meta property="og:locale" content="en_GB">' in html
    missing = client.get("/en/bestaat-niet/").content.decode()
    assert 'href="/en/"' in missing
    assert 'href="/toegankelijkheid/"' in client.get("/over-route-2020/").content.decode()


def test_content_page_links_the_pages_below_it(about, client):
    """The klankbordgroep, campagneteam and marketingteam pages live below "Over Route 2020":
    that page links them, so they are not reachable only by search or a typed address."""
    for slug, title in [("klankbordgroep", "Klankbordgroep"), ("campagneteam", "Campagneteam")]:
        child(about, ContentPage, slug, title=title, intro=f"De {title.lower()}.")
    html = client.get("/over-route-2020/").content.decode()
    assert 'href="/over-route-2020/klankbordgroep/"' in html
    assert 'href="/over-route-2020/campagneteam/"' in html
    assert "In dit onderdeel" in html


def test_time_elements_carry_a_valid_datetime(about, client):
    """HTML allows at most three digits for a fraction of a second: none are written."""
    html = client.get("/over-route-2020/").content.decode()
    values = re.findall(r'<time datetime="([^"]+)"', html)
    assert values
    for value in values:
        assert re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d[+-]\d{4})?", value), value


def test_footer_shows_the_contact_address_of_the_site_settings(home, client):
    from wagtail.models import Site

    from route2020.core.models import SiteSettings

    html = client.get("/").content.decode()
    assert "r2020-footer__contact" not in html
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_email = "route2020@debibliotheken.example"
    settings.save()
    html = client.get("/").content.decode()
    footer = html[html.index("<footer") :]
    assert 'href="mailto:route2020@debibliotheken.example"' in footer


def test_accessibility_statement_follows_the_government_model(home, client):
    from route2020.core.statements import accessibility_statement

    body = accessibility_statement(
        organisation="Vereniging van Openbare Bibliotheken",
        site_name="Route 2020",
        contact_email="route2020@debibliotheken.example",
    )
    child(home, ContentPage, "toegankelijkheid", title="Toegankelijkheidsverklaring", body=body)
    html = client.get("/toegankelijkheid/").content.decode()
    for heading in (
        "Nalevingsstatus",
        "Wat nog niet toegankelijk is",
        "Contact: loop je tegen een probleem aan?",
        "Handhaving: als het niet wordt opgelost",
    ):
        assert f">{heading}</h2>" in html
    assert "B – voldoet gedeeltelijk" in html
    assert "route2020@debibliotheken.example" in html
    assert "onderaan de pagina" not in html
