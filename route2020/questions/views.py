"""The question page (a route of QuestionPage) and the small POST routes beside it.

Every view checks its permission explicitly (permissions.py) before it acts; the services
check again. A refusal is a 403 or 404, a closed question a 409, flooding the Dutch 429 page
(core/ratelimit.py: question-ask, question-answer, question-flag).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from route2020.core.cache import scope_page
from route2020.core.ratelimit import exceeded, too_many_requests
from route2020.practices.models import PracticePage

from . import permissions, services
from .forms import AnswerForm, QuestionForm, ReasonForm, SolveForm
from .models import Answer, QuestionPage, Suggestion


def visible_answers(question, user):
    """Everyone sees the answers that are not hidden; the author of a hidden answer sees it
    with the reason; whoever may hide sees every answer."""
    answers = Answer.objects.filter(question=question).select_related("organisation", "author")
    if permissions.may_hide(user, question):
        return list(answers)
    mine = user.pk if user is not None else None
    return [a for a in answers if not a.is_hidden or (mine is not None and a.author_id == mine)]


def question(request, page, answer_form=None, status=200):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    user = request.user if request.user.is_authenticated else None
    if user is None:
        scope_page(request, services.scope(page.pk))
    if page.pk is None:  # the CMS's preview of a question not saved yet
        return render(request, "questions/question_page.html", page.get_context(request))
    suggestions = list(
        Suggestion.objects.filter(question=page)
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "practice",
                queryset=PracticePage.objects.live().select_related("organisation"),
            )
        )
    )
    practices = [s for s in suggestions if s.practice_id and s.practice is not None]
    organisations = [s for s in suggestions if s.organisation_id]
    may_manage = permissions.may_manage(user, page)
    context = {
        "answers": visible_answers(page, user),
        "suggested_practices": practices,
        "suggested_organisations": organisations,
        "led_to": page.led_to.live() if page.is_solved else [],
        "may_answer": permissions.may_answer(user, page),
        "may_manage": may_manage,
        "may_hide": permissions.may_hide(user, page),
        "may_flag": permissions.may_flag(user),
        "answer_form": answer_form or AnswerForm(),
        "solve_form": _solve_form(page) if may_manage and not page.is_solved else None,
    }
    full_context = page.get_context(request)
    full_context.update(context)
    response = render(request, "questions/question_page.html", full_context, status=status)
    if user is not None:
        add_never_cache_headers(response)
    return response


def _solve_form(question, data=None):
    """The practices a question can have led to: what the platform suggested and the live
    practices of the organisations that answered."""
    suggested = Suggestion.objects.filter(question=question, practice__isnull=False).values(
        "practice_id"
    )
    answering = Answer.objects.filter(question=question, hidden_at__isnull=True).values(
        "organisation_id"
    )
    practices = PracticePage.objects.live().filter(
        Q(pk__in=suggested) | Q(organisation_id__in=answering)
    )
    return SolveForm(data, practices=practices.order_by("title"))


@login_required
def ask(request):
    if not permissions.may_ask(request.user):
        raise PermissionDenied
    form = QuestionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if exceeded(request, "question-ask"):
            return too_many_requests(request)
        if form.is_valid():
            try:
                question = services.question_ask(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _(
                        "Je vraag staat online. Hieronder zie je wie ervaring heeft; zij "
                        "krijgen bericht als ze dat willen."
                    ),
                )
                return redirect(question.url)
        status = 400
    response = render(
        request,
        "questions/ask.html",
        {"form": form, "organisation": request.user.organisation},
        status=status,
    )
    add_never_cache_headers(response)
    return response


def _question_or_404(pk):
    return get_object_or_404(QuestionPage.objects.live().select_related("organisation"), pk=pk)


@login_required
@require_POST
def answer(request, pk):
    page = _question_or_404(pk)
    if page.is_solved:
        form = AnswerForm(request.POST)
        form.is_valid()
        form.add_error(None, services.Solved())
        return question(_get(request), page, form, 409)
    if permissions.may_manage(request.user, page):
        # The asking organisation: refused in Dutch, with what was typed shown again.
        form = AnswerForm(request.POST)
        form.is_valid()
        form.add_error(None, services.OwnQuestion())
        return question(_get(request), page, form, 403)
    if not permissions.may_answer(request.user, page):
        raise PermissionDenied
    if exceeded(request, "question-answer"):
        return too_many_requests(request)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_create(question=page, user=request.user, text=form.cleaned_data["text"])
        except services.Solved as error:
            form.add_error(None, error)
            return question(_get(request), page, form, 409)
        messages.success(request, _("Bedankt! Je antwoord staat bij de vraag."))
        return redirect(page.url + "#antwoorden")
    return question(_get(request), page, form, 400)


def _get(request):
    """Render the question page again from a POST, with the form that was posted."""
    request.method = "GET"
    return request


@login_required
@require_POST
def helpful(request, pk):
    item = get_object_or_404(Answer.objects.select_related("question"), pk=pk)
    if not permissions.may_manage(request.user, item.question):
        raise PermissionDenied
    try:
        services.answer_mark_helpful(
            answer=item, user=request.user, helpful=request.POST.get("nuttig") != "nee"
        )
    except services.HiddenAnswer as error:
        messages.error(request, error.message)
        return question(_get(request), _question_or_404(item.question_id), status=409)
    return redirect(item.question.url + f"#antwoord-{item.pk}")


@login_required
@require_POST
def solve(request, pk):
    page = _question_or_404(pk)
    if not permissions.may_manage(request.user, page):
        raise PermissionDenied
    form = _solve_form(page, request.POST)
    if not form.is_valid():
        return question(_get(request), page, status=400)
    services.question_solve(
        question=page, user=request.user, practices=form.cleaned_data["practices"]
    )
    messages.success(request, _("De vraag staat nu als opgelost."))
    return redirect(page.url)


@login_required
def hide(request, pk):
    item = get_object_or_404(Answer.objects.select_related("question__organisation"), pk=pk)
    if not permissions.may_hide(request.user, item.question):
        raise PermissionDenied
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.answer_hide(answer=item, user=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("Het antwoord is verborgen; de auteur ziet waarom."))
        return redirect(item.question.url + "#antwoorden")
    return _reason_page(request, form, item.question, item, "hide", 400 if form.is_bound else 200)


@login_required
def flag(request, pk, answer_pk=None):
    page = _question_or_404(pk)
    item = None
    if answer_pk is not None:
        item = get_object_or_404(Answer, pk=answer_pk, question=page)
    if not permissions.may_flag(request.user):
        raise PermissionDenied
    form = ReasonForm(request.POST or None)
    if request.method == "POST":
        if exceeded(request, "question-flag"):
            return too_many_requests(request)
        if form.is_valid():
            try:
                services.flag_create(
                    question=page,
                    answer=item,
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except services.AlreadyFlagged as error:
                messages.info(request, error.message)
            else:
                messages.success(request, _("Bedankt voor je melding. De redactie kijkt ernaar."))
            return redirect(page.url)
    return _reason_page(request, form, page, item, "flag", 400 if form.is_bound else 200)


def _reason_page(request, form, page, item, action, status):
    response = render(
        request,
        "questions/reason.html",
        {"form": form, "question": page, "answer": item, "action": action},
        status=status,
    )
    add_never_cache_headers(response)
    return response
