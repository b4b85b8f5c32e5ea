from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from route2020.core.pages import public

from .models import NewsIndexPage, NewsItemPage


class NewsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Route 2020 — nieuws")
    subtitle = _("Het nieuws van de ontwikkelagenda Route 2020 van de openbare bibliotheken.")

    def link(self):
        index = NewsIndexPage.objects.live().first()
        return index.url if index else "/"

    def items(self):
        return (
            public(NewsItemPage.objects.live())
            .order_by("-date", "-pk")
            .only(*NewsItemPage.LIST_FIELDS)[:30]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        from datetime import datetime, time

        from django.utils import timezone

        return timezone.make_aware(datetime.combine(item.date, time(12)))

    def item_updateddate(self, item):
        return item.last_published_at
