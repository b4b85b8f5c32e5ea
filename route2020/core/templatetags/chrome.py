"""Small helpers for the site's chrome (header, footer) around shared fragments."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def account_state(context):
    """What the header's account links depend on: "" (not signed in), "member" or "manager"
    (the "Beheer" link: staff, editors, regiogidsen). A vary value of the header fragment."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return ""
    if user.is_staff or user.is_editor or user.is_guide:
        return "manager"
    return "member"
