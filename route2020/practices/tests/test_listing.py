import re
from types import SimpleNamespace

import pytest
from django.db import connection

from route2020.practices import services
from route2020.practices.models import PracticePage

pytestmark = pytest.mark.django_db
URL = "/praktijkvoorbeelden/"
# Site, page, settings and menu lookups of every page, plus the listing's own ten.
LISTING_QUERIES = 20


def test_listing_shows_published_practices_only(client, make_practice):
    make_practice(title="Taalcafé in de wijk")
    make_practice(title="Geheim concept", publish=False)
    html = client.get(URL).content.decode()
    assert "Taalcafé in de wijk" in html
    assert "Geheim concept" not in html
    assert "1 praktijkvoorbeeld" in html


def test_filters_and_facet_counts(client, make_practice, make_organisation, themes):
    drenthe = make_organisation(province_code="PV22")
    make_practice(title="Alpha", organisation=drenthe, theme=themes[1], partners=("gemeente",))
    make_practice(title="Beta", status="gestopt", what_did_not_work="Geen publiek.")
    make_practice(title="Gamma", kind="proeftuin", status="lopend")
    response = client.get(URL, {"provincie": "drenthe"})
    html = response.content.decode()
    assert "Alpha" in html and "Beta" not in html
    response = client.get(URL, {"mislukt": "1"})
    html = response.content.decode()
    assert "Beta" in html and "Alpha" not in html
    response = client.get(URL, {"thema": themes[1].slug, "partner": "gemeente"})
    assert [p.title for p in response.context["practices"]] == ["Alpha"]
    response = client.get(URL, {"soort": "proeftuin", "status": "lopend"})
    assert [p.title for p in response.context["practices"]] == ["Gamma"]
    # Facet counts over the whole result set.
    response = client.get(URL)
    facets = {facet.name: facet for facet in response.context["facets"]}
    kinds = {option.value: option.count for option in facets["soort"].options}
    assert kinds == {"praktijkvoorbeeld": 2, "proeftuin": 1}
    assert response.context["flag_counts"]["mislukt"] == 1
    assert "Drenthe (1)" in response.content.decode()


def test_unknown_filter_values_are_ignored(client, make_practice):
    make_practice()
    for params in (
        {"provincie": "atlantis"},
        {"soort": "<script>"},
        {"pagina": "9999"},
        {"pagina": "abc"},
        {"sort": "drop table"},
        {"q": "x" * 5000},
        {"thema": "\x00"},
    ):
        response = client.get(URL, params)
        assert response.status_code == 200, params


def test_sort_most_adopted(client, make_practice, make_user):
    make_practice(title="Weinig")
    popular = make_practice(title="Populair")
    services.adoption_create(practice=popular, user=make_user(), how_it_went="Goed")
    services.adoption_create(practice=popular, user=make_user(), how_it_went="Ook goed")
    response = client.get(URL, {"sort": "meest-overgenomen"})
    assert [p.title for p in response.context["practices"]][0] == "Populair"
    response = client.get(URL, {"overgenomen": "1"})
    assert [p.title for p in response.context["practices"]] == ["Populair"]


def test_search_finds_by_text(client, make_practice):
    make_practice(title="Voorleesontbijt voor peuters")
    make_practice(title="Repaircafé", summary="Samen spullen repareren in de bibliotheek.")
    response = client.get(URL, {"q": "repareren"})
    assert [p.title for p in response.context["practices"]] == ["Repaircafé"]
    assert "q=repareren" in response.context["query_string"]


@pytest.mark.parametrize("query", ["bibliotheek", "bibliotheken", "samenwerking"])
def test_search_uses_dutch_stemming_on_every_database(client, make_practice, query):
    make_practice(
        title="Bibliotheken werken samen", summary="Over samenwerkingen tussen bibliotheken."
    )
    make_practice(title="Taalhuis in de wijk", summary="Een taalhuis voor laaggeletterden.")
    response = client.get(URL, {"q": query})
    assert [p.title for p in response.context["practices"]] == ["Bibliotheken werken samen"]


