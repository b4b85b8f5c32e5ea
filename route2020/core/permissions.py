"""Who may act for which organisation: the one place every app asks.

A person acts for an organisation only once the office or a regiogids of its province has
confirmed it (`User.organisation` holds the confirmed one; what a person picks on the profile
or at sign-up is a `MembershipRequest`, which grants nothing). Apps never read
`user.organisation` for a permission: they call `confirmed_organisation_id(user)` or
`acts_for(user, organisation_id)`.
"""

from . import roles


def _authenticated(user):
    return user is not None and user.is_authenticated


def confirmed_organisation_id(user):
    """The id of the organisation this person may act for, or None."""
    if not _authenticated(user) or not user.is_active:
        return None
    if roles.MEMBER not in user.role_names:
        return None
    return user.organisation_id


def confirmed_organisation(user):
    return user.organisation if confirmed_organisation_id(user) is not None else None


def is_confirmed_member(user):
    return confirmed_organisation_id(user) is not None


def acts_for(user, organisation_id):
    """May this person act (submit, edit, write in the logbook) for that organisation?"""
    own = confirmed_organisation_id(user)
    return own is not None and organisation_id is not None and own == organisation_id


def is_editor(user):
    return _authenticated(user) and (user.is_superuser or roles.EDITOR in user.role_names)


def is_guide(user):
    return _authenticated(user) and roles.GUIDE in user.role_names


def decides_memberships(user):
    """The office decides every request; a regiogids those of their provinces."""
    return is_editor(user) or is_guide(user)


def membership_requests_to_decide(user):
    """The open requests this person may confirm or decline (never their own)."""
    from .models import MembershipRequest

    requests = MembershipRequest.objects.filter(state=MembershipRequest.State.PENDING).exclude(
        user=user
    )
    if is_editor(user):
        return requests
    if is_guide(user):
        return requests.filter(organisation__province__in=user.provinces.all())
    return requests.none()


def may_decide_membership(user, membership_request):
    if not decides_memberships(user) or membership_request.user_id == user.pk:
        return False
    if is_editor(user):
        return True
    province_id = membership_request.organisation.province_id
    return province_id is not None and user.provinces.filter(pk=province_id).exists()
