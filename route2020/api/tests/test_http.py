"""What every answer under /api/ carries: CORS, the licence, ETag/Last-Modified and 304s, the
rate limit; and the API's own index and OpenAPI document."""

import pytest
from django.core.cache import cache
from django.utils.http import http_date, parse_http_date

from route2020.api.http import LATEST_MODIFIED_KEY

pytestmark = pytest.mark.django_db
LICENCE = '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'


@pytest.mark.parametrize(
    "url", ["/api/v1/", "/api/v1/practices/", "/api/v1/openapi.json", "/api/v1/docs/"]
)
def test_every_answer_names_the_licence_and_allows_any_origin(client, open_data, url):
    response = client.get(url, HTTP_ORIGIN="https://elders.example")
    assert response.status_code == 200
    assert response["Link"] == LICENCE
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_errors_carry_the_licence_and_cors_too(client, open_data):
    for url, status in (("/api/v1/practices/999999/", 404), ("/api/v1/news/?van=gisteren", 422)):
        response = client.get(url)
        assert response.status_code == status
        assert response["Link"] == LICENCE
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "ETag" not in response


def test_preflight_allows_conditional_get_from_any_origin(client):
    response = client.options(
        "/api/v1/practices/",
        HTTP_ORIGIN="https://elders.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]


def test_other_methods_are_refused(client, open_data):
    assert client.post("/api/v1/practices/").status_code in (403, 405)
    assert client.delete(f"/api/v1/practices/{open_data.practices[0].pk}/").status_code == 405


def test_etag_gives_304_without_a_body_also_from_the_page_cache(
    client, open_data, django_assert_num_queries
):
    first = client.get("/api/v1/practices/")
    assert first["X-Page-Cache"] == "miss"
    etag = first["ETag"]
    with django_assert_num_queries(0):
        again = client.get("/api/v1/practices/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Link"] == LICENCE
    other = client.get("/api/v1/practices/", {"soort": "proeftuin"}, HTTP_IF_NONE_MATCH=etag)
    assert other.status_code == 200


def test_last_modified_moves_with_a_publish(client, open_data):
    first = client.get("/api/v1/practices/")
    modified = first["Last-Modified"]
    assert client.get("/api/v1/practices/", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    practice = open_data.practices[0]
    practice.title = "Taalcafé voor iedereen"
    practice.save_revision().publish()
    changed = client.get("/api/v1/practices/", HTTP_IF_MODIFIED_SINCE=modified)
    assert changed.status_code == 200
    assert "Taalcafé voor iedereen" in [row["title"] for row in changed.json()["results"]]
    assert parse_http_date(changed["Last-Modified"]) > parse_http_date(modified)


def test_two_changes_within_one_second_still_move_last_modified(client, open_data):
    modified = client.get("/api/v1/news/")["Last-Modified"]
    # The previous generation was noted at a time in the future of this clock.
    cache.set(LATEST_MODIFIED_KEY, parse_http_date(modified) + 5, None)
    open_data.news.save_revision().publish()
    later = client.get("/api/v1/news/", HTTP_IF_MODIFIED_SINCE=http_date(parse_http_date(modified)))
    assert later.status_code == 200
    assert parse_http_date(later["Last-Modified"]) == parse_http_date(modified) + 6


def test_an_adoption_moves_last_modified_of_the_practice(client, open_data, make_user):
    from route2020.practices import services

    practice = open_data.practices[1]
    url = f"/api/v1/practices/{practice.pk}/"
    first = client.get(url)
    cache.set(LATEST_MODIFIED_KEY, parse_http_date(first["Last-Modified"]), None)
    services.adoption_create(practice=practice, user=make_user(), how_it_went="Prima.")
    response = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert response.status_code == 200
    assert response.json()["adoptions"][0]["how_it_went"] == "Prima."


def test_head_answers_like_get_without_a_body(client, open_data):
    get = client.get("/api/v1/themes/")
    head = client.head("/api/v1/themes/")
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]
    assert head["Content-Length"] == str(len(get.content))


def test_rate_limit_per_address_with_retry_after(client, open_data, settings):
    settings.API_RATE_LIMIT = "3/m"
    settings.PAGE_CACHE_ENABLED = False
    answers = [client.get("/api/v1/practices/", {"page_size": n}) for n in (1, 2, 3, 4)]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert int(answers[-1]["Retry-After"]) > 0
    assert answers[-1].json() == {"detail": "Too many requests."}
    other = client.get("/api/v1/practices/", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


def test_answers_from_the_page_cache_do_not_count(client, open_data, settings):
    settings.API_RATE_LIMIT = "2/m"
    statuses = [client.get("/api/v1/practices/").status_code for _ in range(5)]
    assert statuses == [200] * 5


def test_index_points_at_the_document_the_docs_and_every_list(client):
    data = client.get("/api/v1/").json()
    assert data["licence"]["identifier"] == "CC-BY-4.0"
    assert data["openapi"] == "http://testserver/api/v1/openapi.json"
    assert data["documentation"] == "http://testserver/api/v1/docs/"
    for name in ("practices", "events", "news", "themes", "newsletters", "organisations"):
        assert f"http://testserver/api/v1/{name}/" in data["endpoints"]


def test_the_api_is_not_language_prefixed(client):
    assert client.get("/en/api/v1/").status_code == 404
    assert client.get("/api/v1/", HTTP_ACCEPT_LANGUAGE="en").status_code == 200


def test_a_publish_while_an_answer_is_made_leaves_it_dated_before(client, open_data, monkeypatch):
    """Otherwise the answer would carry the new Last-Modified with the old content, and a
    client asking If-Modified-Since would keep the old content."""
    from route2020.core import cache as page_cache
    from route2020.practices import api as practices_api

    before = client.get("/api/v1/practices/", {"page_size": 1})
    cache.set(LATEST_MODIFIED_KEY, parse_http_date(before["Last-Modified"]) + 5, None)
    summary = practices_api.row_summary

    def publish_meanwhile(*args, **kwargs):
        page_cache.invalidate()
        return summary(*args, **kwargs)

    monkeypatch.setattr(practices_api, "row_summary", publish_meanwhile)
    during = client.get("/api/v1/practices/", {"page_size": 2})
    monkeypatch.undo()
    after = client.get("/api/v1/practices/", {"page_size": 3})
    assert during["Last-Modified"] == before["Last-Modified"]
    assert parse_http_date(after["Last-Modified"]) > parse_http_date(during["Last-Modified"])


def test_the_page_cache_keeps_api_answers_only_for_parameters_the_api_declares(client, open_data):
    """The API's parser reads every parameter of a request. An answer computed for a request
    with an unknown parameter (`?utm_source=`) is not stored under a key without it; an
    answer already stored is served to it (the API ignores the parameter)."""
    first = client.get("/api/v1/practices/", {"soort": "proeftuin", "utm_source": "x"})
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    again = client.get("/api/v1/practices/", {"soort": "proeftuin", "utm_source": "y"})
    assert again["X-Page-Cache"] == "miss"
    assert client.get("/api/v1/practices/", {"soort": "proeftuin"})["X-Page-Cache"] == "miss"
    served = client.get("/api/v1/practices/", {"soort": "proeftuin", "utm_source": "z"})
    assert served["X-Page-Cache"] == "hit"
    assert served.content == first.content
