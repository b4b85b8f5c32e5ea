"""The demo's privacy statement is linked from the footer."""

import io

import pytest

from route2020.demo.content import consent as demo

pytestmark = pytest.mark.django_db


def test_the_demo_links_it_from_the_footer(home, client):
    demo.load(io.StringIO())
    html = client.get("/").content.decode()
    assert 'href="/privacy/">Privacyverklaring</a>' in html
    assert 'href="/privacy/">Lees de privacyverklaring</a>' in html


def test_the_demo_s_cookie_question_is_english_under_en(home, client):
    from django.core.cache import cache
    from wagtail.models import Site

    from route2020.core.models import SiteSettings
    from route2020.demo.content.core import COOKIE_TEXT

    setting = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    setting.cookie_text = COOKIE_TEXT
    setting.save()
    cache.clear()
    assert "Ga je daarmee akkoord?" in client.get("/").content.decode()
    english = client.get("/en/").content.decode()
    assert "Ga je daarmee akkoord?" not in english
    assert "This website uses cookies to see how the site is used. Do you agree?" in english
