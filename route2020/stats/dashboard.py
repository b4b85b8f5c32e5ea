"""The figures of the office's dashboard for a period of days: one query each."""

from datetime import timedelta

from django.db.models import Sum
from django.utils import timezone

from .models import DailyVisitors, PageView, ZeroResultSearch

PERIODS = (7, 30, 90, 365)
DEFAULT_PERIOD = 30
TOP_PAGES = 20
TOP_SECTIONS = 15
TOP_TERMS = 30


class Period:
    def __init__(self, days, today=None):
        self.days = days if days in PERIODS else DEFAULT_PERIOD
        self.last = today or timezone.localdate()
        self.first = self.last - timedelta(days=self.days - 1)

    @classmethod
    def from_query(cls, value, today=None):
        try:
            return cls(int(value), today)
        except (TypeError, ValueError):
            return cls(DEFAULT_PERIOD, today)

    def dates(self):
        return [self.first + timedelta(days=n) for n in range(self.days)]


def _in(period, queryset):
    return queryset.filter(day__gte=period.first, day__lte=period.last)


def per_day(period):
    """Every day of the period, also those without a view: (day, views, visitors, returning)."""
    views = dict(
        _in(period, PageView.objects)
        .values("day")
        .annotate(total=Sum("views"))
        .values_list("day", "total")
    )
    visitors = {
        row.day: row
        for row in _in(period, DailyVisitors.objects).only("day", "visitors", "returning")
    }
    rows = []
    for day in period.dates():
        daily = visitors.get(day)
        rows.append(
            {
                "day": day,
                "views": views.get(day, 0),
                "visitors": daily.visitors if daily else 0,
                "returning": daily.returning if daily else 0,
            }
        )
    return rows


def top_pages(period, limit=TOP_PAGES):
    rows = (
        _in(period, PageView.objects)
        .values("path")
        .annotate(views=Sum("views"))
        .order_by("-views", "path")[:limit]
    )
    return list(rows)


def sections(period, limit=TOP_SECTIONS):
    rows = (
        _in(period, PageView.objects)
        .values("section")
        .annotate(views=Sum("views"))
        .order_by("-views", "section")[:limit]
    )
    return [{"path": f"/{row['section']}/" if row["section"] else "/", **row} for row in rows]


def zero_result_terms(period, limit=TOP_TERMS):
    rows = (
        _in(period, ZeroResultSearch.objects)
        .values("term")
        .annotate(searches=Sum("searches"))
        .order_by("-searches", "term")[:limit]
    )
    return list(rows)


def page_titles(paths):
    """The title of each path that is a page of the default site: one query."""
    from wagtail.models import Page, Site

    site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    if site is None or not paths:
        return {}
    root = site.root_page.url_path
    wanted = {root + path.lstrip("/"): path for path in paths}
    return {
        wanted[url_path]: title
        for url_path, title in Page.objects.filter(url_path__in=list(wanted)).values_list(
            "url_path", "title"
        )
    }
