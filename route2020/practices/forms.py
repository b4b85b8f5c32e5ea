"""The submission form in steps, and the small forms on the detail and review pages."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from route2020.core.models import Organisation
from route2020.files.forms import DocumentUploadField, ImageUploadField
from route2020.themes.models import ThemePage

from .models import MAX_THEMES, EvidenceLevel, Kind, PartnerType, Phase, Status, Submission

# Checked by content, images written again without metadata (route2020/files/uploads.py);
# the pixel limit is the CMS's (WAGTAILIMAGES_MAX_IMAGE_PIXELS).
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
DOCUMENT_EXTENSIONS = ["pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "ppt", "pptx", "odp"]
MAX_STEPS = 20


def textarea(rows=4):
    return forms.Textarea(attrs={"rows": rows, "class": "utrecht-textarea"})


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class BasicsForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=120)
    summary = forms.CharField(
        label=_("Samenvatting"),
        max_length=600,
        widget=textarea(3),
        help_text=_("In twee of drie zinnen: wat deed je en wat leverde het op?"),
    )
    kind = forms.ChoiceField(label=_("Soort"), choices=Kind.choices)
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    phase = forms.ChoiceField(
        label=_("Fase (alleen bij een proeftuin)"),
        choices=[("", "—"), *Phase.choices],
        required=False,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=ThemePage.objects.live().order_by("number", "path"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kies één tot vijf thema's."),
        error_messages={"required": _("Kies minstens één thema.")},
    )
    start_date = forms.DateField(label=_("Startdatum"), required=False, widget=DateInput())
    end_date = forms.DateField(label=_("Einddatum"), required=False, widget=DateInput())

    def clean_themes(self):
        themes = self.cleaned_data["themes"]
        if len(themes) > MAX_THEMES:
            raise ValidationError(_("Kies hoogstens vijf thema's."))
        return themes

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Kind.PILOT and not cleaned.get("phase"):
            self.add_error("phase", _("Kies de fase waarin de proeftuin is."))
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("De einddatum ligt vóór de startdatum."))
        for name in ("start_date", "end_date"):
            value = cleaned.get(name)
            if value and not date(1990, 1, 1) <= value <= date(2100, 1, 1):
                self.add_error(name, _("Vul een datum tussen 1990 en 2100 in."))
        return cleaned


class ApproachForm(forms.Form):
    steps = forms.CharField(
        label=_("Aanpak in stappen"),
        widget=textarea(8),
        max_length=10_000,
        help_text=_(
            "Eén stap per regel. Zet een toelichting na een dubbele punt, "
            "bijvoorbeeld: Partners zoeken: we belden de drie basisscholen."
        ),
    )
    budget_euros = forms.IntegerField(
        label=_("Budget in euro"), required=False, min_value=0, max_value=100_000_000
    )
    staff_hours = forms.IntegerField(
        label=_("Uren personeel"), required=False, min_value=0, max_value=1_000_000
    )
    duration_months = forms.IntegerField(
        label=_("Looptijd in maanden"), required=False, min_value=0, max_value=240
    )

    def clean_steps(self):
        lines = [line.strip() for line in self.cleaned_data["steps"].splitlines() if line.strip()]
        if len(lines) > MAX_STEPS:
            raise ValidationError(_("Beschrijf de aanpak in hoogstens twintig stappen."))
        for line in lines:
            if len(line.partition(":")[0]) > 200:
                raise ValidationError(_("Een stap is hoogstens 200 tekens voor de dubbele punt."))
        return "\n".join(lines)


class PartnersForm(forms.Form):
    participants = forms.ModelMultipleChoiceField(
        label=_("Deelnemende organisaties"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8, "class": "utrecht-select"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in PartnerType.choices:
            self.fields[f"partner_{value}"] = forms.CharField(
                label=label,
                required=False,
                max_length=500,
                help_text=_("Namen, gescheiden door komma's."),
            )


class ResultsForm(forms.Form):
    results = forms.CharField(
        label=_("Resultaten en effecten"),
        widget=textarea(),
        max_length=5000,
        required=False,
        help_text=_("Met cijfers waar je die hebt."),
    )
    what_worked = forms.CharField(
        label=_("Wat werkte"), widget=textarea(), max_length=5000, required=False
    )
    what_did_not_work = forms.CharField(
        label=_("Wat werkte niet"),
        widget=textarea(),
        max_length=5000,
        required=False,
        help_text=_("Verplicht als het voorbeeld gestopt is. Ook dit is kennis."),
    )
    lessons = forms.CharField(label=_("Lessen"), widget=textarea(), max_length=5000, required=False)
    evidence_level = forms.ChoiceField(label=_("Bewijsniveau"), choices=EvidenceLevel.choices)
    evidence = forms.CharField(
        label=_("Onderbouwing"),
        widget=textarea(3),
        max_length=3000,
        required=False,
        help_text=_("Welke cijfers of welk evaluatierapport ondersteunen het bewijsniveau?"),
    )
    evaluation = forms.CharField(
        label=_("Evaluatie (proeftuin)"), widget=textarea(), max_length=5000, required=False
    )

    def __init__(self, *args, status="", kind="", **kwargs):
        super().__init__(*args, **kwargs)
        self.status = status
        self.kind = kind

    def clean(self):
        cleaned = super().clean()
        if self.status == Status.STOPPED and not cleaned.get("what_did_not_work", "").strip():
            self.add_error(
                "what_did_not_work", _("Vertel wat niet werkte: het voorbeeld is gestopt.")
            )
        ended = self.status in (Status.FINISHED, Status.STOPPED)
        if self.kind == Kind.PILOT and ended and not cleaned.get("evaluation", "").strip():
            self.add_error("evaluation", _("Een afgelopen proeftuin heeft een evaluatie."))
        return cleaned


class AttachmentsForm(forms.Form):
    contact_name = forms.CharField(label=_("Contactpersoon"), max_length=120, required=False)
    contact_email = forms.EmailField(
        label=_("E-mailadres contactpersoon"),
        required=False,
        help_text=_("Alleen zichtbaar voor ingelogde leden."),
    )
    contact_phone = forms.CharField(
        label=_("Telefoon contactpersoon"), max_length=30, required=False
    )
    image = ImageUploadField(
        label=_("Afbeelding toevoegen"), required=False, max_bytes=MAX_IMAGE_BYTES
    )
    image_alt = forms.CharField(
        label=_("Beschrijving van de afbeelding (alt-tekst)"), max_length=250, required=False
    )
    document = DocumentUploadField(
        label=_("Document toevoegen"),
        required=False,
        max_bytes=MAX_DOCUMENT_BYTES,
        extensions=DOCUMENT_EXTENSIONS,
        formats=_("PDF, Word, Excel, PowerPoint of OpenDocument"),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image") and not cleaned.get("image_alt", "").strip():
            self.add_error("image_alt", _("Beschrijf de afbeelding voor wie hem niet kan zien."))
        return cleaned


STEPS = {
    "basis": (_("Basis"), BasicsForm),
    "aanpak": (_("Aanpak en middelen"), ApproachForm),
    "partners": (_("Partners"), PartnersForm),
    "resultaten": (_("Resultaten en lessen"), ResultsForm),
    "bijlagen": (_("Contact en bijlagen"), AttachmentsForm),
}
STEP_NAMES = list(Submission.STEPS)
assert list(STEPS) == STEP_NAMES, "forms.STEPS and Submission.STEPS name the same steps"


def step_form_kwargs(submission, step):
    """What a step's form needs from earlier steps: the status and kind chosen in step 1
    decide what step 4 requires."""
    if step != "resultaten":
        return {}
    basis = submission.data.get("basis", {})
    return {"status": basis.get("status", ""), "kind": basis.get("kind", "")}


def step_errors(submission):
    """Validate every step again."""
    errors = {}
    data = submission.data
    for name, (_label, form_class) in STEPS.items():
        form = form_class(data=data.get(name) or {}, **step_form_kwargs(submission, name))
        if name == "bijlagen":
            continue
        if name not in data or not form.is_valid():
            errors[name] = form.errors if name in data else {}
    return errors


class AdoptionForm(forms.Form):
    how_it_went = forms.CharField(
        label=_("Hoe ging het bij jullie?"), widget=textarea(4), max_length=3000
    )


class LogbookForm(forms.Form):
    date = forms.DateField(label=_("Datum"), widget=DateInput())
    text = forms.CharField(label=_("Wat er gebeurde"), widget=textarea(4), max_length=3000)


class ReturnForm(forms.Form):
    feedback = forms.CharField(
        label=_("Feedback voor de inzender"), widget=textarea(5), max_length=5000
    )
