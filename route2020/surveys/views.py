"""The survey page (GET shows it, POST saves a draft or submits) and the results page.

Both are routes of SurveyPage (models.py). Every refusal renders the page again with a Dutch
message, the answers typed kept, and a 4xx status; nothing is stored half.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils import formats, timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from route2020.core.ratelimit import exceeded

from . import permissions, services
from .forms import ResultsFilterForm, SurveyForm
from .models import Draft
from .results import MIN_GROUP, compute

SAVE, SUBMIT = "concept", "versturen"


def writes_allowed(request, user):
    """Saving and submitting, per person (or per address for a visitor): a person filling in
    a survey saves a few times; a script trying thousands of submits is stopped."""
    return not exceeded(request, "survey-write")


def survey(request, page):
    if getattr(request, "is_preview", False):
        return _render(request, page, None, form=SurveyForm(questions=page.get_questions()))
    user = request.user if request.user.is_authenticated else None
    if request.method == "POST":
        return _post(request, page, user)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "POST"])
    return _render(request, page, user)


def _post(request, page, user):
    action = SUBMIT if request.POST.get("actie") == SUBMIT else SAVE
    if user is None:
        action = SUBMIT  # a visitor has no drafts (docs/surveys.md)
    questions = page.get_questions()
    form = SurveyForm(request.POST, questions=questions, draft=action == SAVE)
    if not permissions.may_answer(user, page):
        return _render(request, page, user, error=services.NotAllowed().message, status=403)
    state = page.state()
    if state != "open":
        form.is_valid()  # the answers are shown again, with their errors
        error = services.NotOpen(page, state).message
        return _render(request, page, user, form=form, error=error, status=409)
    token = services.visitor_token(request) if user is None else None
    if services.has_participated(survey=page, user=user, token=token):
        return _already_submitted(request, page, user, form)
    if not writes_allowed(request, user):
        form.is_valid()
        form.add_error(
            None,
            _(
                "Je hebt in korte tijd erg vaak opgeslagen of verstuurd. Wacht een paar minuten "
                "en probeer het dan opnieuw; je antwoorden staan hieronder nog."
            ),
        )
        return _render(request, page, user, form=form, status=429)
    if form.is_valid():
        try:
            if action == SAVE:
                services.draft_save(survey=page, user=user, answers=form.answers())
            else:
                token = token or (services.new_visitor_token() if user is None else None)
                services.submit(survey=page, user=user, answers=form.answers(), token=token)
        except services.AlreadySubmitted:
            return _already_submitted(request, page, user, form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if action == SAVE:
                closes = formats.date_format(timezone.localtime(page.closes_at), "j F Y H:i")
                messages.success(
                    request,
                    _(
                        "Je antwoorden zijn bewaard als concept. Je kunt later verdergaan; "
                        "versturen kan tot %(closes)s."
                    )
                    % {"closes": closes},
                )
                return redirect(page.url + "#enquete")
            messages.success(request, _("Bedankt! Je antwoorden zijn verstuurd."))
            response = redirect(page.url)
            if token is not None:
                # Set only now a visitor takes part: one submission per browser.
                services.remember_visitor(request, response, token)
            return response
    return _render(request, page, user, form=form, status=400)


def _already_submitted(request, page, user, form):
    """A second submission: a member goes back to the page with the message; a visitor (no
    session, and the page may be cached for them) gets the message on this answer."""
    message = services.AlreadySubmitted(page).message
    if user is not None:
        messages.info(request, message)
        return redirect(page.url)
    return _render(request, page, user, error=message, status=409, submitted=True)


def _render(request, page, user, form=None, error="", status=200, submitted=None):
    state = page.state()
    preview = getattr(request, "is_preview", False)
    may_answer = preview or permissions.may_answer(user, page)
    if submitted is None:
        token = services.visitor_token(request) if user is None else None
        submitted = not preview and services.has_participated(survey=page, user=user, token=token)
    draft = None
    if user is not None and state == "open" and may_answer and not submitted:
        draft = Draft.objects.filter(survey=page, user=user).first()
    if form is None and state == "open" and may_answer and not submitted:
        form = SurveyForm.from_draft(draft.answers if draft else {}, questions=page.get_questions())
    response = page.render(
        request,
        template="surveys/survey_page.html",
        context_overrides={
            "state": state,
            "may_answer": may_answer,
            "submitted": submitted,
            "draft": draft,
            "form": form,
            "error": error,
            "preview": preview,
            "organisation": permissions.acting_organisation(user),
            "results_visible": permissions.may_see_results(user, page),
            "SAVE": SAVE,
            "SUBMIT": SUBMIT,
        },
    )
    response.status_code = status
    if user is not None or submitted:
        # A draft is personal; so is "you took part" for a visitor, known from their survey
        # cookie, which the page cache does not key on: that page must not be kept for all.
        add_never_cache_headers(response)
    return response


def results(request, page):
    user = request.user if request.user.is_authenticated else None
    office = permissions.is_office(user)
    if not (office or page.results_are_public()):
        raise Http404
    filter_form = ResultsFilterForm(request.GET or None)
    computed = compute(page, office=office, **filter_form.filters())
    response = page.render(
        request,
        template="surveys/survey_results.html",
        context_overrides={
            "results": computed,
            "filter_form": filter_form,
            "office": office,
            "public": page.results_are_public(),
            "min_group": MIN_GROUP,
        },
    )
    if office:
        add_never_cache_headers(response)
    return response
