from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from route2020.themes.models import ThemePage

from .models import MAX_THEMES


def textarea(rows=4):
    return forms.Textarea(attrs={"rows": rows, "class": "utrecht-textarea"})


class QuestionForm(forms.Form):
    title = forms.CharField(
        label=_("Je vraag in één zin"),
        max_length=160,
        min_length=10,
        help_text=_("Bijvoorbeeld: We willen een taalcafé starten: wie heeft dat al gedaan?"),
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
    )
    body = forms.CharField(
        label=_("Toelichting"),
        max_length=3000,
        widget=textarea(6),
        help_text=_(
            "Wat wil je starten, wat weet je al, en wat zoek je: ervaring, partners, cijfers?"
        ),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=ThemePage.objects.live().order_by("number", "path"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Kies hoogstens drie thema's."),
    )

    def clean_themes(self):
        themes = self.cleaned_data["themes"]
        if len(themes) > MAX_THEMES:
            raise ValidationError(_("Kies hoogstens drie thema's."))
        return themes


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Je antwoord"),
        max_length=5000,
        widget=textarea(6),
        help_text=_("Wat deed jouw bibliotheek, wat werkte en wat niet? Noem een contactpersoon."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reden"), max_length=1000, widget=textarea(3))


class SolveForm(forms.Form):
    practices = forms.ModelMultipleChoiceField(
        label=_("Praktijkvoorbeelden waar deze vraag toe leidde"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, practices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practices"].queryset = practices


class FilterForm(forms.Form):
    thema = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=ThemePage.objects.live().order_by("number", "path"),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle thema's"),
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    status = forms.ChoiceField(
        label=_("Stand"),
        choices=[("", _("Open en opgelost")), ("open", _("Open")), ("opgelost", _("Opgelost"))],
        required=False,
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
