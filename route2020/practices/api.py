"""Practices in the public API (mounted by route2020.api): what a library did, how, what did
not work, and who adopted it.

The filters and the search are the listing's own (listing.py: `read_filters`,
`filtered_practices`, `search_practices`), with the same names and values as
/praktijkvoorbeelden/?thema=...&provincie=...; only public, published practices, and never
the contact person (the website shows that to members only).
"""

from datetime import date, datetime
from types import SimpleNamespace
from typing import Literal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from pydantic import BaseModel

from route2020.api import MAX_ID, SLUG_PATTERN, PageUrls, answers, page_url
from route2020.api.pagination import PageParams, keyset_page, page_schema, positional_page
from route2020.core.api import OrganisationRef, ProvinceRef, organisation_ref, province_ref
from route2020.core.pages import public
from route2020.themes.api import ThemeRef, themes_of

from . import listing_cache
from .listing import (
    MAX_QUERY_LENGTH,
    SORTS,
    filtered_practices,
    kept_taxonomy,
    read_filters,
    search_practices,
)
from .models import EvidenceLevel, Kind, PartnerType, Phase, PracticePage, Status

router = Router()

# What a summary reads, as plain values: no model instance per row (a practice page is a
# ClusterableModel, whose instances cost ~0.1 ms each to build).
SUMMARY_VALUES = (
    "pk",
    "title",
    "slug",
    "url_path",
    "summary",
    "kind",
    "status",
    "phase",
    "is_parel",
    "adoption_count",
    "has_failures",
    "start_date",
    "end_date",
    "sort_date",
    "last_published_at",
    "organisation_id",
    "organisation__name",
    "organisation__slug",
    "province__slug",
    "province__name",
    "province__code",
)
# The keyset of each order of the listing (listing.search_practices), newest first.
SORT_KEYS = {"nieuwste": ("sort_date",), "meest-overgenomen": ("adoption_count", "sort_date")}


class PracticeFilters(Schema):
    q: str = Field(
        None,
        max_length=MAX_QUERY_LENGTH,
        description="Words to search for, as in the listing's search box: all must occur.",
    )
    thema: str = Field(
        None, max_length=255, pattern=SLUG_PATTERN, description="Theme slug, see /themes/."
    )
    provincie: str = Field(
        None, max_length=40, pattern=SLUG_PATTERN, description="Province slug, see /provinces/."
    )
    soort: Literal[tuple(Kind.values)] = Field(
        None, description="`praktijkvoorbeeld` (practice) or `proeftuin` (pilot)."
    )
    status: Literal[tuple(Status.values)] = None
    partner: Literal[tuple(PartnerType.values)] = Field(
        None, description="Only practices with a partner of this kind."
    )
    mislukt: bool = Field(False, description="Only practices that say what did not work.")
    overgenomen: bool = Field(False, description="Only practices other libraries adopted.")
    parel: bool = Field(False, description="Only showcases (parels) the office designated.")
    sort: Literal[tuple(SORTS)] = Field(
        None,
        description="`nieuwste` (newest first, the default), `meest-overgenomen` (most "
        "adopted) or, with `q`, `relevantie` (best match first, the default with `q`).",
    )


class Means(BaseModel):
    budget_euros: int | None
    staff_hours: int | None
    duration_months: int | None


class Step(BaseModel):
    title: str
    description: str | None


class Partner(BaseModel):
    type: Literal[tuple(PartnerType.values)]
    name: str


class AdoptionOut(BaseModel):
    organisation: OrganisationRef
    how_it_went: str = Field(description="How it went, in the adopting library's words.")
    date: date


class LogbookEntryOut(BaseModel):
    date: date
    text: str


class PracticeSummary(BaseModel):
    id: int
    title: str
    slug: str
    url: str | None = Field(description="The practice's page: name it when you reuse this.")
    summary: str
    kind: Literal[tuple(Kind.values)]
    status: Literal[tuple(Status.values)]
    phase: Literal[tuple(Phase.values)] | None = Field(description="Pilots: their phase.")
    showcase: bool = Field(description="A parel: designated exemplary by the office.")
    organisation: OrganisationRef | None
    province: ProvinceRef | None
    themes: list[ThemeRef]
    adoption_count: int
    has_failures: bool = Field(description="It says what did not work.")
    start_date: date | None
    end_date: date | None
    added_at: datetime = Field(description="When it was added: the order of `nieuwste`.")
    last_published_at: datetime | None


class PracticeDetail(PracticeSummary):
    participants: list[OrganisationRef]
    steps: list[Step] = Field(description="The approach, step by step: the how.")
    partners: list[Partner]
    means: Means
    results: str | None
    what_worked: str | None
    what_did_not_work: str | None
    lessons: str | None
    evidence_level: Literal[tuple(EvidenceLevel.values)]
    evidence: str | None
    evaluation: str | None = Field(description="Pilots: their evaluation.")
    adoptions: list[AdoptionOut] = Field(description="Libraries that did it too, oldest first.")
    logbook: list[LogbookEntryOut] = Field(description="Pilots: dated updates, newest first.")
    first_published_at: datetime | None


PracticeList = page_schema(PracticeSummary, "PracticeList")


