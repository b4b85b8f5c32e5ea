"""News in the public API (mounted by route2020.api)."""

from datetime import date, datetime
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from pydantic import BaseModel

from route2020.api import MAX_ID, answers, page_url, render_html
from route2020.api.pagination import PageParams, keyset_page, page_schema
from route2020.core.pages import public

from .models import NewsItemPage

router = Router()


class NewsFilters(Schema):
    van: date = Field(None, description="Only news dated on or after this day.")
    tot: date = Field(None, description="Only news dated on or before this day.")


class NewsSummary(BaseModel):
    id: int
    title: str
    slug: str
    url: str | None = Field(description="The item's page: name it when you reuse this.")
    date: date
    date_precision: Literal[tuple(NewsItemPage.Precision.values)] = Field(
        description="`dag`, `maand` or `jaar`: only the month or the year may be known "
        "(the date is then the first day of it)."
    )
    intro: str | None
    last_published_at: datetime | None


class NewsDetail(NewsSummary):
    body_html: str = Field(description="The text, as HTML.")
    first_published_at: datetime | None


NewsList = page_schema(NewsSummary, "NewsList")


def public_news():
    return public(NewsItemPage.objects.live())


def news_summary(item, request):
    return {
        "id": item.pk,
        "title": item.title,
        "slug": item.slug,
        "url": page_url(item, request),
        "date": item.date,
        "date_precision": item.date_precision,
        "intro": item.intro or None,
        "last_published_at": item.last_published_at,
    }


@router.get(
    "/news/",
    response=answers(NewsList),
    summary="News, newest first",
    operation_id="news_list",
    tags=["news"],
)
def news(request, filters: Query[NewsFilters], page: Query[PageParams]):
    queryset = public_news().only(*NewsItemPage.LIST_FIELDS)
    if filters.van:
        queryset = queryset.filter(date__gte=filters.van)
    if filters.tot:
        queryset = queryset.filter(date__lte=filters.tot)
    result = keyset_page(request, queryset, page, keys=("date",), descending=True)
    result["results"] = [news_summary(item, request) for item in result["results"]]
    return result


@router.get(
    "/news/{id}/",
    response=answers(NewsDetail, one=True),
    summary="One news item, with its text",
    operation_id="news_detail",
    tags=["news"],
)
def news_item(request, id: int = Path(..., ge=1, le=MAX_ID)):
    item = get_object_or_404(public_news(), pk=id)
    return news_summary(item, request) | {
        "body_html": render_html(item.body),
        "first_published_at": item.first_published_at,
    }
