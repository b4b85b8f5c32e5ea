from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from route2020.core.pages import index_url, public

from .models import NewsletterIndexPage, NewsletterIssuePage


class IssueFeed(Feed):
    feed_type = Atom1Feed
    title = _("Route 2020 — Reisflitsen")
    subtitle = _("De nieuwsbrief van de ontwikkelagenda Route 2020.")

    def link(self):
        return index_url(NewsletterIndexPage) or "/"

    def items(self):
        return (
            public(NewsletterIssuePage.objects.live())
            .sent()
            .select_related("dispatch")
            .order_by("-dispatch__started_at", "-pk")[:30]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.dispatch.started_at

    def item_updateddate(self, item):
        return item.last_published_at or item.dispatch.started_at
