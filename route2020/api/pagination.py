"""Cursor pagination for every list of the API: `{"next": url, "previous": url, "results": [...]}`.

A cursor names the last (or first) row of a page by its sort key and primary key, so the next
page is `WHERE key <= v AND (key < v OR pk < id) ORDER BY key DESC, pk DESC LIMIT n`: an
index range scan that costs the same on page 5,000 as on page 1 (an OFFSET would read every
row before it), and that neither skips nor repeats a row when rows are added meanwhile.

Search results are ranked outside the database (route2020.practices.listing keeps the ranked
ids of a search term); they are paged by position in that list instead (`positional_page`).
"""

import base64
import binascii
import json
from datetime import date, datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from ninja import Field, Schema
from ninja.errors import HttpError
from pydantic import BaseModel, create_model

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_CURSOR_LENGTH = 400


class PageParams(Schema):
    cursor: str = Field(
        None,
        max_length=MAX_CURSOR_LENGTH,
        description="Where the page starts: take it from `next` or `previous` of a page.",
    )
    page_size: int = Field(
        PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Number of results on a page."
    )


def page_schema(item, name):
    """The answer of a list: its results and the addresses of the pages around it."""
    return create_model(
        name,
        __base__=BaseModel,
        next=(str | None, Field(description="The next page, or null on the last page.")),
        previous=(
            str | None,
            Field(description="The previous page, or null on the first page."),
        ),
        results=(list[item], ...),
    )


def invalid_cursor():
    return HttpError(400, "Invalid cursor: take it from `next` or `previous` of a page.")


def encode_cursor(data):
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor):
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError, binascii.Error):
        raise invalid_cursor() from None
    if not isinstance(data, dict):
        raise invalid_cursor()
    return data


def page_url(request, cursor):
    if cursor is None:
        return None
    query = request.GET.copy()
    query["cursor"] = encode_cursor(cursor)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _to_text(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _key_field(queryset, key):
    annotation = queryset.query.annotations.get(key)
    if annotation is not None:
        return annotation.output_field
    return queryset.model._meta.get_field(key)


def _parse_key(field, value):
    """A sort key of a cursor as the field's Python value; anything else is a bad cursor."""
    internal = field.get_internal_type()
    if internal == "DateTimeField":
        parsed = parse_datetime(value) if isinstance(value, str) else None
        if parsed is None or timezone.is_naive(parsed):
            raise invalid_cursor()
        return parsed
    if internal == "DateField":
        parsed = parse_date(value) if isinstance(value, str) else None
        if parsed is None:
            raise invalid_cursor()
        return parsed
    if internal in ("CharField", "SlugField", "TextField"):
        # PostgreSQL refuses a NUL character in a text value.
        if not isinstance(value, str) or "\x00" in value:
            raise invalid_cursor()
        return value
    if internal.endswith("IntegerField"):
        if not isinstance(value, int) or isinstance(value, bool) or abs(value) >= 2**63:
            raise invalid_cursor()
        return value
    raise invalid_cursor()


def _beyond(names, values, later):
    """Rows after `values` in the order of `names` (`later`), or before them.

    (a, b, pk) after (x, y, id) is `a > x OR (a = x AND b > y) OR (a = x AND b = y AND
    pk > id)`, with `a >= x` in front so that the database reads an index range.
    """
    strict, loose = ("gt", "gte") if later else ("lt", "lte")
    condition = Q()
    for position, name in enumerate(names):
        equal = dict(zip(names[:position], values[:position], strict=True))
        condition |= Q(**equal, **{f"{name}__{strict}": values[position]})
    return Q(**{f"{names[0]}__{loose}": values[0]}) & condition


def keyset_page(request, queryset, params, *, keys, descending=False):
    """One page of `queryset` ordered by `keys` and then pk, all ascending or all descending."""
    size = params.page_size
    names = (*keys, "pk")
    order = [f"-{name}" if descending else name for name in names]
    reverse_order = [name if descending else f"-{name}" for name in names]
    cursor = decode_cursor(params.cursor)

    def position(row, direction):
        # A row is a model instance or, from `.values()`, a dict with "pk".
        if isinstance(row, dict):
            return {"k": [_to_text(row[key]) for key in keys], "id": row["pk"], "d": direction}
        return {"k": [_to_text(getattr(row, key)) for key in keys], "id": row.pk, "d": direction}

    if cursor is None:
        rows = list(queryset.order_by(*order)[: size + 1])
        more = len(rows) > size
        rows = rows[:size]
        return {
            "next": page_url(request, position(rows[-1], "n")) if more else None,
            "previous": None,
            "results": rows,
        }
    pk, raw = cursor.get("id"), cursor.get("k")
    if (
        not isinstance(pk, int)
        or isinstance(pk, bool)
        or abs(pk) >= 2**63
        or cursor.get("d") not in ("n", "p")
        or not isinstance(raw, list)
        or len(raw) != len(keys)
    ):
        raise invalid_cursor()
    values = [
        _parse_key(_key_field(queryset, key), value) for key, value in zip(keys, raw, strict=True)
    ]
    forwards = cursor["d"] == "n"
    matching = queryset.filter(_beyond(names, (*values, pk), later=forwards != descending))
    rows = list(matching.order_by(*(order if forwards else reverse_order))[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if not forwards:
        rows.reverse()
    if not rows:
        return {"next": None, "previous": None, "results": []}
    following, preceding = (more, True) if forwards else (True, more)
    return {
        "next": page_url(request, position(rows[-1], "n")) if following else None,
        "previous": page_url(request, position(rows[0], "p")) if preceding else None,
        "results": rows,
    }


def positional_page(request, ranked, params):
    """One page of a ranked result that can be sliced (`ranked[start:stop]`) and measured."""
    size = params.page_size
    cursor = decode_cursor(params.cursor)
    total = len(ranked)
    start = 0
    if cursor is not None:
        start = cursor.get("o")
        if not isinstance(start, int) or isinstance(start, bool) or not 0 <= start <= total:
            raise invalid_cursor()
    rows = list(ranked[start : start + size])
    return {
        "next": page_url(request, {"o": start + size}) if start + size < total else None,
        "previous": page_url(request, {"o": max(start - size, 0)}) if start > 0 else None,
        "results": rows,
    }
