import re

from allauth.account.views import signup as signup_view
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from route2020 import api
from route2020.core import csrf
from route2020.core import views as core_views
from route2020.core.ratelimit import rate_limited
from route2020.core.sitemaps import sitemap
from route2020.files import urls as files_urls
from route2020.files import views as files_views

urlpatterns = [
    # One sign-in path, with one lockout: Wagtail's own login view is never reached.
    path("beheer/login/", core_views.admin_login, name="admin-login"),
    path("beheer/", include(wagtailadmin_urls)),
    path("documenten/", include(files_urls.document_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots"),
    # The CSRF token of a form on a cached page (route2020.core.csrf).
    path("csrf/", csrf.csrf_token, name="csrf-token"),
    path(".well-known/security.txt", core_views.security_txt, name="security-txt"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Not language-prefixed: field names and values are the same in every language.
    path("api/v1/", api.urls()),
]

urlpatterns += i18n_patterns(
    # allauth's sign-up view behind the site's rate limit (the same URL, found first).
    path("account/signup/", rate_limited("signup")(signup_view)),
    path("account/", include("allauth.urls")),
    path("", include("route2020.core.urls")),
    path("", include("route2020.news.urls")),
    path("", include("route2020.search.urls")),
    path("", include("route2020.practices.urls")),
    path("", include("route2020.guides.urls")),
    path("", include("route2020.events.urls")),
    path("", include("route2020.newsletter.urls")),
    path("", include("route2020.questions.urls")),
    path("", include("route2020.notifications.urls")),
    path("", include("route2020.consent.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# The site's own error pages, in the visitor's language (403 and 404 are templates).
handler500 = "route2020.core.views.server_error"

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    # Development and the demo of `make run` (DEBUG off): images only; documents go through
    # /documenten/ (files/views.py).
    media_prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    urlpatterns = [
        re_path(rf"^{media_prefix}(?P<path>.*)$", files_views.media, name="media")
    ] + urlpatterns
