from django import forms
from django.utils.translation import gettext_lazy as _

from route2020.themes.models import ThemePage

from .models import Frequency, Kind, Preference


class PreferencesForm(forms.Form):
    """One choice of frequency per kind, and the themes that are "mine"."""

    themes = forms.ModelMultipleChoiceField(
        label=_("Mijn thema's"),
        queryset=ThemePage.objects.live().order_by("number", "path"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Voor vragen en praktijkvoorbeelden in je thema's."),
    )

    def __init__(self, *args, user, **kwargs):
        current = dict(Preference.objects.filter(user=user).values_list("kind", "frequency"))
        initial = {f"kind_{kind}": current.get(kind, Frequency.NEVER) for kind in Kind.values}
        initial["themes"] = list(user.theme_interests.values_list("theme_id", flat=True))
        super().__init__(*args, initial=initial, **kwargs)
        for kind in Kind:
            self.fields[f"kind_{kind.value}"] = forms.ChoiceField(
                label=kind.label,
                choices=Frequency.choices,
                widget=forms.RadioSelect,
            )
        self.order_fields([f"kind_{kind}" for kind in Kind.values] + ["themes"])

    def frequencies(self):
        return {kind: self.cleaned_data[f"kind_{kind}"] for kind in Kind.values}
