"""Signing a library up for a campaign period: one transaction, the database's constraint
the last word (two people of one library pressing at the same moment)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .models import ALREADY_SIGNED_UP, CampaignSignup


def period_closed_message(period):
    return _("Deze campagneperiode is afgelopen op %(date)s; aanmelden kan niet meer.") % {
        "date": formats.date_format(period.ends_on, "j F Y")
    }


def signup_create(*, period, organisation, user, activity):
    """Raises ValidationError (keyed on the form's field) when the period has ended or the
    organisation already takes part; nothing is saved then."""
    if period.ends_on < timezone.localdate():
        raise ValidationError({"period": period_closed_message(period)})
    try:
        with transaction.atomic():
            return CampaignSignup.objects.create(
                period=period, organisation=organisation, signed_up_by=user, activity=activity
            )
    except IntegrityError as error:
        raise ValidationError({"period": str(ALREADY_SIGNED_UP)}) from error
