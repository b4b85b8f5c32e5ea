"""What a theme page and /themas/ show besides their own text: every app adds its part.

Practices, events, news and decisions point at a theme; the theme does not know them (they
import the themes app, not the other way round). An app adds to the theme pages with a
module `theme.py` (found through `core.registry.app_modules`, like `home.py`) that has:

- `theme_holdings()`: `Holding`s, what the app holds for a theme as a count with a link to
  its listing filtered on the theme ("12 praktijkvoorbeelden"). All apps' counts and their
  listings' addresses come from one query per theme page, whatever the number of apps.
- `theme_sections()`: `ThemeSection`s shown on a theme page (template and a context function
  of the theme), e.g. the action plans with their progress.
- `theme_index_sections()`: sections of /themas/ (a context function of the index page and
  its themes), e.g. the five themes' progress side by side.

Context functions run when the template reads `section.context`, inside the page's cached
fragment: a cached theme page runs none of their queries.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Func, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.functional import SimpleLazyObject, cached_property
from wagtail.models import Page

from route2020.core.registry import app_modules


@dataclass(frozen=True)
class Holding:
    """`pages(theme_ref)`: the app's live pages of the theme whose pk `theme_ref` refers to.

    `label`: an `ngettext_lazy(singular, plural, "count")` with `%(count)s`; `index`: the
    page model of the listing; `parameters`: its query, where "{slug}" is the theme's slug.
    """

    key: str
    label: object
    pages: Callable
    index: type
    parameters: dict
    order: int = 50


@dataclass
class HoldingCount:
    holding: Holding
    count: int
    url: str

    @property
    def label(self):
        return self.holding.label % {"count": self.count}

    @property
    def key(self):
        return self.holding.key


@dataclass
class ThemeSection:
    template: str
    context_function: Callable
    order: int = 50
    arguments: tuple = field(default=(), repr=False)

    def bind(self, *arguments):
        return ThemeSection(self.template, self.context_function, self.order, arguments)

    @cached_property
    def context(self):
        return self.context_function(*self.arguments)


def _collect(name):
    found = [item for module in app_modules("theme") for item in getattr(module, name, list)()]
    return sorted(found, key=lambda item: item.order)


def theme_sections(theme):
    return [section.bind(theme) for section in _collect("theme_sections")]


def theme_index_sections(index, themes):
    return [section.bind(index, themes) for section in _collect("theme_index_sections")]


def _count(queryset):
    counted = queryset.order_by().annotate(
        holding_count=Func(F("pk"), function="COUNT", output_field=IntegerField())
    )
    return Coalesce(Subquery(counted.values("holding_count")[:1]), Value(0))


def _listing_path(model):
    content_type = ContentType.objects.get_for_model(model)  # cached per process
    pages = Page.objects.filter(content_type=content_type, live=True).order_by("path")
    return Subquery(pages.values("url_path")[:1])


def url_of(url_path):
    """The site-relative URL of a page known by its url_path (no query: site roots are cached)."""
    return Page(url_path=url_path).get_url() if url_path else ""


def holdings(theme):
    """Every app's count for this theme with the filtered listing's address: one query."""
    found = _collect("theme_holdings")
    if not found:
        return []
    annotations = {}
    for number, holding in enumerate(found):
        annotations[f"n{number}"] = _count(holding.pages(OuterRef("pk")))
        annotations[f"u{number}"] = _listing_path(holding.index)
    row = Page.objects.filter(pk=theme.pk).values(**annotations).first() or {}
    counts = []
    for number, holding in enumerate(found):
        url = url_of(row.get(f"u{number}"))
        if url:
            query = {
                name: value.format(slug=theme.slug) for name, value in holding.parameters.items()
            }
            url = f"{url}?{urlencode(query)}" if query else url
        counts.append(HoldingCount(holding, row.get(f"n{number}") or 0, url))
    return counts


def lazy_holdings(theme):
    return SimpleLazyObject(lambda: holdings(theme))
