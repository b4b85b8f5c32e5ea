"""The regiogids's own pages: their visits and their draft Reisadviezen.

Every POST counts against the rate limit "guide-write" (core/ratelimit.py).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from route2020.core.auth import staff_mfa_required
from route2020.core.ratelimit import rate_limited
from route2020.practices.forms import STEP_NAMES

from . import services
from .forms import RecommendationFormSet, ReisadviesForm, VisitForm
from .models import VISITS_PER_PAGE, ReisadviesPage
from .permissions import may_explore, visits_of


def guide_only(view):
    view = login_required(staff_mfa_required(view))

    def wrapped(request, *args, **kwargs):
        if request.user.is_authenticated and not may_explore(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.staff_mfa_required = True
    return wrapped


@guide_only
def visit_list(request):
    visits = (
        visits_of(request.user)
        .select_related("organisation", "organisation__province")
        .annotate(practice_count=Count("practices", distinct=True))
        .order_by("-visited_on", "-pk")
    )
    advices = (
        ReisadviesPage.objects.filter(author=request.user)
        .only("pk", "title", "draft_title", "live", "date", "url_path", "path", "depth")
        .order_by("-date", "-pk")
    )
    return render(
        request,
        "guides/visit_list.html",
        {
            "page_obj": Paginator(visits, VISITS_PER_PAGE).get_page(request.GET.get("pagina")),
            "advices": advices,
            "provinces": request.user.provinces.all(),
            "page_title": _("Mijn verkenning"),
        },
    )


def _visit_form_page(request, form, visit=None, status=200):
    return render(
        request,
        "guides/visit_form.html",
        {
            "form": form,
            "visit": visit,
            "submissions": visit.submissions.all() if visit else [],
            "page_title": _("Bezoek bewerken") if visit else _("Bezoek vastleggen"),
        },
        status=status,
    )


@guide_only
@rate_limited("guide-write")
def visit_create(request):
    form = VisitForm(request.POST or None, guide=request.user)
    if request.method == "POST":
        if form.is_valid():
            visit = services.visit_save(guide=request.user, form=form)
            messages.success(
                request,
                _("Het bezoek is vastgelegd. Vink nu de praktijkvoorbeelden aan die je ophaalde."),
            )
            return redirect("guides:visit-edit", pk=visit.pk)
        return _visit_form_page(request, form, status=400)
    return _visit_form_page(request, form)


@guide_only
@rate_limited("guide-write")
def visit_edit(request, pk):
    visit = get_object_or_404(visits_of(request.user).select_related("organisation"), pk=pk)
    form = VisitForm(request.POST or None, instance=visit, guide=request.user)
    if request.method == "POST":
        if form.is_valid():
            services.visit_save(guide=request.user, form=form)
            messages.success(request, _("Het bezoek is opgeslagen."))
            return redirect("guides:visit-list")
        return _visit_form_page(request, form, visit, status=400)
    return _visit_form_page(request, form, visit)


@guide_only
@require_POST
@rate_limited("guide-write")
def visit_submit_practice(request, pk):
    visit = get_object_or_404(visits_of(request.user).select_related("organisation"), pk=pk)
    submission = services.visit_submit_practice(guide=request.user, visit=visit)
    return redirect("practices:submission-step", pk=submission.pk, step=STEP_NAMES[0])


def _advice_initial(page):
    page = page.get_latest_revision_as_object()
    initial = {
        "title": page.title,
        "intro": page.intro,
        "date": page.date,
        "provinces": list(page.provinces.all()),
        "visits": list(page.visits.all()),
    }
    recommendations = [
        {
            "heading": item["heading"],
            "text": item["text"],
            "practices": item["practice_ids"],
            "pilots": "\n".join(item["pilots"]),
        }
        for item in page.raw_recommendations()
    ]
    return initial, recommendations


@guide_only
@rate_limited("guide-write")
def advice_form(request, pk=None):
    page = None
    initial, recommendations = {}, []
    if pk is not None:
        page = get_object_or_404(ReisadviesPage.objects.filter(author=request.user), pk=pk)
        if page.live:
            messages.info(request, _("Dit reisadvies is gepubliceerd; de redactie beheert het."))
            return redirect("guides:visit-list")
        initial, recommendations = _advice_initial(page)
    data = request.POST if request.method == "POST" else None
    form = ReisadviesForm(data, initial=initial, guide=request.user)
    formset = RecommendationFormSet(
        data, initial=recommendations, guide=request.user, prefix="aanbeveling"
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and formset.is_valid():
            try:
                services.advice_save(
                    guide=request.user, form=form, recommendation_forms=formset, page=page
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Je reisadvies is opgeslagen als concept. De redactie publiceert het."),
                )
                return redirect("guides:visit-list")
    return render(
        request,
        "guides/advice_form.html",
        {
            "form": form,
            "formset": formset,
            "advice": page,
            "page_title": _("Reisadvies bewerken") if page else _("Reisadvies schrijven"),
        },
        status=status,
    )
