from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import MembershipRequest, Organisation, User
from .services import active_language, membership_request


def organisation_field(**kwargs):
    return forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("— kies je bibliotheek of organisatie —"),
        help_text=_(
            "Werk je bij een lidbibliotheek of partner? Kies die. De regiogids van de provincie "
            "of de redactie bevestigt het; pas daarna kun je namens de organisatie werken."
        ),
        **kwargs,
    )


class SignupForm(forms.Form):
    """Extra fields of allauth's sign-up form: a person's name and organisation."""

    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    organisation = organisation_field()

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.language = active_language()
        user.save(update_fields=["first_name", "last_name", "language"])
        if self.cleaned_data.get("organisation"):
            membership_request(user=user, organisation=self.cleaned_data["organisation"])


class ProfileForm(forms.ModelForm):
    """The person's own details. The organisation is asked for, not set: choosing another one
    starts a request and ends the rights of the current one at once."""

    organisation = organisation_field()

    class Meta:
        model = User
        fields = ["first_name", "last_name", "job_title", "language"]
        field_order = ["first_name", "last_name", "job_title", "organisation", "language"]

    def __init__(self, *args, instance, **kwargs):
        pending = instance.membership_requests.filter(state=MembershipRequest.State.PENDING).first()
        initial = {"organisation": pending.organisation_id if pending else instance.organisation_id}
        super().__init__(*args, instance=instance, initial=initial, **kwargs)
        self.order_fields(self.Meta.field_order)

    @transaction.atomic
    def save(self):
        user = super().save(commit=False)
        user.save(update_fields=self.Meta.fields)
        membership_request(user=user, organisation=self.cleaned_data.get("organisation"))
        return user


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van afwijzing"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De aanvrager ziet deze tekst op het profiel en in de mail."),
    )
