"""Cursor pagination: every row once, forwards and backwards, ties in the sort key included."""

import base64
import json

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisations(make_organisation):
    # Three share a name: the key ties and the primary key decides.
    names = ["Aa", "Bibliotheek", "Bibliotheek", "Bibliotheek", "Cuijk", "Delft", "Ede"]
    return [make_organisation(name=name) for name in names]


def walk(client, url):
    pages, seen = [], []
    while url:
        data = client.get(url).json()
        pages.append(data)
        seen.extend(row["id"] for row in data["results"])
        url = data["next"]
    return pages, seen


def test_forwards_every_row_once_in_order(client, organisations):
    pages, seen = walk(client, "/api/v1/organisations/?page_size=2")
    expected = [o.pk for o in sorted(organisations, key=lambda o: (o.name, o.pk))]
    assert seen == expected
    assert [len(page["results"]) for page in pages] == [2, 2, 2, 1]
    assert pages[0]["previous"] is None
    assert all(page["previous"] for page in pages[1:])


def test_backwards_gives_the_same_pages(client, organisations):
    pages, _seen = walk(client, "/api/v1/organisations/?page_size=2")
    for number in range(len(pages) - 1, 0, -1):
        previous = client.get(pages[number]["previous"]).json()
        assert previous["results"] == pages[number - 1]["results"]
    assert client.get(pages[1]["previous"]).json()["previous"] is None


def test_rows_added_meanwhile_neither_repeat_nor_shift_the_next_page(
    client, organisations, make_organisation
):
    first = client.get("/api/v1/organisations/?page_size=3").json()
    make_organisation(name="A eerst")  # sorts before every row already seen
    second = client.get(first["next"]).json()
    assert not {row["id"] for row in first["results"]} & {row["id"] for row in second["results"]}
    assert [row["name"] for row in second["results"]] == ["Bibliotheek", "Cuijk", "Delft"]


def test_the_cursor_is_in_the_next_address_with_the_filters(client, organisations):
    data = client.get("/api/v1/organisations/?page_size=1&soort=bibliotheek").json()
    assert "soort=bibliotheek" in data["next"]
    assert "cursor=" in data["next"]


def cursor(data):
    raw = json.dumps(data).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize(
    "value",
    [
        "nonsense",
        "%%%",
        cursor([1, 2]),
        cursor({"k": ["x"], "id": "1", "d": "n"}),
        cursor({"k": ["x"], "id": 1, "d": "sideways"}),
        cursor({"k": ["x", "y"], "id": 1, "d": "n"}),
        cursor({"k": ["nul\x00"], "id": 1, "d": "n"}),
        cursor({"k": ["x"], "id": 2**70, "d": "n"}),
        cursor({"k": [1], "id": 1, "d": "n"}),
    ],
)
def test_a_cursor_not_taken_from_a_page_is_a_400(client, organisations, value):
    response = client.get("/api/v1/organisations/", {"cursor": value})
    assert response.status_code == 400
    assert "cursor" in response.json()["detail"]


@pytest.mark.parametrize(
    "value",
    [
        cursor({"k": ["2017-11-20"], "id": 1, "d": "n"}),  # a date, not a moment
        cursor({"k": ["2017-11-20T10:00:00"], "id": 1, "d": "n"}),  # no time zone
        cursor({"o": 3}),
    ],
)
def test_a_cursor_of_the_wrong_kind_is_a_400(client, value):
    assert client.get("/api/v1/events/", {"cursor": value}).status_code == 400


def test_a_moment_cursor_round_trips(client, db):
    moment = timezone.now().isoformat()
    value = cursor({"k": [moment], "id": 1, "d": "n"})
    assert client.get("/api/v1/events/", {"cursor": value}).status_code == 200


@pytest.mark.parametrize("size", ["0", "101", "veel"])
def test_page_size_out_of_range_is_a_422(client, size):
    assert client.get("/api/v1/organisations/", {"page_size": size}).status_code == 422