def test_listing_and_site_search_follow_one_rule(client, make_practice):
    """The same words give the same practices in the listing and in /zoeken/: every word
    must occur (issue 14.3: they used to AND and OR)."""
    make_practice(title="Taalhuizen in Overijssel", summary="Vrijwilligers helpen met taal.")
    make_practice(title="Taalcafé", summary="Een taalhuis van vrijwilligers in de bibliotheek.")
    make_practice(title="Repaircafé", summary="Vrijwilligers repareren spullen.")
    for query, expected in [
        ("taalhuis", {"Taalhuizen in Overijssel", "Taalcafé"}),
        ("taalhuizen vrijwilligers", {"Taalhuizen in Overijssel", "Taalcafé"}),
        ("taalhuis repareren", set()),
    ]:
        listing = {p.title for p in client.get(URL, {"q": query}).context["practices"]}
        site = client.get("/zoeken/", {"q": query}).content.decode()
        found_by_site = {title for title in expected | {"Repaircafé"} if f">{title}<" in site}
        assert listing == expected, query
        assert found_by_site == expected, query


def test_filter_by_evidence_level_with_counts(client, make_practice):
    make_practice(title="Gemeten", evidence_level="effect-gemeten")
    make_practice(title="Onderbouwd", evidence_level="onderbouwd")
    make_practice(title="Beschreven")
    response = client.get(URL, {"bewijsniveau": "effect-gemeten"})
    assert [p.title for p in response.context["practices"]] == ["Gemeten"]
    html = client.get(URL).content.decode()
    assert 'name="bewijsniveau"' in html
    assert re.search(r'<option value="effect-gemeten"[^>]*>Effect gemeten \(1\)</option>', html)
    # An unknown level is ignored, never an error.
    response = client.get(URL, {"bewijsniveau": "heel-goed"})
    assert response.status_code == 200 and len(response.context["practices"]) == 3


def _bulk(practice_index, themes, organisation, count):
    from route2020.demo.generate_practices import create_practices

    create_practices(practice_index, count, themes=themes, organisations=[organisation])


def _queries(client, params):
    from django.core.cache import cache
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, params)
    assert response.status_code == 200
    return len(queries), response


def test_listing_query_count_is_fixed(client, practice_index, themes, make_organisation):
    """The same number of queries for 5 and for 50 practices, for every kind of listing."""
    from route2020.demo.generate_practices import create_practices, index_practices

    organisation = make_organisation()
    variants = [
        {},
        {"thema": themes[0].slug, "mislukt": "1", "pagina": "1"},
        {"provincie": "overijssel", "soort": "praktijkvoorbeeld", "sort": "meest-overgenomen"},
        {"q": "bibliotheek"},
        {"bewijsniveau": "beschreven"},
    ]
    create_practices(practice_index, 5, themes=themes, organisations=[organisation])
    # Every variant finds something at 5 too (an empty page skips the theme labels query).
    first = PracticePage.objects.order_by("pk").first()
    PracticePage.objects.filter(pk=first.pk).update(has_failures=True)
    PracticePage.themes.through.objects.get_or_create(
        practicepage_id=first.pk, themepage_id=themes[0].pk
    )
    index_practices()
    client.get(URL)  # warm the site root cache
    at_5 = [_queries(client, params) for params in variants]
    assert [bool(response.context["practices"]) for _count, response in at_5] == [True] * 5
    at_5 = [count for count, _response in at_5]
    create_practices(
        practice_index, 45, themes=themes, organisations=[organisation], start_number=5
    )
    index_practices()
    counts = [_queries(client, params) for params in variants]
    assert [count for count, _response in counts] == at_5
    assert max(at_5) <= LISTING_QUERIES
    assert len(counts[0][1].context["practices"]) == 20


