"""Writes about people that touch more than one table."""

from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from .registry import app_modules


def privacy_modules():
    """Each app that stores personal data has a privacy.py (see docs/privacy.md): `export(user)`
    and `forget(user)` for what belongs to the account, `export_browser(request)` and
    `forget_browser(request, response)` for what belongs to the browser (a cookie's id)."""
    return app_modules("privacy")


def verified_addresses(user):
    """The addresses this person has proved to be theirs, lower case: an app finds what was
    given without signing in (a subscription, a registration) by these, never by one that
    was not confirmed."""
    return sorted(
        {
            email.lower()
            for email in user.emailaddress_set.filter(verified=True).values_list("email", flat=True)
        }
    )


def address_filter(field, addresses):
    """A Q matching rows whose `field` is one of `addresses`, in any letter case; matches
    nothing when there are none."""
    query = Q(pk__in=[])
    for address in addresses:
        query |= Q(**{f"{field}__iexact": address})
    return query


def user_data_export(*, user, request=None):
    """Everything the platform holds about one person, as plain data (with `request`, also
    what it holds about the browser they ask from)."""
    data = {
        "account": {
            "gebruikersnaam": user.username,
            "e-mail": user.email,
            "voornaam": user.first_name,
            "achternaam": user.last_name,
            "functie": user.job_title,
            "organisatie": str(user.organisation) if user.organisation_id else None,
            "rollen": sorted(user.role_names),
            "taal": user.language,
            "lid sinds": user.date_joined.isoformat(),
            "laatst ingelogd": user.last_login.isoformat() if user.last_login else None,
        },
        "e-mailadressen": list(user.emailaddress_set.values("email", "verified", "primary")),
        "lidmaatschapsaanvragen": [
            {
                "organisatie": name,
                "status": state,
                "reden": reason,
                "aangevraagd": created.isoformat(),
            }
            for name, state, reason, created in user.membership_requests.values_list(
                "organisation__name", "state", "reason", "created_at"
            )
        ],
    }
    for module in privacy_modules():
        if hasattr(module, "export"):
            data.update(module.export(user))
        if request is not None and hasattr(module, "export_browser"):
            data.update(module.export_browser(request))
    return data


def active_language():
    """The active language as one of settings.LANGUAGES ("en-gb" becomes "en")."""
    try:
        return translation.get_supported_language_variant(
            translation.get_language() or settings.LANGUAGE_CODE
        )
    except LookupError:
        return settings.LANGUAGE_CODE


def user_language_set(*, user, language):
    """The language the platform mails this person in."""
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def language_on_login(sender, request, user, **kwargs):
    """allauth's user_logged_in: mails follow the language the person last signed in with
    (/en/account/login/ is English, /account/login/ Dutch)."""
    user_language_set(user=user, language=active_language())


@transaction.atomic
def user_delete(*, user):
    """Delete the account; what the person wrote for an organisation stays, without them.

    An app that must act before its rows go (an event place to hand to the waitlist) has
    `forget(user)` in its privacy.py.
    """
    for module in privacy_modules():
        if hasattr(module, "forget"):
            module.forget(user)
    user.delete()


# --- membership of an organisation -------------------------------------------------------------


def _queue(task, *args):
    transaction.on_commit(partial(task.enqueue, *args))


@transaction.atomic
def membership_request(*, user, organisation):
    """The person asks to act for `organisation` (None: for none).

    The rights of the confirmed organisation end at once when another one is asked for; an
    open request is withdrawn. Asking for the organisation one already has changes nothing.
    Returns the new open request, or None.
    """
    from .models import MembershipRequest, User
    from .tasks import send_membership_requested_mail

    user = User.objects.select_for_update().get(pk=user.pk)
    organisation_id = organisation.pk if organisation is not None else None
    pending = MembershipRequest.objects.filter(user=user, state=MembershipRequest.State.PENDING)
    if organisation_id is not None and pending.filter(organisation_id=organisation_id).exists():
        return pending.get()
    pending.update(state=MembershipRequest.State.WITHDRAWN, decided_at=timezone.now())
    if organisation_id == user.organisation_id:
        return None
    if user.organisation_id is not None:
        user.organisation = None
        user.save(update_fields=["organisation"])
    if organisation is None:
        return None
    created = MembershipRequest.objects.create(user=user, organisation=organisation)
    _queue(send_membership_requested_mail, created.pk)
    return created


def _lock_for_decision(membership_request, user):
    from .models import MembershipRequest
    from .permissions import may_decide_membership

    locked = (
        MembershipRequest.objects.select_for_update()
        .select_related("organisation")
        .get(pk=membership_request.pk)
    )
    if not may_decide_membership(user, locked):
        raise PermissionDenied
    return locked


@transaction.atomic
def membership_confirm(*, membership_request, user):
    """Confirm: the person becomes a Lid of the organisation and is told by mail."""
    from django.contrib.auth.models import Group

    from . import roles
    from .models import MembershipRequest, User
    from .tasks import send_membership_decision_mail

    membership = _lock_for_decision(membership_request, user)
    if membership.state != MembershipRequest.State.PENDING:
        return membership
    membership.state = MembershipRequest.State.CONFIRMED
    membership.decided_at, membership.decided_by = timezone.now(), user
    membership.save(update_fields=["state", "decided_at", "decided_by"])
    User.objects.filter(pk=membership.user_id).update(organisation=membership.organisation_id)
    membership.user.groups.add(Group.objects.get_or_create(name=roles.MEMBER)[0])
    _queue(send_membership_decision_mail, membership.pk)
    return membership


@transaction.atomic
def membership_decline(*, membership_request, user, reason):
    """Decline with a reason the person reads on their profile and in the mail."""
    from .models import MembershipRequest
    from .tasks import send_membership_decision_mail

    membership = _lock_for_decision(membership_request, user)
    if membership.state != MembershipRequest.State.PENDING:
        return membership
    membership.state = MembershipRequest.State.DECLINED
    membership.reason = reason
    membership.decided_at, membership.decided_by = timezone.now(), user
    membership.save(update_fields=["state", "reason", "decided_at", "decided_by"])
    _queue(send_membership_decision_mail, membership.pk)
    return membership


def browser_data_forget(*, request, response):
    """After an account is deleted: what apps keep about the browser it was deleted from
    (the statistics id) goes too, and the browser's cookies for it are deleted."""
    for module in privacy_modules():
        if hasattr(module, "forget_browser"):
            module.forget_browser(request, response)
