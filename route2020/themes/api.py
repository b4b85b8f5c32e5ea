"""Themes in the public API (mounted by route2020.api)."""

from collections import defaultdict
from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router
from pydantic import BaseModel

from route2020.api import MAX_ID, answers, page_url, render_html
from route2020.api.pagination import PageParams, keyset_page, page_schema
from route2020.core.pages import public

from .models import ThemePage

router = Router()


class ThemeRef(BaseModel):
    slug: str = Field(description="The value of the `thema` filter.")
    title: str
    label: str = Field(description="The short title the website's filters show.")


class ThemeOut(BaseModel):
    id: int
    title: str
    short_title: str | None
    number: int
    slug: str
    url: str | None
    intro: str | None
    last_published_at: datetime | None


class ThemeDetail(ThemeOut):
    body_html: str = Field(description="The theme's page text, as HTML.")


ThemeList = page_schema(ThemeOut, "ThemeList")


def theme_ref(theme):
    return {"slug": theme.slug, "title": theme.title, "label": theme.label}


def live_themes():
    return public(ThemePage.objects.live())


def themes_of(through, object_field, ids):
    """{object id: [theme refs]} for a page of objects, in one query, live themes only."""
    found = defaultdict(list)
    rows = (
        through.objects.filter(**{f"{object_field}__in": ids}, themepage__live=True)
        .order_by("themepage__number", "themepage__path")
        .values_list(object_field, "themepage__slug", "themepage__title", "themepage__short_title")
    )
    for object_id, slug, title, short_title in rows:
        found[object_id].append({"slug": slug, "title": title, "label": short_title or title})
    return found


def theme_out(theme, request):
    return {
        "id": theme.pk,
        "title": theme.title,
        "short_title": theme.short_title or None,
        "number": theme.number,
        "slug": theme.slug,
        "url": page_url(theme, request),
        "intro": theme.intro or None,
        "last_published_at": theme.last_published_at,
    }


@router.get(
    "/themes/",
    response=answers(ThemeList),
    summary="The themes of the agenda",
    operation_id="themes_list",
    tags=["themes"],
)
def themes(request, page: Query[PageParams]):
    result = keyset_page(request, live_themes(), page, keys=("number",))
    result["results"] = [theme_out(theme, request) for theme in result["results"]]
    return result


@router.get(
    "/themes/{id}/",
    response=answers(ThemeDetail, one=True),
    summary="One theme, with its text",
    operation_id="themes_detail",
    tags=["themes"],
)
def theme(request, id: int = Path(..., ge=1, le=MAX_ID)):
    theme = get_object_or_404(live_themes(), pk=id)
    return theme_out(theme, request) | {"body_html": render_html(theme.body)}