def test_facet_counts_follow_a_new_adoption(client, make_practice, make_user):
    practice = make_practice()
    assert client.get(URL).context["flag_counts"]["overgenomen"] == 0
    services.adoption_create(practice=practice, user=make_user(), how_it_went="Goed")
    response = client.get(URL, {"overgenomen": "1"})
    assert response.context["result_count"] == 1
    assert client.get(URL).context["flag_counts"]["overgenomen"] == 1


@pytest.mark.parametrize("sort", ["nieuwste", "meest-overgenomen", "relevantie"])
def test_search_with_every_sort_and_filters(client, make_practice, sort):
    make_practice(
        title="Repaircafé",
        summary="Samen repareren.",
        status="gestopt",
        what_did_not_work="Te weinig vrijwilligers.",
    )
    response = client.get(
        URL,
        {
            "q": "repareren",
            "sort": sort,
            "mislukt": "1",
            "provincie": "overijssel",
            "partner": "onderwijs",
            "pagina": "1",
        },
    )
    assert response.status_code == 200
    assert [p.title for p in response.context["practices"]] == ["Repaircafé"]


def test_facet_counts_over_search_matches(client, make_practice):
    make_practice(
        title="Repaircafé Noord", summary="Samen repareren.", kind="proeftuin", phase="uitvoering"
    )
    make_practice(title="Repaircafé Zuid", summary="Samen repareren.")
    make_practice(title="Voorleesontbijt", summary="Samen lezen.")
    response = client.get(URL, {"q": "repareren"})
    facets = {facet.name: facet for facet in response.context["facets"]}
    kinds = {option.value: option.count for option in facets["soort"].options}
    assert kinds == {"praktijkvoorbeeld": 1, "proeftuin": 1}
    assert response.context["result_count"] == 2


def _count_queries(client, params=None):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, params or {})
    return len(queries), response


