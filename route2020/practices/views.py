"""Routes that are not pages: the submission in steps, the guides' queue, adoption, the map."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from route2020.core.auth import staff_mfa_required
from route2020.core.csv_export import csv_response
from route2020.core.pages import index_url
from route2020.core.permissions import confirmed_organisation_id, is_editor
from route2020.core.ratelimit import rate_limited

from . import export, permissions, services, spread
from .forms import (
    STEP_NAMES,
    STEPS,
    AdoptionForm,
    LogbookForm,
    ReturnForm,
    step_errors,
    step_form_kwargs,
)
from .models import PracticeIndexPage, PracticePage, Submission

State = Submission.State


def _own_submission(request, pk):
    submission = get_object_or_404(Submission.objects.select_related("organisation"), pk=pk)
    if not permissions.may_edit_submission(request.user, submission):
        raise Http404
    return submission


@login_required
@rate_limited("practice-write")
def submission_start(request):
    organisation_id = confirmed_organisation_id(request.user)
    if organisation_id is None:
        raise PermissionDenied
    if request.method == "POST":
        submission = services.submission_start(user=request.user)
        return redirect("practices:submission-step", pk=submission.pk, step=STEP_NAMES[0])
    drafts = Submission.objects.filter(
        organisation_id=organisation_id, state__in=[State.DRAFT, State.RETURNED]
    ).only("pk", "data", "state", "updated_at", "feedback")
    return render(
        request,
        "practices/submission_start.html",
        {"drafts": drafts, "page_title": _("Praktijkvoorbeeld delen")},
    )


def _form_for(submission, step, data=None, files=None):
    form_class = STEPS[step][1]
    kwargs = step_form_kwargs(submission, step)
    if data is not None:
        return form_class(data=data, files=files, **kwargs)
    raw = submission.data.get("raw", {}).get(step)
    if raw:
        return form_class(data=MultiValueDict(raw), **kwargs)
    return form_class(initial=submission.data.get(step, {}), **kwargs)


def _raw(post):
    """What was typed, kept to show again. Without NUL bytes: PostgreSQL's jsonb cannot hold
    them (a NUL in a field gave a 500 there; the form refuses it with a Dutch error)."""
    return {
        key: [value.replace("\x00", "") for value in post.getlist(key)]
        for key in post
        if key != "csrfmiddlewaretoken"
    }


@login_required
@rate_limited("practice-write")
def submission_step(request, pk, step):
    if step not in STEPS:
        raise Http404
    submission = _own_submission(request, pk)
    if submission.state not in (State.DRAFT, State.RETURNED):
        return redirect("practices:submission-preview", pk=submission.pk)
    position = STEP_NAMES.index(step)
    if request.method == "POST":
        form = _form_for(submission, step, request.POST, request.FILES)
        valid = form.is_valid()
        services.submission_save_step(
            submission=submission, step=step, form=form if valid else None, raw=_raw(request.POST)
        )
        if "terug" in request.POST and position > 0:
            return redirect("practices:submission-step", pk=pk, step=STEP_NAMES[position - 1])
        if valid:
            if "opnieuw" in request.POST:
                return redirect("practices:submission-step", pk=pk, step=step)
            if position + 1 < len(STEP_NAMES):
                return redirect("practices:submission-step", pk=pk, step=STEP_NAMES[position + 1])
            return redirect("practices:submission-preview", pk=pk)
        status = 400
    else:
        form = _form_for(submission, step)
        status = 200
    steps = [
        {
            "name": name,
            "label": label,
            "current": name == step,
            "done": name in submission.data.get("done", []),
        }
        for name, (label, _form) in STEPS.items()
    ]
    return render(
        request,
        "practices/submission_step.html",
        {
            "submission": submission,
            "form": form,
            "step": step,
            "step_label": STEPS[step][0],
            "steps": steps,
            "position": position + 1,
            "is_first": position == 0,
            "images": submission.data.get("images", []) if step == "bijlagen" else [],
            "page_title": _("Praktijkvoorbeeld delen"),
        },
        status=status,
    )


@login_required
def submission_preview(request, pk):
    submission = _own_submission(request, pk)
    errors = step_errors(submission)
    if request.method == "POST":
        try:
            services.submission_submit(
                submission=submission, user=request.user, step_errors=step_errors
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("practices:submission-preview", pk=pk)
        messages.success(
            request, _("Dank je! De regiogids van je provincie beoordeelt je inzending.")
        )
        return redirect("practices:submission-preview", pk=pk)
    return render(
        request,
        "practices/submission_preview.html",
        {
            "submission": submission,
            "practice": services.preview_page(submission),
            "errors": errors,
            "step_labels": {name: label for name, (label, _f) in STEPS.items()},
            "events": submission.events.select_related("actor"),
            "page_title": _("Voorbeeld van je inzending"),
        },
    )


@login_required
@require_POST
@rate_limited("practice-write")
def practice_edit(request, pk):
    practice = get_object_or_404(PracticePage, pk=pk)
    submission = services.submission_start_edit(user=request.user, practice=practice)
    return redirect("practices:submission-step", pk=submission.pk, step=STEP_NAMES[0])


@staff_mfa_required
@login_required
def review_queue(request):
    user = request.user
    if not permissions.may_review(user):
        raise PermissionDenied
    # A submission gets its (draft) page when it is first submitted, so "has a page" does not
    # tell an edit from a new practice; "the page was ever published" does.
    queue = (
        Submission.objects.filter(state=State.SUBMITTED)
        .select_related("organisation", "province", "author")
        .annotate(
            is_edit=ExpressionWrapper(
                Q(practice__first_published_at__isnull=False), output_field=BooleanField()
            )
        )
    )
    if not is_editor(user):
        queue = queue.filter(province__in=user.provinces.all()).exclude(author=user)
    return render(
        request,
        "practices/review_queue.html",
        {"queue": queue.order_by("submitted_at"), "page_title": _("Inzendingen beoordelen")},
    )


@staff_mfa_required
@login_required
def review(request, pk):
    submission = get_object_or_404(
        Submission.objects.select_related("organisation", "province", "author"), pk=pk
    )
    if not permissions.may_moderate(request.user, submission):
        raise PermissionDenied
    if submission.state not in (State.SUBMITTED, State.PUBLISHED):
        # A draft, or one returned to its author, is the author's until submitted again.
        raise Http404
    return_form = ReturnForm()
    status = 200
    if request.method == "POST":
        if "publiceren" in request.POST:
            services.submission_publish(submission=submission, user=request.user)
            messages.success(request, _("Het praktijkvoorbeeld is gepubliceerd."))
            return redirect("practices:review-queue")
        return_form = ReturnForm(request.POST)
        if return_form.is_valid():
            services.submission_return(
                submission=submission,
                user=request.user,
                feedback=return_form.cleaned_data["feedback"],
            )
            messages.success(request, _("De inzending is teruggestuurd met je feedback."))
            return redirect("practices:review-queue")
        status = 400
    return render(
        request,
        "practices/review.html",
        {
            "submission": submission,
            "practice": services.preview_page(submission),
            "return_form": return_form,
            "events": submission.events.select_related("actor"),
            "page_title": _("Inzending beoordelen"),
        },
        status=status,
    )


@login_required
@require_POST
@rate_limited("adopt")
def adopt(request, pk):
    practice = get_object_or_404(PracticePage.objects.live(), pk=pk)
    form = AdoptionForm(request.POST)
    if form.is_valid():
        try:
            services.adoption_create(
                practice=practice, user=request.user, how_it_went=form.cleaned_data["how_it_went"]
            )
            messages.success(request, _("Dank je! Je overname staat nu bij het voorbeeld."))
        except services.AlreadyAdopted as error:
            messages.info(request, " ".join(error.messages))
        return redirect(practice.url)
    return render(
        request,
        "practices/form_page.html",
        {"form": form, "practice": practice, "action": request.path, "page_title": _("Overnemen")},
        status=400,
    )


@login_required
@require_POST
@rate_limited("logbook")
def logbook_add(request, pk):
    practice = get_object_or_404(PracticePage.objects.live(), pk=pk)
    form = LogbookForm(request.POST)
    if form.is_valid():
        services.logbook_add(practice=practice, user=request.user, **form.cleaned_data)
        messages.success(request, _("Het logboekbericht staat bij de proeftuin."))
        return redirect(practice.url)
    return render(
        request,
        "practices/form_page.html",
        {"form": form, "practice": practice, "action": request.path, "page_title": _("Logboek")},
        status=400,
    )


def spread_map(request):
    return render(
        request,
        "practices/spread.html",
        {
            **spread.spread_context(),
            # Cached per content generation: no query of its own on a warm cache.
            "listing_url": index_url(PracticeIndexPage),
            "page_title": _("Hoe praktijkvoorbeelden zich verspreiden"),
        },
    )


@require_GET
def export_csv(request):
    """The listing with its current filters as CSV: every result, streamed."""
    return csv_response("praktijkvoorbeelden.csv", export.header(), export.practice_chunks(request))
