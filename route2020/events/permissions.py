"""Who may do what with events: every check of this app in one place.

Roles come from `route2020.core.permissions` (confirmed membership, the redactie).
"""

from route2020.core.permissions import is_confirmed_member, is_editor


def may_register(user, event):
    """An event for members only takes confirmed members (and the redactie); any other
    event takes anyone, visitors included."""
    return not event.members_only or is_confirmed_member(user) or is_editor(user)


def may_see_registrations(user):
    """The office's lists of who registered (the `view_registration` permission of the
    Redactie role, `apps.py`)."""
    return user.has_perm("events.view_registration")
