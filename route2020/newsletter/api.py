"""Reisflitsen (newsletter issues) in the public API (mounted by route2020.api): the issues
the archive shows, from the moment their sending started. Never a subscriber."""

from datetime import datetime
from typing import Literal

from django.db.models import F
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router
from pydantic import BaseModel

from route2020.api import MAX_ID, answers, page_url, render_html
from route2020.api.pagination import PageParams, keyset_page, page_schema
from route2020.core.pages import public

from .models import NewsletterIssuePage

router = Router()


class NewsletterIssueItem(BaseModel):
    kind: Literal["news", "practice", "event"]
    title: str
    text: str | None
    url: str | None


class NewsletterIssueSummary(BaseModel):
    id: int
    title: str
    slug: str
    url: str | None = Field(description="The issue online: name it when you reuse this.")
    sent_at: datetime = Field(description="When its sending started.")
    intro: str | None


class NewsletterIssueDetail(NewsletterIssueSummary):
    introduction_html: str = Field(description="The opening text, as HTML.")
    items: list[NewsletterIssueItem] = Field(
        description="The news, practices and events it points at (public ones only)."
    )


NewsletterIssueList = page_schema(NewsletterIssueSummary, "NewsletterIssueList")


def sent_issues():
    return (
        public(NewsletterIssuePage.objects.live())
        .sent()
        .annotate(sent_at=F("dispatch__started_at"))
        .filter(sent_at__isnull=False)
    )


def issue_summary(issue, request):
    return {
        "id": issue.pk,
        "title": issue.title,
        "slug": issue.slug,
        "url": page_url(issue, request),
        "sent_at": issue.sent_at,
        "intro": issue.intro or None,
    }


@router.get(
    "/newsletters/",
    response=answers(NewsletterIssueList),
    summary="Reisflitsen (the newsletter), newest first",
    operation_id="newsletters_list",
    tags=["newsletters"],
)
def issues(request, page: Query[PageParams]):
    queryset = sent_issues().only("title", "slug", "url_path", "path", "depth", "intro")
    result = keyset_page(request, queryset, page, keys=("sent_at",), descending=True)
    result["results"] = [issue_summary(issue, request) for issue in result["results"]]
    return result


@router.get(
    "/newsletters/{id}/",
    response=answers(NewsletterIssueDetail, one=True),
    summary="One Reisflits, with what it points at",
    operation_id="newsletters_detail",
    tags=["newsletters"],
)
def issue(request, id: int = Path(..., ge=1, le=MAX_ID)):
    issue = get_object_or_404(sent_issues(), pk=id)
    return issue_summary(issue, request) | {
        "introduction_html": render_html(issue.introduction),
        "items": [
            {
                "kind": entry["kind"],
                "title": entry["title"],
                "text": entry["text"] or None,
                "url": entry["url"],
            }
            for entry in issue.entries
        ],
    }
