from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from .models import ALREADY_SIGNED_UP, CampaignPeriodPage, CampaignSignup
from .services import period_closed_message


def period_label(period):
    return _("%(title)s (%(start)s tot en met %(end)s)") % {
        "title": period.title,
        "start": formats.date_format(period.starts_on, "j F Y"),
        "end": formats.date_format(period.ends_on, "j F Y"),
    }


class SignupForm(forms.Form):
    """The organisation is never a field: it is the person's confirmed one (views.py)."""

    period = forms.ModelChoiceField(
        label=_("Campagneperiode"),
        queryset=CampaignPeriodPage.objects.none(),
        empty_label=_("Kies een periode"),
        error_messages={
            "required": _("Kies de campagneperiode waaraan je bibliotheek meedoet."),
            "invalid_choice": _("Kies een van de campagneperiodes uit de lijst."),
        },
    )
    activity = forms.CharField(
        label=_("Wat doe je lokaal?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=CampaignSignup._meta.get_field("activity").help_text,
        error_messages={"required": _("Vertel kort wat je bibliotheek lokaal doet.")},
    )

    def __init__(self, *args, campaign, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["period"].queryset = (
            CampaignPeriodPage.objects.live().child_of(campaign).order_by("starts_on")
        )
        self.fields["period"].label_from_instance = period_label

    def clean_period(self):
        period = self.cleaned_data["period"]
        if period.ends_on < timezone.localdate():
            raise forms.ValidationError(period_closed_message(period))
        if CampaignSignup.objects.filter(period=period, organisation=self.organisation).exists():
            raise forms.ValidationError(ALREADY_SIGNED_UP)
        return period