def public_practices():
    return public(PracticePage.objects.live())


def practice_summary(practice, url, themes):
    return {
        "id": practice.pk,
        "title": practice.title,
        "slug": practice.slug,
        "url": url,
        "summary": practice.summary,
        "kind": practice.kind,
        "status": practice.status,
        "phase": practice.phase or None,
        "showcase": practice.is_parel,
        "organisation": organisation_ref(practice.organisation),
        "province": province_ref(practice.province),
        "themes": themes,
        "adoption_count": practice.adoption_count,
        "has_failures": practice.has_failures,
        "start_date": practice.start_date,
        "end_date": practice.end_date,
        "added_at": practice.sort_date,
        "last_published_at": practice.last_published_at,
    }


def row_summary(row, url, themes):
    """`practice_summary` of a row of `SUMMARY_VALUES`, read as the page it stands for."""
    organisation = province = None
    if row["organisation_id"] is not None:
        organisation = SimpleNamespace(
            pk=row["organisation_id"],
            name=row["organisation__name"],
            slug=row["organisation__slug"],
        )
    if row["province__slug"] is not None:
        province = SimpleNamespace(
            slug=row["province__slug"], name=row["province__name"], code=row["province__code"]
        )
    practice = SimpleNamespace(**row, organisation=organisation, province=province)
    return practice_summary(practice, url, themes)


def _listing_params(filters):
    """The API's filters as the listing's query parameters (read_filters validates them)."""
    params = {
        name: getattr(filters, name) or ""
        for name in ("thema", "provincie", "soort", "status", "partner", "q", "sort")
    }
    for flag in ("mislukt", "overgenomen", "parel"):
        params[flag] = "1" if getattr(filters, flag) else ""
    return params


@router.get(
    "/practices/",
    response=answers(PracticeList),
    summary="Practices and pilots, with the listing's filters and search",
    operation_id="practices_list",
    tags=["practices"],
)
def practices(request, filters: Query[PracticeFilters], page: Query[PageParams]):
    # The themes and provinces are only needed to look up a chosen slug.
    themes, provinces = kept_taxonomy(request) if filters.thema or filters.provincie else ([], [])
    chosen, q, sort, theme_slugs, province_slugs = read_filters(
        _listing_params(filters), themes, provinces
    )
    unknown = (filters.thema and not chosen["thema"]) or (
        filters.provincie and not chosen["provincie"]
    )
    if unknown:
        # An unknown theme or province has no practices (the website ignores it instead).
        return {"next": None, "previous": None, "results": []}
    queryset = filtered_practices(chosen, theme_slugs, province_slugs)
    if q:
        results, _matching = search_practices(queryset, q, sort, listing_cache.generation())
        results.queryset = results.queryset.values(*SUMMARY_VALUES)
        result = positional_page(request, results, page)
    else:
        result = keyset_page(
            request,
            queryset.values(*SUMMARY_VALUES),
            page,
            keys=SORT_KEYS[sort],
            descending=True,
        )
    rows = result["results"]
    themes_by_practice = themes_of(
        PracticePage.themes.through, "practicepage_id", [row["pk"] for row in rows]
    )
    url = PageUrls(request)
    result["results"] = [
        row_summary(row, url(row["url_path"], row["slug"]), themes_by_practice[row["pk"]])
        for row in rows
    ]
    return result


@router.get(
    "/practices/{id}/",
    response=answers(PracticeDetail, one=True),
    summary="One practice: how, what did not work, adoptions",
    operation_id="practices_detail",
    tags=["practices"],
)
def practice(request, id: int = Path(..., ge=1, le=MAX_ID)):
    practice = get_object_or_404(
        public_practices().select_related("organisation", "province"), pk=id
    )
    themes = themes_of(PracticePage.themes.through, "practicepage_id", [practice.pk])
    adoptions = practice.adoptions.select_related("organisation").order_by("created_at", "pk")
    logbook = practice.logbook.all()[:50] if practice.kind == Kind.PILOT else []
    return practice_summary(practice, page_url(practice, request), themes[practice.pk]) | {
        "participants": [
            organisation_ref(organisation)
            for organisation in practice.participants.order_by("name", "pk")
        ],
        "steps": [
            {"title": step.title, "description": step.description or None}
            for step in practice.steps.all()
        ],
        "partners": [
            {"type": partner.partner_type, "name": partner.name}
            for partner in practice.partners.all()
        ],
        "means": {
            "budget_euros": practice.budget_euros,
            "staff_hours": practice.staff_hours,
            "duration_months": practice.duration_months,
        },
        "results": practice.results or None,
        "what_worked": practice.what_worked or None,
        "what_did_not_work": practice.what_did_not_work or None,
        "lessons": practice.lessons or None,
        "evidence_level": practice.evidence_level,
        "evidence": practice.evidence or None,
        "evaluation": practice.evaluation or None,
        "adoptions": [
            {
                "organisation": organisation_ref(adoption.organisation),
                "how_it_went": adoption.how_it_went,
                "date": timezone.localdate(adoption.created_at),
            }
            for adoption in adoptions
        ],
        "logbook": [{"date": entry.date, "text": entry.text} for entry in logbook],
        "first_published_at": practice.first_published_at,
    }
