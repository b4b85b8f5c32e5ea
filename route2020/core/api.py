"""Organisations and provinces in the public API (mounted by route2020.api).

An organisation's public fields only: what /praktijkvoorbeelden/verspreiding/ and a practice
page show. The people of an organisation are never part of it.
"""

from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from pydantic import BaseModel

from route2020.api import MAX_ID, SLUG_PATTERN, answers
from route2020.api.pagination import PageParams, keyset_page, page_schema

from .models import Organisation, Province

router = Router()


class ProvinceRef(BaseModel):
    slug: str = Field(description="The value of the `provincie` filter.")
    name: str
    code: str = Field(description="CBS code (PV20–PV31).")


class OrganisationRef(BaseModel):
    id: int
    name: str
    slug: str


class OrganisationOut(BaseModel):
    id: int
    name: str
    slug: str
    kind: Literal["bibliotheek", "partner"] = Field(
        description="`bibliotheek`: a member library; `partner`: KB, POI, supplier, ..."
    )
    partner_type: str | None = Field(description="For partners: what kind of partner.")
    municipality: str | None
    province: ProvinceRef | None
    latitude: float | None
    longitude: float | None
    website: str | None


OrganisationList = page_schema(OrganisationOut, "OrganisationList")


def province_ref(province):
    if province is None:
        return None
    return {"slug": province.slug, "name": province.name, "code": province.code}


def organisation_ref(organisation):
    if organisation is None:
        return None
    return {"id": organisation.pk, "name": organisation.name, "slug": organisation.slug}


def organisation_out(organisation):
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "slug": organisation.slug,
        "kind": organisation.kind,
        "partner_type": organisation.partner_type or None,
        "municipality": organisation.municipality or None,
        "province": province_ref(organisation.province),
        "latitude": float(organisation.latitude) if organisation.latitude is not None else None,
        "longitude": float(organisation.longitude) if organisation.longitude is not None else None,
        "website": organisation.website or None,
    }


class OrganisationFilters(Schema):
    soort: Literal["bibliotheek", "partner"] = Field(
        None, description="Member libraries or partners."
    )
    provincie: str = Field(
        None, max_length=40, pattern=SLUG_PATTERN, description="Province slug, see /provinces/."
    )


@router.get(
    "/organisations/",
    response=answers(OrganisationList),
    summary="Organisations: member libraries and partners",
    operation_id="organisations_list",
    tags=["organisations"],
)
def organisations(request, filters: Query[OrganisationFilters], page: Query[PageParams]):
    queryset = Organisation.objects.select_related("province")
    if filters.soort:
        queryset = queryset.filter(kind=filters.soort)
    if filters.provincie:
        queryset = queryset.filter(province__slug=filters.provincie)
    result = keyset_page(request, queryset, page, keys=("name",))
    result["results"] = [organisation_out(row) for row in result["results"]]
    return result


@router.get(
    "/organisations/{id}/",
    response=answers(OrganisationOut, one=True),
    summary="One organisation",
    operation_id="organisations_detail",
    tags=["organisations"],
)
def organisation(request, id: int = Path(..., ge=1, le=MAX_ID)):
    return organisation_out(
        get_object_or_404(Organisation.objects.select_related("province"), pk=id)
    )


@router.get(
    "/provinces/",
    response=answers(list[ProvinceRef]),
    summary="The twelve provinces (the values of every `provincie` filter)",
    operation_id="provinces_list",
    tags=["organisations"],
)
def provinces(request):
    return [province_ref(province) for province in Province.objects.order_by("name")]
