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


def site_settings():
    """The footer's settings, cached per content generation: no query on a normal page."""
    from wagtail.models import Site
    from wagtail.rich_text import expand_db_html

    from .models import SiteSettings

    key = f"site-settings:{page_cache.generation()}:{get_language()}"
    values = cache.get(key)
    if values is None:
        site = Site.objects.filter(is_default_site=True).first()
        values = {}
        if site:
            setting = SiteSettings.for_site(site)
            privacy = setting.privacy_page
            values = {
                "association_name": setting.association_name,
                "footer_html": expand_db_html(setting.footer_text) if setting.footer_text else "",
                "contact_email": setting.contact_email,
                "privacy_url": privacy.get_url(current_site=site) if privacy else "",
                "cookie_text": setting.cookie_text,
            }
        cache.set(key, values, 60 * 60)
    return values


def site_frame(request):
    path = request.path
    return {
        "nav_items": [
            {**item, "current": bool(item["url"]) and path.startswith(item["url"])}
            for item in navigation()
        ],
        "cookie_choice": request.COOKIES.get(page_cache.CONSENT_COOKIE, ""),
        "site_settings": site_settings(),
    }
