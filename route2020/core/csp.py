"""The Content-Security-Policy: strict on the public site, looser in the CMS.

The public site runs no inline script and no inline style (every script and stylesheet is a
file under /static/), so its policy allows scripts and styles from this site only and never
'unsafe-inline' or 'unsafe-eval'. Wagtail's admin at /beheer/ needs inline styles and some
inline script; it gets ADMIN_CONTENT_SECURITY_POLICY instead. No nonces: a nonce would make
every page unique and the anonymous page cache useless.

The policy depends on the settings and on whether the path is the CMS's only (unless a view
sets its own with django-csp's decorators, or a template asks for a nonce): it is built once
per process and kind, not for every response (django-csp builds it twice per response, which
was a tenth of the time of a page served from the page cache). Changed settings (the tests)
build it anew.
"""

from dataclasses import asdict
from urllib.parse import urlsplit

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed

# (report_only, CMS path) -> the header's value ("" for none)
_policies = {}
PER_RESPONSE = {
    False: ("_csp_config", "_csp_update", "_csp_replace"),
    True: ("_csp_config_ro", "_csp_update_ro", "_csp_replace_ro"),
}
HEADERS = {
    False: (HEADER, "_csp_exempt", "CONTENT_SECURITY_POLICY"),
    True: (HEADER_REPORT_ONLY, "_csp_exempt_ro", "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
}


def _forget_policies(**kwargs):
    _policies.clear()


setting_changed.connect(_forget_policies, dispatch_uid="route2020-csp-policies")


def media_origin():
    """Uploads served from another host (object storage) are images and documents too."""
    parts = urlsplit(settings.MEDIA_URL)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


class ScopedCSPMiddleware(CSPMiddleware):
    ADMIN_PREFIX = "/beheer/"

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if parts.config is None and request.path_info.startswith(self.ADMIN_PREFIX):
            parts.config = dict(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        origin = media_origin()
        if origin:
            parts.update = {**(parts.update or {}), "img-src": [origin], "media-src": [origin]}
        return parts

    def policy(self, request, response, report_only):
        """The header's value: built once per kind unless the response or a nonce changes it."""
        own = any(getattr(response, name, None) is not None for name in PER_RESPONSE[report_only])
        if own or getattr(request, "_csp_nonce", None) is not None:
            return self.build(request, response, report_only)
        key = (report_only, request.path_info.startswith(self.ADMIN_PREFIX))
        policy = _policies.get(key)
        if policy is None:
            policy = _policies[key] = self.build(request, response, report_only)
        return policy

    def build(self, request, response, report_only):
        parts = self.get_policy_parts(request=request, response=response, report_only=report_only)
        return build_policy(**asdict(parts), report_only=report_only)

    def process_response(self, request, response):
        """django-csp's, with the policy from `policy()`."""
        if response.status_code in (500, 404) and settings.DEBUG:
            return response
        for report_only in (False, True):
            header, exempt, setting = HEADERS[report_only]
            policy = self.policy(request, response, report_only)
            if not policy or header in response or getattr(response, exempt, False) is not False:
                continue
            prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if not request.path_info.startswith(tuple(prefixes)):
                response[header] = policy
        # As django-csp: a nonce asked for after the header is written is an error.
        if getattr(request, "_csp_nonce", None) is None:
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
