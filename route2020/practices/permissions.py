"""Who may do what with practices and submissions: every check of this app in one place.

Membership of an organisation is asked of `route2020.core.permissions` (confirmed membership
only); roles are the constants of `route2020.core.roles`.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.images import get_image_model

from route2020.core import roles
from route2020.core.permissions import acts_for, is_confirmed_member, is_editor, is_guide

from .models import Submission

State = Submission.State


def may_edit_practice(user, practice):
    """Members edit their own organisation's practices; the redactie edits all of them."""
    if not user.is_authenticated:
        return False
    if is_editor(user):
        return True
    return acts_for(user, practice.organisation_id)


def may_edit_submission(user, submission):
    if not user.is_authenticated:
        return False
    if is_editor(user) or acts_for(user, submission.organisation_id):
        return True
    # A regiogids who submits on a library's behalf (route2020.guides) keeps their own draft.
    return submission.author_id == user.pk and guides_province(user, submission.province_id)


def guides_province(user, province_id):
    """Is this person a regiogids of that province?"""
    return (
        is_guide(user)
        and province_id is not None
        and user.provinces.filter(pk=province_id).exists()
    )


def may_see_contact_and_adopt(user):
    """Contact details and adopting are for confirmed members."""
    return is_confirmed_member(user)


def may_review(user):
    """The review queue: the regiogidsen (their provinces) and the redactie (all)."""
    return user.is_authenticated and (is_guide(user) or is_editor(user))


def may_moderate(user, submission):
    """The regiogids of the submission's province, or the redactie (always, and alone where
    a province has no guide)."""
    if not user.is_authenticated:
        return False
    if is_editor(user):
        return True
    # A regiogids does not approve what they submitted themselves on a library's behalf.
    if submission.author_id == user.pk:
        return False
    return guides_province(user, submission.province_id)


def moderators_of(submission):
    """Who is told about a submission: its province's guides, else the redactie."""
    User = get_user_model()
    guides = User.objects.filter(
        groups__name=roles.GUIDE, provinces=submission.province_id, is_active=True
    )
    if submission.author_id:
        guides = guides.exclude(pk=submission.author_id)
    if submission.province_id and guides.exists():
        return guides
    return User.objects.filter(groups__name=roles.EDITOR, is_active=True)


def may_view_draft_file(user, file):
    """Who may fetch a file attached to a submission that is not published: the submitting
    organisation (who may edit it) and, once it is submitted, its moderators. The redactie
    always may (route2020/files/access.py asks this only for others)."""
    candidates = Q()
    if user.organisation_id:
        candidates |= Q(organisation_id=user.organisation_id)
    if is_guide(user):
        candidates |= Q(state=State.SUBMITTED, province__in=user.provinces.all())
    if not candidates:
        return False
    is_image = isinstance(file, get_image_model())
    submissions = (
        Submission.objects.filter(candidates)
        .exclude(state=State.PUBLISHED)
        .select_related("organisation")
    )
    for submission in submissions:
        data = submission.data
        if is_image:
            attached = [item.get("id") for item in data.get("images", [])]
        else:
            attached = data.get("documents", [])
        if file.pk not in attached:
            continue
        if may_edit_submission(user, submission):
            return True
        if submission.state == State.SUBMITTED and may_moderate(user, submission):
            return True
    return False
