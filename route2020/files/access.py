"""Who may fetch a file: one rule for documents and images of every app (docs/security.md).

A file is private when its collection, or a collection above it, is private. A collection is
private when it carries a Wagtail view restriction (its "Privacy" setting in /beheer/), or when
an app guards it with a rule of its own: a `FileRule`, returned by a function the app registers
with the Wagtail hook `register_file_rule` in its `wagtail_hooks.py`. A guarded collection is
made on first use (`guarded_collection(key)`) with a view restriction for signed-in people,
so Wagtail turns visitors away too and the CMS shows it as private.

A private document is served only through /documenten/<id>/<name>, where Wagtail's restriction
must let the request in and, for a guarded collection, the app's rule must let the person in
too; the redactie always may. /media/documents/ is never served (views.media in development,
the web server's configuration in production: docs/deploy.md). An app makes its files public
by moving them out of its collection (`release()`), e.g. when a practice is published.

Images are served by the web server, so no rule runs when one is fetched; an image is
protected by its random file name (uploads.clean_image), which cannot be guessed, and by
being shown only on pages the person may see.
"""

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from wagtail import hooks
from wagtail.models import Collection, CollectionViewRestriction

from .models import GuardedCollection


@dataclass(frozen=True)
class FileRule:
    """An app's rule for the files in its guarded collection.

    `may_view(user, file)` is asked for signed-in people other than the redactie, with the
    document or image; it returns True when that person may fetch it.
    """

    key: str
    name: Any  # the collection's name when it is made
    may_view: Any


def file_rules():
    rules = {}
    for register in hooks.get_hooks("register_file_rule"):
        rule = register()
        rules[rule.key] = rule
    return rules


def guarded_collection(key):
    """The collection guarded by rule `key`, made (below the root) on first use."""
    guard = GuardedCollection.objects.select_related("collection").filter(rule=key).first()
    if guard is not None:
        return guard.collection
    rule = file_rules()[key]
    try:
        with transaction.atomic():
            collection = Collection.get_first_root_node().add_child(name=str(rule.name))
            CollectionViewRestriction.objects.create(
                collection=collection, restriction_type=CollectionViewRestriction.LOGIN
            )
            GuardedCollection.objects.create(collection=collection, rule=key)
    except IntegrityError:
        # Made at the same moment by another request.
        return GuardedCollection.objects.select_related("collection").get(rule=key).collection
    return collection


def guard_of(collection):
    """The guard of this collection or of the nearest collection above it, or None."""
    return (
        GuardedCollection.objects.filter(collection__in=collection.get_ancestors(inclusive=True))
        .order_by("-collection__depth")
        .first()
    )


def may_view_file(user, file, *, guard=None):
    """False when the file sits in a guarded collection whose rule does not let `user` in.

    A collection with only a Wagtail view restriction is left to Wagtail, which checks it in
    the same request (its own `before_serve_document` hook). `guard`: the file's guard when
    the caller has already looked it up.
    """
    guard = guard or guard_of(file.collection)
    if guard is None:
        return True
    if not user.is_authenticated:
        return False
    if getattr(user, "is_editor", user.is_superuser):
        return True
    rule = file_rules().get(guard.rule)
    return bool(rule and rule.may_view(user, file))


def release(files, *, key):
    """Move the files that sit in rule `key`'s collection (or below it) to the root
    collection: from then on they are public. Other files are left where they are."""
    root = Collection.get_first_root_node()
    moved = 0
    for file in files:
        if file is None:
            continue
        guard = guard_of(file.collection)
        if guard is not None and guard.rule == key:
            file.collection = root
            file.save(update_fields=["collection"])
            moved += 1
    return moved
