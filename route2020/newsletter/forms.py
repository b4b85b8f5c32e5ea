import re
import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

TIP_NOTE_MAX = 300
TIP_MIN_SECONDS = 3
TIP_MAX_AGE = 24 * 60 * 60
TIP_SALT = "route2020.newsletter.tip-started"
# Anything a mail client would turn into a link: a scheme, www., an address or a domain name.
LINKISH = re.compile(
    r"([a-z][a-z0-9+.-]*:(//)?\S)|(www\.)|(\S@\S)|(\b[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}\b)",
    re.IGNORECASE,
)

TEXTBOX = {"class": "utrecht-textbox utrecht-textbox--html-input"}


def theme_choices():
    from route2020.core.pages import public
    from route2020.themes.models import ThemePage

    # `public()` reads the view restrictions from the cache, Wagtail's asks the database
    return public(ThemePage.objects.live()).order_by("path")


class ThemeField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple(attrs={"class": "utrecht-checkbox"})

    def label_from_instance(self, obj):
        return obj.label


class SubscriberFields(forms.Form):
    name = forms.CharField(
        label=_("Naam"), max_length=100, required=False, widget=forms.TextInput(TEXTBOX)
    )
    organisation = forms.CharField(
        label=_("Organisatie"),
        max_length=150,
        required=False,
        widget=forms.TextInput(TEXTBOX),
    )
    themes = ThemeField(label=_("Thema’s die je interesseren"), queryset=None, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = theme_choices()


class SubscribeForm(SubscriberFields):
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@bibliotheek.nl."),
        },
        widget=forms.EmailInput({**TEXTBOX, "autocomplete": "email"}),
    )
    field_order = ["email", "name", "organisation", "themes"]


class PreferencesForm(SubscriberFields):
    pass


def started_token():
    return signing.dumps(int(time.time()), salt=TIP_SALT)


class StartedInput(forms.HiddenInput):
    """Always a fresh timestamp, so a form shown again with errors measures from now."""

    def get_context(self, name, value, attrs):
        return super().get_context(name, started_token(), attrs)


class TipForm(forms.Form):
    recipient = forms.EmailField(
        label=_("E-mailadres van de ontvanger"),
        max_length=254,
        error_messages={
            "required": _("Vul het e-mailadres van de ontvanger in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@bibliotheek.nl."),
        },
        widget=forms.EmailInput(TEXTBOX),
    )
    sender_name = forms.CharField(
        label=_("Je naam"),
        max_length=80,
        error_messages={"required": _("Vul je naam in.")},
        widget=forms.TextInput({**TEXTBOX, "autocomplete": "name"}),
    )
    note = forms.CharField(
        label=_("Korte notitie"),
        max_length=TIP_NOTE_MAX,
        required=False,
        help_text=_("Platte tekst, hoogstens 300 tekens, zonder links."),
        error_messages={
            "max_length": _("Maak de notitie korter: hoogstens %(limit_value)d tekens.")
        },
        widget=forms.Textarea({"class": "utrecht-textarea", "rows": 4, "maxlength": TIP_NOTE_MAX}),
    )
    # Spam defence without third parties: a field people do not see and a minimum fill-in time.
    website = forms.CharField(
        required=False,
        label=_("Laat dit veld leeg"),
        widget=forms.TextInput({"tabindex": "-1", "autocomplete": "off"}),
    )
    started = forms.CharField(required=False, widget=StartedInput)

    def clean_sender_name(self):
        name = " ".join(self.cleaned_data["sender_name"].split())
        if LINKISH.search(name):
            raise forms.ValidationError(_("Een naam mag geen webadres of e-mailadres bevatten."))
        return name

    def clean_note(self):
        note = self.cleaned_data["note"].strip()
        if LINKISH.search(note):
            raise forms.ValidationError(_("Een notitie mag geen links of webadressen bevatten."))
        return note

    def visible_fields(self):
        """The honeypot is rendered apart, in a wrapper hidden from sight and screen readers."""
        return [field for field in super().visible_fields() if field.name != "website"]

    def clean(self):
        cleaned = super().clean()
        self.is_spam = bool(cleaned.get("website"))
        try:
            started = signing.loads(
                self.data.get("started", ""), salt=TIP_SALT, max_age=TIP_MAX_AGE
            )
        except signing.BadSignature:
            raise forms.ValidationError(
                _("Het formulier was te lang open. Verstuur het nog een keer."), code="expired"
            ) from None
        if time.time() - started < TIP_MIN_SECONDS:
            raise forms.ValidationError(
                _("Dat ging erg snel. Controleer het formulier en verstuur het nog een keer."),
                code="too_fast",
            )
        return cleaned