def _grouping_queries(client, params):
    """The GROUP BY queries (the facet counts) of one request, and its response."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, params)
    return sum("GROUP BY" in query["sql"] for query in queries), response


def test_facet_counts_survive_other_content_but_not_a_practice_publish(
    client, make_practice, settings
):
    """A news item or an image moves the page cache's generation, not the practices' one:
    the counts are read from the cache. Publishing or unpublishing a practice renews them."""
    from route2020.core import cache as page_cache

    settings.PAGE_CACHE_ENABLED = False
    first = make_practice(title="Eerste")
    cold, response = _count_queries(client)
    assert response.context["result_count"] == 1
    page_cache.invalidate()  # what a news item, image or organisation does
    warm, response = _count_queries(client)
    assert warm < cold  # no GROUP BY queries this time
    assert response.context["result_count"] == 1

    make_practice(title="Tweede")
    assert client.get(URL).context["result_count"] == 2
    first.unpublish()
    response = client.get(URL)
    assert response.context["result_count"] == 1
    assert [p.title for p in response.context["practices"]] == ["Tweede"]


def test_publishing_a_practice_warms_the_common_listings(
    client, make_practice, make_organisation, settings, django_capture_on_commit_callbacks
):
    """The first visitor after a publish finds the facet counts of the plain listing and of
    each single filter already computed, including the new practice."""
    settings.PAGE_CACHE_ENABLED = False
    make_practice(title="Eerste")
    cold, _response = _count_queries(client, {"provincie": "drenthe"})

    settings.PRACTICES_WARM_LISTING = True
    with django_capture_on_commit_callbacks(execute=True):
        make_practice(
            title="Nieuw in Drenthe", organisation=make_organisation(province_code="PV22")
        )
    for params in ({}, {"provincie": "drenthe"}, {"soort": "praktijkvoorbeeld"}):
        queries, response = _count_queries(client, params)
        assert queries < cold, params
    assert response.context["result_count"] == 2
    queries, response = _count_queries(client, {"provincie": "drenthe"})
    assert response.context["result_count"] == 1
    assert "Drenthe (1)" in response.content.decode()


def test_first_visitor_after_a_publish_gets_the_last_counts_while_a_task_renews_them(
    client, make_practice, make_organisation, settings, monkeypatch
):
    """A listing the warm-up does not cover (two filters): right after a publish its first
    visitor is answered with the counts of the previous generation, without the GROUP BY
    queries, and a refresh task is queued once; the task stores the new counts."""
    from route2020.practices import listing_cache

    settings.PAGE_CACHE_ENABLED = False
    settings.PRACTICES_WARM_LISTING = True
    drenthe = make_organisation(province_code="PV22")
    make_practice(title="Eerste", organisation=drenthe)
    params = {"provincie": "drenthe", "soort": "praktijkvoorbeeld"}
    grouped, response = _grouping_queries(client, params)  # computed and kept as the latest
    assert grouped == 3 and response.context["result_count"] == 1

    queued = []
    refresh = listing_cache.refresh_facets
    # No worker has run yet: the task is only queued (the tests' backend would run it now).
    monkeypatch.setattr(
        listing_cache, "refresh_facets", SimpleNamespace(enqueue=lambda *a: queued.append(a))
    )
    make_practice(title="Tweede", organisation=drenthe)
    grouped, response = _grouping_queries(client, params)
    assert grouped == 0  # the latest counts are read, nothing is counted
    assert response.context["result_count"] == 1  # the previous generation's counts
    assert "Tweede" in response.content.decode()  # the results themselves are current
    _grouping_queries(client, params)
    assert queued == [(params, listing_cache.generation())]  # queued once

    assert refresh.call(*queued[0]) is True
    grouped, response = _grouping_queries(client, params)
    assert grouped == 0 and response.context["result_count"] == 2
    # A refresh for a generation that has moved on does nothing.
    listing_cache.invalidate()
    assert refresh.call(*queued[0]) is False


def test_the_last_counts_are_kept_nowhere_so_the_refreshed_ones_show_at_once(
    client, make_practice, make_organisation, settings, monkeypatch
):
    """The previous generation's counts are shown, not kept: neither the page cache nor the
    process's own copy of the listing holds them, so the page shows the refreshed counts as
    soon as the task has stored them (and not only after the next publish)."""
    from route2020.practices import listing_cache

    settings.PAGE_CACHE_ENABLED = True
    settings.PRACTICES_WARM_LISTING = True
    drenthe = make_organisation(province_code="PV22")
    make_practice(title="Eerste", organisation=drenthe)
    params = {"provincie": "drenthe", "soort": "praktijkvoorbeeld"}
    client.get(URL, params)
    queued = []
    refresh = listing_cache.refresh_facets
    monkeypatch.setattr(
        listing_cache, "refresh_facets", SimpleNamespace(enqueue=lambda *a: queued.append(a))
    )
    make_practice(title="Tweede", organisation=drenthe)
    response = client.get(URL, params)
    assert "1 praktijkvoorbeeld<" in response.content.decode()
    response = client.get(URL, params)
    assert response["X-Page-Cache"] == "miss"  # the stale page was not stored
    assert "1 praktijkvoorbeeld<" in response.content.decode()

    refresh.call(*queued[0])
    response = client.get(URL, params)
    assert "2 praktijkvoorbeelden<" in response.content.decode()
    assert client.get(URL, params)["X-Page-Cache"] == "hit"  # current counts: kept again


def test_without_the_warm_up_the_counts_are_computed_in_the_request(
    client, make_practice, make_organisation, settings
):
    settings.PAGE_CACHE_ENABLED = False
    drenthe = make_organisation(province_code="PV22")
    make_practice(title="Eerste", organisation=drenthe)
    params = {"provincie": "drenthe", "soort": "praktijkvoorbeeld"}
    assert client.get(URL, params).context["result_count"] == 1
    make_practice(title="Tweede", organisation=drenthe)
    assert client.get(URL, params).context["result_count"] == 2


def test_a_warm_up_for_an_old_generation_stops(make_practice):
    from route2020.practices import listing_cache

    make_practice()
    old = listing_cache.generation()
    listing_cache.invalidate()
    assert listing_cache.warm_listing.call(old) == 0
    assert listing_cache.warm_listing.call(listing_cache.generation()) > 10


def test_counts_read_before_a_publish_is_committed_are_not_kept_after_it(
    client, make_practice, settings, django_capture_on_commit_callbacks
):
    """The generation moves when a practice is published and again when the transaction
    commits: counts another request read meanwhile (of the practices before the publish)
    are kept under the in-between generation only. One move and one warm-up after the
    commit, however many practices the transaction published."""
    from route2020.practices import listing_cache

    settings.PAGE_CACHE_ENABLED = False
    make_practice(title="Eerste")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        listing_cache.invalidate()  # what publishing a practice does, in its transaction
        listing_cache.invalidate()  # and a second one in the same transaction
        during = listing_cache.generation()
        kept = listing_cache.cached("counts", ("test",), lambda: "before the publish")
        assert kept == "before the publish"
    assert listing_cache.generation() == during  # not committed yet
    settings.PRACTICES_WARM_LISTING = True
    for callback in callbacks:  # the commit (the test backend runs the warm-up at once)
        callback()
    assert listing_cache.generation() == during + 1
    assert listing_cache.cached("counts", ("test",), lambda: "after") == "after"
    assert client.get(URL).context["result_count"] == 1


def _search_queries(client, params):
    """Queries of one search request, the ones that count or rank apart, and the response."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, params)
    sql = [query["sql"] for query in queries]
    heavy = sum("GROUP BY" in text or "wagtailsearch_indexentry" in text for text in sql)
    return len(sql), heavy, response


