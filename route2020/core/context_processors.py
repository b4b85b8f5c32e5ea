from django.core.cache import cache
from django.utils.translation import get_language

from . import cache as page_cache


def navigation():
    """The header menu: live pages below the home page marked "toon in menu's".

    Kept in the cache per content generation and language, so a page costs no query for it.
    """
    from wagtail.models import Site

    key = f"nav:{page_cache.generation()}:{get_language()}"
    items = cache.get(key)
    if items is None:
        site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
        items = []
        if site:
            items = [
                {"title": page.title, "url": page.get_url(current_site=site)}
                for page in site.root_page.get_children().live().in_menu().specific(defer=True)
            ]
        cache.set(key, items, 60 * 60)
    return items


def site_frame(request):
    path = request.path
    return {
        "nav_items": [
            {**item, "current": bool(item["url"]) and path.startswith(item["url"])}
            for item in navigation()
        ],
        "cookie_choice": request.COOKIES.get(page_cache.CONSENT_COOKIE, ""),
    }
