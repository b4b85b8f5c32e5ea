"""/vragen/: a page of questions with their organisation, themes and number of answers, in
the same few queries at any length."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q

from route2020.core.pages import public
from route2020.themes.models import ThemePage

from .forms import FilterForm
from .models import PER_PAGE, QuestionPage


def questions(theme=None, status=""):
    found = public(QuestionPage.objects.live())
    if theme is not None:
        found = found.filter(themes=theme)
    if status == "open":
        found = found.filter(solved_at__isnull=True)
    elif status == "opgelost":
        found = found.filter(solved_at__isnull=False)
    return found.order_by("-first_published_at", "-pk")


def listing_context(index, request):
    form = FilterForm(request.GET or None)
    theme, status = None, ""
    if form.is_valid():
        theme, status = form.cleaned_data["thema"], form.cleaned_data["status"]
    page = Paginator(questions(theme, status).values_list("pk", flat=True), PER_PAGE).get_page(
        request.GET.get("pagina")
    )
    ids = list(page.object_list)
    rows = (
        QuestionPage.objects.filter(pk__in=ids)
        .select_related("organisation")
        .annotate(visible_answers=Count("answers", filter=Q(answers__hidden_at__isnull=True)))
        .prefetch_related(
            Prefetch("themes", queryset=ThemePage.objects.only("pk", "title", "slug", "number"))
        )
    )
    by_id = {row.pk: row for row in rows}
    page.object_list = [by_id[pk] for pk in ids if pk in by_id]
    query = {"thema": theme.slug if theme else "", "status": status}
    return {
        "questions_page": page,
        "filter_form": form,
        "query_string": urlencode({k: v for k, v in query.items() if v}),
    }
