"""Writes of the guides' exploration, each in one transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from route2020.practices import services as practice_services

from .models import ReisadviesIndexPage, ReisadviesPage
from .permissions import libraries_of, may_explore


def _check_library(guide, organisation):
    """Forms offer only the guide's libraries; this keeps the rule for any other caller."""
    if not libraries_of(guide).filter(pk=organisation.pk).exists():
        raise PermissionDenied


@transaction.atomic
def visit_save(*, guide, form):
    """Save a valid VisitForm as this guide's visit."""
    visit = form.save(commit=False)
    _check_library(guide, visit.organisation)
    if visit.pk is None:
        visit.guide = guide
    elif visit.guide_id != guide.pk:
        raise PermissionDenied
    visit.save()
    if "practices" in form.cleaned_data:
        visit.practices.set(form.cleaned_data["practices"])
    return visit


@transaction.atomic
def visit_submit_practice(*, guide, visit):
    """Start a practice submission on behalf of the visited library, through the practices
    app's own submission and moderation (the guide fills in the steps; a moderator of the
    province or the office publishes it)."""
    if visit.guide_id != guide.pk:
        raise PermissionDenied
    _check_library(guide, visit.organisation)
    submission = practice_services.submission_start(user=guide, organisation=visit.organisation)
    visit.submissions.add(submission)
    return submission


def _recommendation_stream(recommendation_forms):
    stream = []
    for form in recommendation_forms:
        data = form.cleaned_data
        if not data or data.get("DELETE"):
            continue
        stream.append(
            (
                "recommendation",
                {
                    "heading": data["heading"],
                    "text": data["text"],
                    "practices": list(data.get("practices") or []),
                    "pilots": data.get("pilots") or [],
                },
            )
        )
    return stream


def _unique_slug(title, index):
    base = slugify(title)[:70] or "reisadvies"
    taken = set(index.get_children().values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def advice_save(*, guide, form, recommendation_forms, page=None):
    """Save a guide's Reisadvies as a draft revision; the office publishes it in /beheer/.

    The provinces and visits come from the form, which offers only the guide's own; a page
    already published is the office's to change.
    """
    if not may_explore(guide):
        raise PermissionDenied
    data = form.cleaned_data
    own = set(guide.provinces.values_list("pk", flat=True))
    if any(province.pk not in own for province in data["provinces"]):
        raise PermissionDenied
    stream = _recommendation_stream(recommendation_forms)
    if not stream:
        raise ValidationError(_("Schrijf minstens één aanbeveling."))
    if page is None:
        index = ReisadviesIndexPage.objects.first()
        if index is None:
            raise ValidationError(_("Er is nog geen overzicht van reisadviezen."))
        page = ReisadviesPage(
            title=data["title"], slug=_unique_slug(data["title"], index), live=False, owner=guide
        )
        page.date = data["date"]
        page.author = guide
        index.add_child(instance=page)
    else:
        if page.live or page.author_id != guide.pk:
            raise PermissionDenied
        page = page.get_latest_revision_as_object()
    page.title = page.draft_title = data["title"]
    page.intro = data["intro"]
    page.date = data["date"]
    page.provinces = list(data["provinces"])
    page.visits = list(data["visits"])
    page.recommendations = stream
    page.save_revision(user=guide, log_action=True)
    return page
