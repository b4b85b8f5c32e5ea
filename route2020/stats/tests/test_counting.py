"""Page views are counted for everyone without a cookie and without storing who; visitors
only after "Ja"; a page served from the page cache is counted without a query."""

import datetime

import pytest
from django.core import serializers

from route2020.stats.models import DailyVisitors, PageView, Visitor, ZeroResultSearch

pytestmark = pytest.mark.django_db

STATS_MODELS = (PageView, ZeroResultSearch, Visitor, DailyVisitors)


def views(path):
    row = PageView.objects.filter(path=path).first()
    return row.views if row else 0


def test_a_cached_page_view_is_counted_without_a_query(
    home, client, flush, django_assert_num_queries
):
    assert client.get("/")["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        assert client.get("/")["X-Page-Cache"] == "hit"
        assert client.get("/")["X-Page-Cache"] == "hit"
    flush()
    assert views("/") == 3


def test_a_cached_page_view_of_a_consenting_visitor_needs_no_query_either(
    home, consenting_client, flush, django_assert_num_queries
):
    consenting_client.get("/")
    with django_assert_num_queries(0):
        assert consenting_client.get("/")["X-Page-Cache"] == "hit"
    flush()
    assert views("/") == 2
    assert Visitor.objects.count() == 1
    assert DailyVisitors.objects.get().visitors == 1


def test_no_ip_address_or_user_agent_is_stored(home, client, consenting_client, flush):
    agent = "Mozilla/5.0 (X11; Linux x86_64) UniekeBrowser/98.7"
    for c in (client, consenting_client):
        c.get("/", REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT=agent)
        c.get("/", HTTP_X_FORWARDED_FOR="198.51.100.23", HTTP_USER_AGENT=agent)
        c.get("/zoeken/", {"q": "niets te vinden hier"}, REMOTE_ADDR="203.0.113.77")
    flush()
    assert PageView.objects.exists() and Visitor.objects.exists()
    assert ZeroResultSearch.objects.exists()
    stored = "".join(serializers.serialize("json", m.objects.all()) for m in STATS_MODELS)
    for secret in ("203.0.113.77", "198.51.100.23", "UniekeBrowser", "Mozilla"):
        assert secret not in stored
    # nor the browser's own id: only a keyed hash of it
    assert consenting_client.cookies["r2020_statistiek"].value not in stored


def test_before_ja_no_statistics_cookie_and_no_visitor(home, client, flush):
    for path in ("/", "/", "/zoeken/?q=x"):
        response = client.get(path)
        assert "r2020_statistiek" not in response.cookies
        assert not response.cookies
    client.post("/cookies/", {"keuze": "nee", "next": "/"})
    client.get("/")
    flush()
    assert views("/") == 3
    assert not Visitor.objects.exists()
    assert not DailyVisitors.objects.exists()


def test_nee_deletes_the_cookie_and_what_was_kept_under_it(home, consenting_client, flush):
    consenting_client.get("/")
    flush()
    assert Visitor.objects.count() == 1
    consenting_client.get("/zoeken/")  # counted, still buffered when "Nee" comes
    response = consenting_client.post("/cookies/", {"keuze": "nee", "next": "/"})
    assert response.cookies["r2020_statistiek"]["max-age"] == 0
    assert not Visitor.objects.exists()
    consenting_client.get("/")
    flush()
    assert not Visitor.objects.exists()
    assert DailyVisitors.objects.get().visitors == 1


def test_unique_and_returning_visitors_per_day(home, client, consenting_client, flush, on_day):
    from django.test import Client

    other = Client()
    other.post("/cookies/", {"keuze": "ja", "next": "/"})
    monday, tuesday = datetime.date(2024, 3, 4), datetime.date(2024, 3, 5)
    on_day(monday)
    for _ in range(3):
        consenting_client.get("/")
    client.get("/")
    flush()
    on_day(tuesday)
    consenting_client.get("/")
    other.get("/")
    other.get("/zoeken/")
    flush()
    assert DailyVisitors.objects.get(day=monday).visitors == 1
    tuesday_row = DailyVisitors.objects.get(day=tuesday)
    assert (tuesday_row.visitors, tuesday_row.returning) == (2, 1)
    assert PageView.objects.get(day=monday, path="/").views == 4


def test_what_is_not_a_page_view_is_not_counted(home, client, flush, make_user):
    client.get("/bestaat-niet/")
    client.get("/robots.txt")
    client.get("/", HTTP_USER_AGENT="Mozilla/5.0 (compatible; Googlebot/2.1)")
    client.get("/", HTTP_SEC_PURPOSE="prefetch")
    client.head("/")
    client.force_login(make_user(role="Redactie"))
    client.get("/beheer/")
    client.get("/account/profiel/")
    flush()
    assert list(PageView.objects.values_list("path", flat=True)) == []


def test_both_languages_count_as_one_page_in_its_section(home, client, flush):
    from route2020.core.models import ContentPage
    from route2020.core.pages import child

    child(home, ContentPage, "over", title="Over")
    client.get("/over/")
    client.get("/en/over/")
    flush()
    row = PageView.objects.get(path="/over/")
    assert (row.views, row.section) == (2, "over")


def test_a_search_that_found_nothing_is_counted_each_time(home, client, flush):
    for query in ("Kinderboekenweek", "kinderboekenweek ", "KINDERBOEKENWEEK"):
        response = client.get("/zoeken/", {"q": query})
        assert "X-Page-Cache" not in response or response["X-Page-Cache"] != "hit"
    client.get("/zoeken/", {"q": ""})
    flush()
    assert list(ZeroResultSearch.objects.values_list("term", "searches")) == [
        ("kinderboekenweek", 3)
    ]


def test_a_search_that_found_something_is_not_a_zero_result(home, client, flush):
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    client.get("/zoeken/", {"q": "Route"})
    flush()
    assert not ZeroResultSearch.objects.exists()


def test_counting_never_breaks_a_page(home, client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr("route2020.stats.buffer.add", broken)
    assert client.get("/").status_code == 200


def test_counting_can_be_switched_off(home, client, flush, settings):
    settings.STATS_ENABLED = False
    client.get("/")
    flush()
    assert not PageView.objects.exists()


def test_the_day_is_worked_out_once_and_again_from_midnight(monkeypatch):
    import time

    from django.utils import timezone

    from route2020.stats import counting

    monkeypatch.setattr(counting, "_today", ["gisteren", time.time() - 1])  # ended a second ago
    day = counting.today()
    assert day == timezone.localdate()
    starts = datetime.datetime.fromtimestamp(counting._today[1], tz=timezone.get_current_timezone())
    assert starts.date() == day + datetime.timedelta(days=1)
    assert starts.time() == datetime.time(0, 0)
    counting._today[0] = "nog steeds vandaag"
    assert counting.today() == "nog steeds vandaag"  # until midnight without converting


def test_another_time_zone_is_seen_at_once(settings):
    from route2020.stats import counting

    settings.TIME_ZONE = "Pacific/Kiritimati"  # UTC+14: often another date than Amsterdam
    counting.today()
    settings.TIME_ZONE = "Pacific/Pago_Pago"  # UTC-11
    from django.utils import timezone

    assert counting.today() == timezone.localdate()
