from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from route2020.core.models import Province
from route2020.core.pages import public

from .models import EventType


class EventFilterForm(forms.Form):
    """The filters of /bijeenkomsten/; an unknown value is ignored rather than an error page."""

    soort = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("Alle soorten"))] + EventType.choices
    )
    provincie = forms.ChoiceField(label=_("Provincie"), required=False)
    thema = forms.ChoiceField(label=_("Thema"), required=False)

    def __init__(self, *args, **kwargs):
        from route2020.themes.models import ThemePage

        super().__init__(*args, **kwargs)
        self.fields["provincie"].choices = [("", _("Alle provincies"))] + list(
            Province.objects.values_list("slug", "name")
        )
        self.fields["thema"].choices = [("", _("Alle thema's"))] + [
            (theme.slug, theme.label)
            for theme in public(ThemePage.objects.live()).order_by("number", "path")
        ]
        for field in self.fields.values():
            field.widget.attrs["class"] = "utrecht-select utrecht-select--html-select"

    def filter(self, events):
        if not self.is_bound:
            return events
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("soort"):
            events = events.filter(event_type=data["soort"])
        if data.get("provincie"):
            events = events.filter(province__slug=data["provincie"])
        if data.get("thema"):
            events = events.filter(themes__slug=data["thema"])
        return events


class SessionChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, session):
        label = f"{session.display_time} {session.title}"
        left = session.places_left
        if left == 0:
            full = _("vol")  # makemessages does not look into f-strings
            return f"{label} ({full})"
        if left is not None:
            places = ngettext("%(count)s plaats vrij", "%(count)s plaatsen vrij", left)
            return f"{label} ({places % {'count': left}})"
        return label


class SessionsForm(forms.Form):
    """Choose sessions; overlap and capacity are checked again in services under the lock."""

    sessions = SessionChoiceField(label=_("Sessies"), queryset=None, required=False)

    def __init__(self, *args, event, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        field = self.fields["sessions"]
        field.queryset = event.sessions.all()
        # Use the annotated sessions for labels without a query per session.
        field.choices = [(session.pk, field.label_from_instance(session)) for session in sessions]
        field.help_text = _("Kies sessies die niet tegelijk zijn.")
        if not sessions:
            del self.fields["sessions"]

    def clean_sessions(self):
        chosen = sorted(self.cleaned_data["sessions"], key=lambda session: session.start)
        for first, second in zip(chosen, chosen[1:], strict=False):
            if first.overlaps(second):
                raise forms.ValidationError(
                    _("De sessies ‘%(first)s’ en ‘%(second)s’ zijn tegelijk. Kies er één."),
                    code="overlap",
                    params={"first": first.title, "second": second.title},
                )
        return chosen


class RegistrationForm(SessionsForm):
    """A member registers in one click; a visitor also gives name, email and organisation."""

    name = forms.CharField(label=_("Naam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"), max_length=254)
    organisation_name = forms.CharField(label=_("Organisatie"), max_length=200, required=False)

    field_order = ["name", "email", "organisation_name", "sessions"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None and user.is_authenticated:
            for name in ("name", "email", "organisation_name"):
                del self.fields[name]
        else:
            for name in ("name", "email", "organisation_name"):
                self.fields[name].widget.attrs["class"] = (
                    "utrecht-textbox utrecht-textbox--html-input"
                )
            self.fields["name"].widget.attrs["autocomplete"] = "name"
            self.fields["email"].widget.attrs["autocomplete"] = "email"
            self.fields["organisation_name"].widget.attrs["autocomplete"] = "organization"

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
