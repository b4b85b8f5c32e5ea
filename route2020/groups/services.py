"""Keeping a group's members-only documents in the guarded collection (files/access.py)."""

from django.db import transaction
from wagtail.documents import get_document_model

from route2020.core.permissions import is_confirmed_member, is_editor, is_guide
from route2020.files.access import guard_of, guarded_collection, release

MEMBERS_ONLY = "groups.members-only"


def may_view_members_only_file(user, file):
    """Members-only documents are for every confirmed member of a member organisation, and
    for the regiogidsen and the office (redactie/bureau), who work with the groups."""
    if not user.is_active:
        return False
    return is_confirmed_member(user) or is_guide(user) or is_editor(user)


def documents_sync(*, page):
    """Put the documents the page marks "alleen voor leden" into the guarded collection and
    release those no group marks so any more.

    `page` is the page as the editor saved it (its inline documents may not be in the
    database yet when it was saved as a draft): its marks count, and so do the marks of
    every group's live documents, so a draft never makes a file public that a published
    group page still keeps for members.
    """
    from .models import GroupDocument

    rows = [row for row in page.documents.all() if row.document_id]
    marked = {row.document_id for row in rows if row.members_only}
    still_marked = set(
        GroupDocument.objects.filter(
            document_id__in=[row.document_id for row in rows], members_only=True
        )
        .exclude(page_id=page.pk)
        .values_list("document_id", flat=True)
    )
    # Read again: the page's rows may carry documents as they were before an earlier move.
    documents = (
        get_document_model()
        .objects.filter(pk__in={row.document_id for row in rows})
        .select_related("collection")
    )
    private = [document for document in documents if document.pk in marked]
    public = [
        document
        for document in documents
        if document.pk not in marked and document.pk not in still_marked
    ]
    with transaction.atomic():
        if private:
            collection = guarded_collection(MEMBERS_ONLY)
            for document in private:
                guard = guard_of(document.collection)
                if guard is None or guard.rule != MEMBERS_ONLY:
                    document.collection = collection
                    document.save(update_fields=["collection"])
        release(public, key=MEMBERS_ONLY)
