"""The practice listing as CSV: same filters, every result, streamed in chunks."""

import csv
import io

import pytest

from route2020.core import csv_export

pytestmark = pytest.mark.django_db
URL = "/praktijkvoorbeelden/export.csv"


def read(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_every_result_with_the_listing_filters(client, make_practice, make_organisation):
    drenthe = make_organisation(name="Bibliotheek Assen", province_code="PV22")
    make_practice(title="Alpha", organisation=drenthe, budget_euros=1500)
    make_practice(title="Beta", status="gestopt", what_did_not_work="Geen publiek.")
    make_practice(title="Concept", publish=False)
    rows = read(client.get(URL))
    assert [row["titel"] for row in rows] == ["Beta", "Alpha"]
    rows = read(client.get(URL, {"provincie": "drenthe"}))
    assert [row["titel"] for row in rows] == ["Alpha"]
    alpha = rows[0]
    assert alpha["organisatie"] == "Bibliotheek Assen"
    assert alpha["provincie"] == "Drenthe"
    assert alpha["thema's"] == "Persoonlijke ontwikkeling"
    assert alpha["soort"] == "Praktijkvoorbeeld"
    assert alpha["budget in euro"] == "1500"
    assert alpha["adres"].startswith("http://testserver/praktijkvoorbeelden/")
    assert [row["titel"] for row in read(client.get(URL, {"mislukt": "1"}))] == ["Beta"]


def test_no_contact_person_in_the_download(client, make_practice):
    make_practice()
    text = b"".join(client.get(URL).streaming_content).decode()
    assert "Anna de Vries" not in text and "anna@bieb.example" not in text


def test_search_results_in_the_order_of_the_listing(client, make_practice):
    make_practice(title="Voorleesontbijt")
    make_practice(title="Repaircafé", summary="Samen spullen repareren in de bibliotheek.")
    assert [row["titel"] for row in read(client.get(URL, {"q": "repareren"}))] == ["Repaircafé"]


def test_formulas_are_written_as_text(client, make_practice):
    make_practice(title='=HYPERLINK("http://kwaad.example")', summary="+31 20 123 4567")
    make_practice(title="@SUM(A1)", summary="-1 punt")
    rows = read(client.get(URL))
    assert {row["titel"] for row in rows} == {'\'=HYPERLINK("http://kwaad.example")', "'@SUM(A1)"}
    assert {row["samenvatting"] for row in rows} == {"'+31 20 123 4567", "'-1 punt"}


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx"])
def test_csv_safe_quotes_every_formula_start(value):
    assert csv_export.csv_safe(value) == "'" + value
    assert csv_export.csv_safe("Taalcafé = fijn") == "Taalcafé = fijn"
    assert csv_export.csv_safe(-1) == -1


def consume_counting(client, django_assert_num_queries, expected):
    b"".join(client.get(URL).streaming_content)  # restrictions and site into the cache
    response = client.get(URL)  # the view itself runs no query: it all happens while streaming
    with django_assert_num_queries(expected):
        lines = b"".join(response.streaming_content).decode().splitlines()
    return len(lines) - 1


def test_streamed_in_chunks_with_a_query_count_that_grows_only_per_chunk(
    client, make_practice, django_assert_num_queries, monkeypatch
):
    """Two taxonomy queries, then per chunk of rows: the rows (one cursor over all of them
    on PostgreSQL, one query on SQLite) and their themes."""
    monkeypatch.setattr(csv_export, "CHUNK_SIZE", 2)
    for _ in range(3):
        make_practice()
    # 3 rows: 2 chunks -> taxonomy 2 + rows 1 + themes 2
    assert consume_counting(client, django_assert_num_queries, 5) == 3
    for _ in range(4):
        make_practice()
    # 7 rows: 4 chunks -> taxonomy 2 + rows 1 + themes 4
    assert consume_counting(client, django_assert_num_queries, 7) == 7


def test_rows_are_read_as_they_are_written(client, make_practice, monkeypatch):
    """Constant memory: the first chunk is out before the rest is read; the queryset
    keeps no cache of its rows (QuerySet.iterator)."""
    from django.db.models.query import QuerySet

    from route2020.practices.models import PracticePage

    monkeypatch.setattr(csv_export, "CHUNK_SIZE", 2)
    for _ in range(5):
        make_practice()
    fetch_all = QuerySet._fetch_all

    def no_cache(self):
        assert self.model is not PracticePage, "all practices were loaded at once"
        return fetch_all(self)

    monkeypatch.setattr(QuerySet, "_fetch_all", no_cache)
    response = client.get(URL)
    content = iter(response.streaming_content)
    header, first_chunk = next(content), next(content)
    assert header.decode().startswith("\ufeffid,titel")
    assert first_chunk.decode().count("\n") == 2
    # Stopped halfway, as when the visitor cancels the download: the cursor is closed.
    response.close()


def test_the_listing_links_to_the_download_with_its_filters(client, make_practice):
    make_practice()
    html = client.get("/praktijkvoorbeelden/", {"soort": "proeftuin", "q": "taal"}).content
    assert b'href="/praktijkvoorbeelden/export.csv?soort=proeftuin&amp;q=taal"' in html
    assert b'href="/api/v1/docs/"' in html


def test_crawlers_are_kept_from_the_downloads(client, home):
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /praktijkvoorbeelden/export.csv" in robots
    assert "Disallow: /api/" in robots
