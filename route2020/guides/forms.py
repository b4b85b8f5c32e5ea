import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from route2020.core.models import Province
from route2020.practices.models import PracticePage

from .models import Visit
from .permissions import libraries_of, visits_of

FIRST_VISIT = datetime.date(2015, 1, 1)
NOT_YOUR_LIBRARY = _("Je kunt alleen bezoeken vastleggen bij bibliotheken in je eigen provincies.")
NOT_YOUR_PROVINCE = _("Je kunt alleen een reisadvies schrijven voor je eigen provincies.")


class VisitForm(forms.ModelForm):
    """A new visit names library, date and findings; collected practices come once the
    library is known (the practices of that library only)."""

    class Meta:
        model = Visit
        fields = ["organisation", "visited_on", "findings", "practices"]
        widgets = {
            "visited_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "findings": forms.Textarea(attrs={"rows": 8}),
            "practices": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, guide, **kwargs):
        super().__init__(*args, **kwargs)
        organisation = self.fields["organisation"]
        organisation.queryset = libraries_of(guide)
        organisation.error_messages["invalid_choice"] = NOT_YOUR_LIBRARY
        organisation.empty_label = _("Kies een bibliotheek")
        if self.instance.pk:
            practices = self.fields["practices"]
            practices.queryset = (
                PracticePage.objects.live()
                .filter(organisation_id=self.instance.organisation_id)
                .only("pk", "title")
                .order_by("title")
            )
            practices.error_messages["invalid_choice"] = _(
                "Kies praktijkvoorbeelden van de bezochte bibliotheek."
            )
            practices.help_text = _(
                "De gepubliceerde praktijkvoorbeelden van deze bibliotheek. Staat het er nog "
                "niet bij? Stuur het hieronder namens de bibliotheek in."
            )
        else:
            del self.fields["practices"]

    def clean_visited_on(self):
        visited_on = self.cleaned_data["visited_on"]
        if visited_on > timezone.localdate():
            raise ValidationError(_("Een bezoek kan niet in de toekomst liggen."))
        if visited_on < FIRST_VISIT:
            raise ValidationError(_("De verkenning begon pas in 2015."))
        return visited_on

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        if self.instance.pk and organisation and organisation.pk != self.instance.organisation_id:
            # The collected practices belong to the library first chosen.
            cleaned["practices"] = []
        return cleaned


class ReisadviesForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=255)
    intro = forms.CharField(
        label=_("Inleiding"), max_length=600, widget=forms.Textarea(attrs={"rows": 4})
    )
    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    provinces = forms.ModelMultipleChoiceField(
        label=_("Provincies"),
        queryset=Province.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": NOT_YOUR_PROVINCE, "required": NOT_YOUR_PROVINCE},
    )
    visits = forms.ModelMultipleChoiceField(
        label=_("Bezoeken waarop het advies steunt"),
        queryset=Visit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Kies je eigen bezoeken.")},
    )

    def __init__(self, *args, guide, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provinces"].queryset = guide.provinces.all()
        self.fields["visits"].queryset = visits_of(guide).select_related("organisation")

    def clean(self):
        cleaned = super().clean()
        provinces, visits = cleaned.get("provinces"), cleaned.get("visits")
        if provinces is not None and visits:
            chosen = {province.pk for province in provinces}
            if any(visit.organisation.province_id not in chosen for visit in visits):
                self.add_error(
                    "visits", _("Kies alleen bezoeken in de provincies van dit reisadvies.")
                )
        return cleaned


class RecommendationForm(forms.Form):
    heading = forms.CharField(label=_("Kop"), max_length=200)
    text = forms.CharField(label=_("Aanbeveling"), widget=forms.Textarea(attrs={"rows": 4}))
    practices = forms.ModelMultipleChoiceField(
        label=_("Praktijkvoorbeelden waarop de aanbeveling steunt"),
        queryset=PracticePage.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={
            "invalid_choice": _("Kies praktijkvoorbeelden die je bij je bezoeken hebt opgehaald.")
        },
    )
    pilots = forms.CharField(
        label=_("Voorgestelde proeftuinen"),
        help_text=_("Eén proeftuin per regel."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, practices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practices"].queryset = practices

    def clean_pilots(self):
        lines = [line.strip() for line in self.cleaned_data["pilots"].splitlines()]
        pilots = [line for line in lines if line]
        if any(len(pilot) > 200 for pilot in pilots):
            raise ValidationError(_("Houd elke proeftuin korter dan 200 tekens."))
        return pilots


class BaseRecommendationFormSet(forms.BaseFormSet):
    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_few_forms": _("Schrijf minstens één aanbeveling."),
        "too_many_forms": _("Een reisadvies heeft hoogstens %(num)d aanbevelingen."),
    }

    def __init__(self, *args, guide, **kwargs):
        self.practices = (
            PracticePage.objects.live()
            .filter(guide_visits__in=visits_of(guide))
            .distinct()
            .only("pk", "title")
            .order_by("title")
        )
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"practices": self.practices}

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            practices=self.practices,
            renderer=self.renderer,
        )
        self.add_fields(form, None)
        return form


RecommendationFormSet = forms.formset_factory(
    RecommendationForm,
    formset=BaseRecommendationFormSet,
    extra=2,
    min_num=1,
    validate_min=True,
    max_num=60,
    validate_max=True,
)
