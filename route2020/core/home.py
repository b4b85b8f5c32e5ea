"""What the home page shows of every section: a few queries, each with a fixed cost.

An app adds to the home page by having a `home.py` with `home_context()` returning a dict.
"""

from .extensions import app_modules

SECTION_APPS = ("events", "practices", "newsletter")


def home_sections(home):
    from route2020.news.models import NewsIndexPage, NewsItemPage
    from route2020.themes.models import ThemePage

    from .pages import index_url, public

    news = public(NewsItemPage.objects.live()).order_by("-date", "-pk")
    sections = {
        "latest_news": news.only(*NewsItemPage.LIST_FIELDS)[:4],
        "news_index_url": index_url(NewsIndexPage),
        "themes": public(ThemePage.objects.live())
        .order_by("number", "path")
        .only("title", "url_path", "path", "depth"),
    }
    for module in app_modules("home", SECTION_APPS):
        sections.update(module.home_context())
    return sections
