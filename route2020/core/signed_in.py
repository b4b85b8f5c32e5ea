"""The signed-in person of a request, kept per process.

Django's AuthenticationMiddleware loads the user from the database on every request of a
signed-in visitor, and the header asks for their roles (the groups): two queries and about a
third of a member's page. `AuthenticationMiddleware` here keeps each person, with their role
names, in a small per-process memo (the oldest dropped beyond MAX_PEOPLE), keyed on the user
id and the session's backend, and serves a copy of it (a view may change its own
`request.user`; the kept one is never handed out).

What keeps it right:

- The *people generation*, a counter in the shared cache (`route2020.core.cache.read_counter`,
  read from memory with the embedded cache while nobody wrote): a kept person is used only
  under the generation it was loaded under. Saving or deleting any user, adding or removing
  a group membership, saving or deleting a group and deleting an organisation move it
  (`people_changed`), at once and again after the commit (so a request that read the old
  rows during the transaction cannot keep them under the new value); so do bulk updates of
  users (`UserQuerySet.update`: a deactivation in Wagtail's bulk actions sends no signal). A
  demoted or deactivated person is loaded afresh on their very next request, in every
  process. The counter is one for everybody: a sign-in (which saves `last_login`) makes every
  kept person be read once more, which costs what every request cost before.
- The session's auth hash (the password's HMAC) must match the kept person's, as Django
  checks it; any mismatch, and every first request, goes through Django's own `get_user`
  (which also rotates a hash made with a fallback secret, or signs the session out).
- Signing out empties the session: the next request has no user id to look up.

Only what a person *is* is kept (the user row and the role names); what they may do per
organisation or page is asked where it is used (`route2020.core.permissions`).
"""

import copy
import threading
from collections import OrderedDict

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthentication
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from . import cache as page_cache

GENERATION_KEY = "people:generation"
MAX_PEOPLE = 10_000

_people = OrderedDict()  # (user id as in the session, backend) -> (generation, user, hash)
_lock = threading.Lock()


def clear():
    with _lock:
        _people.clear()


def generation():
    return page_cache.read_counter(GENERATION_KEY)


def people_changed(**kwargs):
    """Every kept person is stale: now, and again once the change is committed (see the
    module's text; outside a transaction the commit has happened: one move)."""
    using = kwargs.get("using") or "default"
    page_cache.bump_counter(GENERATION_KEY)
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(lambda: page_cache.bump_counter(GENERATION_KEY), using=using)


def _membership_changed(action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        people_changed(**kwargs)


def connect_invalidation():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db.models.signals import m2m_changed, post_delete, post_save

    user_model = get_user_model()
    for model in (user_model, Group):
        label = model._meta.label_lower
        post_save.connect(people_changed, sender=model, dispatch_uid=f"people-save-{label}")
        post_delete.connect(people_changed, sender=model, dispatch_uid=f"people-del-{label}")
    m2m_changed.connect(
        _membership_changed, sender=user_model.groups.through, dispatch_uid="people-groups"
    )
    # Deleting an organisation empties its people's `organisation` with an UPDATE that sends
    # no signal for them.
    from .models import Organisation

    post_delete.connect(people_changed, sender=Organisation, dispatch_uid="people-organisation")


def role_names_of(user):
    return frozenset(group.name for group in user.groups.all())


def get_user(request):
    """The request's user: a copy of the kept person while the generation and the session's
    auth hash match, otherwise Django's `auth.get_user` (then kept)."""
    session = request.session
    try:
        user_id = session[SESSION_KEY]
        backend_path = session[BACKEND_SESSION_KEY]
    except KeyError:
        return AnonymousUser()
    session_hash = session.get(HASH_SESSION_KEY) or ""
    current = generation()  # before loading: a change meanwhile leaves the kept one stale
    key = (user_id, backend_path)
    entry = _people.get(key)
    if (
        entry is not None
        and entry[0] == current
        and session_hash
        and constant_time_compare(session_hash, entry[2])
        and backend_path in settings.AUTHENTICATION_BACKENDS
    ):
        return copy.copy(entry[1])
    user = auth.get_user(request)
    if not user.is_authenticated:
        return user
    auth_hash = user.get_session_auth_hash()
    if not constant_time_compare(request.session.get(HASH_SESSION_KEY) or "", auth_hash):
        return user  # rotated or odd: served, not kept
    # The role names once (the header and every permission ask them); `User.role_names` is a
    # cached_property, so the instance's own value wins.
    user.__dict__["role_names"] = role_names_of(user)
    kept = copy.copy(user)
    with _lock:
        _people.pop(key, None)
        _people[key] = (current, kept, auth_hash)
        while len(_people) > MAX_PEOPLE:
            _people.popitem(last=False)
    return user


def _cached_user(request):
    if not hasattr(request, "_cached_user"):
        request._cached_user = get_user(request)
    return request._cached_user


class AuthenticationMiddleware(DjangoAuthentication):
    """Django's, with the user from `get_user` above (MIDDLEWARE)."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _cached_user(request))
