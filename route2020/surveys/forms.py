"""The survey form, built from the questions as plain Django fields (no JavaScript needed),
and the results filters."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from route2020.core.models import Organisation, Province

from .models import Question

Kind = Question.Kind
REQUIRED = _("Beantwoord deze vraag.")
TEXT_MAX_LENGTH = 5000


def field_name(question, number=0):
    # A preview in /beheer/ shows questions that are not saved yet (no pk).
    return f"vraag-{question.pk or f'nieuw-{number}'}"


def option_key(option, number=0):
    return str(option.pk or f"nieuw-{number}")


class RankingWidget(forms.Widget):
    """A select with the places 1..n per option: a ranking by keyboard, without JavaScript."""

    template_name = "surveys/widgets/ranking.html"
    use_fieldset = True

    def __init__(self, options=(), attrs=None):
        super().__init__(attrs)
        self.options = list(options)  # (key, label)

    def value_from_datadict(self, data, files, name):
        # Only the options of this question are read: a forged extra option is ignored, a
        # missing one is an empty place.
        return {key: data.get(f"{name}-{key}", "") for key, _label in self.options}

    def value_omitted_from_data(self, data, files, name):
        return not any(f"{name}-{key}" in data for key, _label in self.options)

    def id_for_label(self, id_):
        return f"{id_}-{self.options[0][0]}" if id_ and self.options else id_

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        value = value if isinstance(value, dict) else {}
        base_id = context["widget"]["attrs"].get("id", f"id_{name}")
        shared = {k: v for k, v in context["widget"]["attrs"].items() if k != "id"}
        context["widget"]["rows"] = [
            {
                "name": f"{name}-{key}",
                "id": f"{base_id}-{key}",
                "label": label,
                "value": str(value.get(key, "") or ""),
                "attrs": shared,
            }
            for key, label in self.options
        ]
        context["widget"]["places"] = [str(place) for place in range(1, len(self.options) + 1)]
        return context


class RankingField(forms.Field):
    """Cleans to the option keys in order of place (place 1 first), or [] when left empty."""

    widget = RankingWidget

    def __init__(self, options, **kwargs):
        self.options = list(options)
        super().__init__(widget=RankingWidget(self.options), **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):  # from a draft: keys in order
            return {str(key): place for place, key in enumerate(value, start=1)}
        return value

    def to_python(self, value):
        return value if isinstance(value, dict) else {}

    def validate(self, value):
        pass  # clean() does it all, with messages that name the problem

    def clean(self, value):
        value = self.to_python(value)
        filled = {key: place for key, place in value.items() if str(place).strip()}
        count = len(self.options)
        if not filled:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        places = {}
        for key, place in filled.items():
            try:
                number = int(str(place).strip())
            except ValueError:
                number = 0
            if not 1 <= number <= count:
                raise forms.ValidationError(
                    _("Kies voor elke mogelijkheid een plaats van 1 tot en met %(count)s."),
                    code="invalid",
                    params={"count": count},
                )
            places[key] = number
        if len(places) < count:
            raise forms.ValidationError(
                _("Geef elke mogelijkheid een plaats: er ontbreken er %(missing)s.")
                if count - len(places) > 1
                else _("Geef elke mogelijkheid een plaats: er ontbreekt er één."),
                code="incomplete",
                params={"missing": count - len(places)},
            )
        repeated = sorted({p for p in places.values() if list(places.values()).count(p) > 1})
        if repeated:
            raise forms.ValidationError(
                ngettext(
                    "Plaats %(places)s is vaker gekozen. Elke plaats hoort bij één mogelijkheid.",
                    "Plaatsen %(places)s zijn vaker gekozen. Elke plaats hoort bij één "
                    "mogelijkheid.",
                    len(repeated),
                ),
                code="repeated",
                params={"places": ", ".join(str(p) for p in repeated)},
            )
        return sorted(places, key=places.get)


def question_field(question, number, required):
    """The form field of one question, with Dutch messages that say what to do."""
    options = [
        (option_key(option, index), option.label)
        for index, option in enumerate(question.options.all())
    ]

    def common(**messages):
        return {
            "label": f"{number}. {question.text}",
            "required": required,
            "help_text": question.help_text,
            "error_messages": {"required": REQUIRED, **messages},
        }

    if question.kind == Kind.SINGLE:
        return forms.ChoiceField(
            choices=options,
            widget=forms.RadioSelect,
            **common(invalid_choice=_("Kies een van de mogelijkheden.")),
        )
    if question.kind == Kind.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=options,
            widget=forms.CheckboxSelectMultiple,
            **common(invalid_choice=_("Kies alleen uit de mogelijkheden.")),
        )
    if question.kind == Kind.SCALE:
        return forms.TypedChoiceField(
            choices=[(value, str(value)) for value in Question.SCALE_VALUES],
            coerce=int,
            widget=forms.RadioSelect(attrs={"class": "r2020-scale"}),
            **common(invalid_choice=_("Kies een getal van 1 tot en met 5.")),
        )
    if question.kind == Kind.RANKING:
        return RankingField(options, **common())
    if question.kind == Kind.NUMBER:
        return forms.IntegerField(
            min_value=question.lowest,
            max_value=question.highest,
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            **common(
                invalid=_("Vul een heel getal in, zonder letters of komma."),
                min_value=_("Vul een getal in van minstens %(limit_value)s."),
                max_value=_("Vul een getal in van hoogstens %(limit_value)s."),
            ),
        )
    return forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        **common(
            max_length=_(
                "Je antwoord is te lang: hoogstens %(limit_value)d tekens (nu %(show_value)d)."
            )
        ),
    )


class SurveyForm(forms.Form):
    """One field per question. For a draft nothing is required, but every answer given must
    be valid: a draft never holds an answer the final submit would refuse."""

    def __init__(self, *args, questions, draft=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.names = {}
        for number, question in enumerate(self.questions, start=1):
            name = field_name(question, number)
            self.names[name] = question
            self.fields[name] = question_field(
                question, number, required=question.required and not draft
            )

    @classmethod
    def from_draft(cls, draft_answers, *, questions):
        """An unbound form showing what a draft holds (question pk -> stored value)."""
        questions = list(questions)
        initial = {}
        for number, question in enumerate(questions, start=1):
            stored = (draft_answers or {}).get(str(question.pk))
            if stored is None:
                continue
            if question.kind == Kind.MULTIPLE:
                stored = [str(key) for key in stored]
            elif question.kind == Kind.RANKING:
                stored = [str(key) for key in stored]
            elif question.kind == Kind.SINGLE:
                stored = str(stored)
            initial[field_name(question, number)] = stored
        return cls(questions=questions, initial=initial)

    @property
    def fields_with_errors(self):
        """For the summary above a long form: (anchor, label) of each question to look at
        again; the anchor is the first control (a group of radios has no id of its own)."""
        found = []
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            widget = bound.field.widget
            if isinstance(widget, forms.RadioSelect):  # check boxes too
                anchor = widget.id_for_label(bound.auto_id, "0")
            else:
                anchor = bound.id_for_label
            found.append((anchor, bound.label))
        return found

    def answers(self):
        """The cleaned answers as plain data, by question pk: what a draft stores and what
        services.submit() takes. Empty answers are left out."""
        result = {}
        for name, question in self.names.items():
            value = self.cleaned_data.get(name)
            if value in (None, "", []):
                continue
            if question.kind == Kind.SINGLE:
                value = int(value)
            elif question.kind in (Kind.MULTIPLE, Kind.RANKING):
                value = [int(key) for key in value]
            result[str(question.pk)] = value
        return result


class ResultsFilterForm(forms.Form):
    """Filters of the results page: province and kind of organisation."""

    KINDS = [
        (Organisation.Kind.LIBRARY.value, _("Lidbibliotheken")),
        (Organisation.Kind.PARTNER.value, _("Partners (alle)")),
    ] + [(value, label) for value, label in Organisation.PartnerType.choices]

    provincie = forms.ModelChoiceField(
        label=_("Provincie"),
        queryset=Province.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle provincies"),
    )
    soort = forms.ChoiceField(
        label=_("Soort organisatie"),
        choices=[("", _("Alle soorten"))] + KINDS,
        required=False,
    )

    def filters(self):
        """Keyword arguments for results.compute(): nothing for an invalid or empty choice."""
        if not self.is_valid():
            return {}
        province, kind = self.cleaned_data.get("provincie"), self.cleaned_data.get("soort")
        return {"province": province, "kind": kind or None}

    @property
    def active(self):
        return bool(self.is_bound and any(self.filters().values()))
