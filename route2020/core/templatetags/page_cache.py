from django import template
from django.middleware.csrf import get_token
from django.utils.html import format_html

from ..cache import cache_until
from ..csrf import TOKEN_FIELD, token_placeholder_allowed

register = template.Library()


@register.simple_tag(takes_context=True)
def cacheable_csrf_token(context):
    """`{% csrf_token %}` for a form on a page the page cache keeps: on a response it may
    keep, an empty field that the page's script fills in (route2020.core.csrf); on any other
    (a signed-in member, a POST, the cache off) the token itself."""
    request = context.get("request")
    if request is not None and token_placeholder_allowed(request):
        return format_html('<input type="hidden" name="{}" value="" data-csrf-token>', TOKEN_FIELD)
    return format_html(
        '<input type="hidden" name="{}" value="{}">', TOKEN_FIELD, get_token(request)
    )


@register.simple_tag(takes_context=True)
def page_cache_until(context, moment):
    """The page changes by itself at `moment` (a date and time, or None): the page cache keeps
    it no longer (route2020.core.cache.cache_until). Renders nothing."""
    request = context.get("request")
    if request is not None and moment is not None:
        cache_until(request, moment)
    return ""
