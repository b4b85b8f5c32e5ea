"""A sign-up names the person who made it; the sign-up itself is the library's."""

from .models import CampaignSignup


def export(user):
    signups = CampaignSignup.objects.filter(signed_up_by=user).select_related(
        "period", "organisation"
    )
    return {
        "campagne_aanmeldingen": [
            {
                "campagneperiode": signup.period.title,
                "bibliotheek": signup.organisation.name,
                "wat_lokaal": signup.activity,
                "aangemeld_op": signup.created_at.isoformat(),
            }
            for signup in signups.order_by("created_at", "pk")
        ]
    }


def forget(user):
    """The library keeps taking part; the sign-up no longer names who made it."""
    CampaignSignup.objects.filter(signed_up_by=user).update(signed_up_by=None)
