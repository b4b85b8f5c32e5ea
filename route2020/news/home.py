"""The latest news on the home page: one query for the cards."""

from route2020.core.pages import index_url, public
from route2020.core.registry import HomeSection

HOME_COUNT = 4


def home_sections():
    from .models import NewsIndexPage, NewsItemPage

    news = public(NewsItemPage.objects.live()).order_by("-date", "-pk")
    return [
        HomeSection(
            "news/includes/home_section.html",
            {
                "latest_news": news.only(*NewsItemPage.LIST_FIELDS)[:HOME_COUNT],
                "index_url": index_url(NewsIndexPage),
            },
            region="columns",
            order=10,
        )
    ]
