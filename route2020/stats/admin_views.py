"""The office's statistics dashboard in /beheer/."""

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from . import buffer, charts, dashboard
from .permissions import can_view_statistics
from .tasks import flush_statistics


def _queue_flush():
    """Opening the dashboard writes what waits in the cache, at most once per time slot
    (cron does it every few minutes as well, see docs/deploy.md)."""
    if cache.add(f"stats:flush-queued:{buffer.slot_of()}", 1, buffer.SLOT_SECONDS):
        flush_statistics.enqueue()


def index(request):
    if not can_view_statistics(request.user):
        raise PermissionDenied
    _queue_flush()
    period = dashboard.Period.from_query(request.GET.get("dagen"))
    days = dashboard.per_day(period)
    pages = dashboard.top_pages(period)
    sections = dashboard.sections(period)
    titles = dashboard.page_titles([row["path"] for row in pages + sections])
    for row in pages + sections:
        row["title"] = titles.get(row["path"], "")
    terms = dashboard.zero_result_terms(period)
    context = {
        "title": _("Statistieken"),
        "period": period,
        "periods": dashboard.PERIODS,
        "days": days,
        "total_views": sum(row["views"] for row in days),
        "total_visits": sum(row["visitors"] for row in days),
        "total_returning": sum(row["returning"] for row in days),
        "pages": pages,
        "sections": sections,
        "terms": terms,
        "views_chart": charts.column_chart(
            [(row["day"], row["views"]) for row in days],
            title=_("Paginaweergaven per dag (de cijfers staan in de tabel ernaast)"),
            chart_id="grafiek-per-dag",
        ),
        "pages_chart": charts.bar_chart(
            [(row["title"] or row["path"], row["views"]) for row in pages],
            title=_("Meest bekeken pagina's (de cijfers staan in de tabel ernaast)"),
            chart_id="grafiek-paginas",
        ),
        "sections_chart": charts.bar_chart(
            [(row["title"] or row["path"], row["views"]) for row in sections],
            title=_("Paginaweergaven per onderdeel (de cijfers staan in de tabel ernaast)"),
            chart_id="grafiek-onderdelen",
        ),
        "terms_chart": charts.bar_chart(
            [(row["term"], row["searches"]) for row in terms],
            title=_("Zoektermen zonder resultaat (de cijfers staan in de tabel ernaast)"),
            chart_id="grafiek-zoektermen",
        ),
    }
    return TemplateResponse(request, "stats/dashboard.html", context)
