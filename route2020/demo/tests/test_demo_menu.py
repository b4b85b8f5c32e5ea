"""The demo's header menu under /en/: every item has an English name, none is marked Dutch."""

import io

import pytest

from route2020.core.tests.test_menu_language import menu
from route2020.demo.loader import load

pytestmark = pytest.mark.django_db


def test_every_item_of_the_demos_english_menu_is_english(client):
    load(io.StringIO(), seed_only=True)
    dutch = menu(client.get("/", HTTP_HOST="127.0.0.1").content.decode())
    english = menu(client.get("/en/", HTTP_HOST="127.0.0.1").content.decode())
    assert len(english) == len(dutch) >= 5
    titles = {title for _url, _lang, title in english}
    assert {"About Route 2020", "Campaign", "Themes", "Decisions", "News"} <= titles
    # The guides' advice reports are a section of their own, in both languages.
    assert "Advice report" in titles
    assert "Reisadvies" in {title for _url, _lang, title in dutch}
    for (url, lang, title), (_nl_url, _nl_lang, nl_title) in zip(english, dutch, strict=True):
        assert lang == "", (url, title)
        assert title != nl_title, (url, title)
    # The section's page names itself the same way.
    news = client.get("/en/nieuws/", HTTP_HOST="127.0.0.1").content.decode()
    assert "<title>News · Route 2020</title>" in news