def test_the_warm_up_ranks_again_the_searches_asked_before_a_publish(
    client, make_practice, settings, django_capture_on_commit_callbacks
):
    """A search asked before a publish is ranked and counted again by the warm-up task: its
    first request after the publish runs the queries of a kept search (no ranking, no GROUP
    BY), shows a just-published practice that matches and no longer one just unpublished."""
    from route2020.core import cache as page_cache

    settings.PAGE_CACHE_ENABLED = False
    settings.PRACTICES_WARM_LISTING = True
    make_practice(title="Repaircafé Noord", summary="Samen repareren.")
    gone = make_practice(title="Repaircafé Oost", summary="Samen repareren.")
    params = {"q": "repareren", "sort": "nieuwste"}
    client.get(URL, params)  # asked: ranked, counted and remembered

    def kept_search():
        """The queries of the same search when all it keeps is kept (the process's own
        copy of the listing gone, as after a publish)."""
        page_cache.invalidate()
        queries, heavy, _response = _search_queries(client, params)
        assert heavy == 0
        return queries

    with django_capture_on_commit_callbacks(execute=True):  # the test backend runs the task
        make_practice(title="Repaircafé Zuid", summary="Samen repareren.")
    queries, heavy, response = _search_queries(client, params)
    # No ranking and no counting; at most the queries of a kept search (a publish reloads
    # one thing a kept search reads once more).
    assert heavy == 0 and queries <= kept_search()
    html = response.content.decode()
    assert "Repaircafé Zuid" in html and "3 praktijkvoorbeelden<" in html
    assert response.context["result_count"] == 3

    with django_capture_on_commit_callbacks(execute=True):
        gone.unpublish()
    queries, heavy, response = _search_queries(client, params)
    # No ranking and no counting; at most the queries of a kept search (a publish reloads
    # one thing a kept search reads once more).
    assert heavy == 0 and queries <= kept_search()
    html = response.content.decode()
    assert "Repaircafé Oost" not in html and "2 praktijkvoorbeelden<" in html
    # A search nobody asked before is ranked in its request, as before.
    _queries_, heavy, response = _search_queries(client, {"q": "repaircafé"})
    assert heavy > 0 and response.context["result_count"] == 2


