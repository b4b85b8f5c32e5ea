from django.conf import settings
from django.core.cache import cache
from django.utils.encoding import escape_uri_path
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, gettext

from . import cache as page_cache
from . import fragments


def navigation():
    """The header menu: live pages below the home page marked "toon in menu's".

    Kept in the cache per content generation and language, so a page costs no query for it.
    """
    from wagtail.models import Site

    key = f"nav:3:{page_cache.generation()}:{get_language()}"  # 3: English page titles
    items = cache.get(key)
    if items is None:
        site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
        items = []
        if site:
            pages = site.root_page.get_children().live().in_menu().specific(defer=True)
            # A section's menu label is translated, and a standard page may have an English
            # title; any other title is Dutch data, marked so for screen readers.
            untranslated = (
                "" if get_language() == settings.LANGUAGE_CODE else settings.LANGUAGE_CODE
            )
            items = [
                {
                    "title": getattr(page, "menu_title", page.title),
                    "url": page.get_url(current_site=site),
                    "lang": (
                        "" if getattr(page, "translated_menu_title", lambda: "")() else untranslated
                    ),
                }
                for page in pages
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
                # An installed question (the model's default, the demo's) is interface text with
                # a translation in the catalogue; one the office wrote has none and stays as is.
                "cookie_text": gettext(setting.cookie_text) if setting.cookie_text else "",
            }
        cache.set(key, values, 60 * 60)
    return values


def language_paths(path):
    """The same page in Dutch and in English, always as a path on this site.

    Built from the escaped path (a backslash becomes %5C) with every leading slash but one
    removed, so /en//evil.example/ gives /evil.example/, never the off-site //evil.example/.
    """
    path = escape_uri_path(path)
    if path == "/en" or path.startswith("/en/"):
        path = path[3:]
    path = "/" + path.lstrip("/")
    return {"nl": path, "en": "/en" + path}


def site_frame(request):
    """The chrome's values, lazy: a page whose header and footer come from shared fragments
    (route2020.core.fragments) computes only the vary values. The menu and the footer's
    settings are kept per process and content generation besides (no cache round trip)."""
    path = request.path

    def nav_items():
        items = fragments.memo(request, "nav", (), navigation)
        return [
            {**item, "current": bool(item["url"]) and path.startswith(item["url"])}
            for item in items
        ]

    def nav_current():
        """Which menu items are the current section, as a short string: the header
        fragment's vary value."""
        items = fragments.memo(request, "nav", (), navigation)
        return "".join(
            "1" if item["url"] and path.startswith(item["url"]) else "0" for item in items
        )

    return {
        "language_paths": SimpleLazyObject(lambda: language_paths(path)),
        "nav_items": SimpleLazyObject(nav_items),
        "nav_current": SimpleLazyObject(nav_current),
        "cookie_choice": page_cache.consent_choice(request),
        "site_settings": SimpleLazyObject(
            lambda: fragments.memo(request, "site-settings", (), site_settings)
        ),
    }
