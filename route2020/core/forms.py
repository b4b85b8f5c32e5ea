from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Organisation, User
from .services import active_language


class SignupForm(forms.Form):
    """Extra fields of allauth's sign-up form: a person's name and organisation."""

    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("— kies je bibliotheek of organisatie —"),
        help_text=_("Werk je bij een lidbibliotheek? Kies die; de redactie bevestigt het."),
    )

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.organisation = self.cleaned_data.get("organisation")
        user.language = active_language()
        user.save(update_fields=["first_name", "last_name", "organisation", "language"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "job_title", "organisation", "language"]