def test_the_searches_kept_for_the_warm_up_are_bounded(make_practice, settings):
    """At most PRACTICES_WARM_SEARCHES searches are ranked again, the latest asked first;
    at most four times as many are remembered."""
    from django.core.cache import cache

    from route2020.practices import listing_cache

    settings.PRACTICES_WARM_LISTING = True
    settings.PRACTICES_WARM_SEARCHES = 2
    for number in range(20):
        listing_cache.record_search({"q": f"woord{number}"}, 1)
    listing_cache.record_search({"q": "woord3"}, 1)
    listing_cache.record_search({"q": "later"}, 2)
    assert len(cache.get(listing_cache.SEARCHES_KEY)) == 8
    assert listing_cache.searches_to_warm() == [{"q": "later"}, {"q": "woord3"}]
    settings.PRACTICES_WARM_SEARCHES = 0
    assert listing_cache.searches_to_warm() == []


def test_a_search_sorted_by_date_or_adoptions_keeps_that_order(client, make_practice):
    """The ranked ids of a search are cached per sort: sorting by date or by adoptions
    gives that order, not the ranking's."""
    from datetime import timedelta

    from django.utils import timezone

    old = make_practice(title="Repaircafé repareren repareren", summary="Samen repareren.")
    new = make_practice(title="Repaircafé", summary="Samen repareren.")
    PracticePage.objects.filter(pk=old.pk).update(
        sort_date=timezone.now() - timedelta(days=400), adoption_count=3
    )
    PracticePage.objects.filter(pk=new.pk).update(sort_date=timezone.now(), adoption_count=0)

    def titles(sort):
        response = client.get(URL, {"q": "repareren", "sort": sort})
        return [p.title for p in response.context["practices"]]

    assert titles("nieuwste") == ["Repaircafé", "Repaircafé repareren repareren"]
    assert titles("meest-overgenomen") == ["Repaircafé repareren repareren", "Repaircafé"]
    assert set(titles("relevantie")) == {"Repaircafé", "Repaircafé repareren repareren"}


def test_the_page_cache_keeps_the_listing_filters_apart_and_nothing_else(client, practice_index):
    """Filters are part of the page cache's key, in any order; a tracking parameter is not."""
    url = practice_index.url
    assert client.get(f"{url}?soort=proeftuin")["X-Page-Cache"] == "miss"
    assert client.get(f"{url}?soort=proeftuin&utm_source=x")["X-Page-Cache"] == "hit"
    assert client.get(f"{url}?soort=praktijkvoorbeeld")["X-Page-Cache"] == "miss"
    assert client.get(f"{url}?status=lopend&soort=proeftuin")["X-Page-Cache"] == "miss"
    assert client.get(f"{url}?soort=proeftuin&status=lopend")["X-Page-Cache"] == "hit"


def test_a_practice_behind_a_view_restriction_is_not_listed_nor_counted(
    client, make_practice, settings
):
    """The listing is the same for every visitor and kept so: a restricted practice (members
    only, a password) is in no visitor's listing, count or search, and not in a list kept
    from before the restriction."""
    from wagtail.models import PageViewRestriction

    settings.PAGE_CACHE_ENABLED = True
    make_practice(title="Open ontbijt")
    secret = make_practice(title="Geheim ontbijt")
    assert "Geheim ontbijt" in client.get(URL).content.decode()
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    for params in ({}, {"q": "ontbijt"}):
        response = client.get(URL, params)
        html = response.content.decode()
        assert "Open ontbijt" in html
        assert "Geheim ontbijt" not in html
        assert "1 praktijkvoorbeeld<" in html


def test_a_practice_behind_a_view_restriction_is_not_a_related_practice(client, make_practice):
    from wagtail.models import PageViewRestriction

    shown = make_practice(title="Open ontbijt")
    secret = make_practice(title="Geheim ontbijt")
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    html = client.get(shown.url).content.decode()
    assert "Geheim ontbijt" not in html
    assert "Verwante praktijkvoorbeelden" not in html
