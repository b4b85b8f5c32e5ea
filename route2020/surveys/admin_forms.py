"""The office's checks when a survey is edited in /beheer/: what the survey form could not
ask, and what would break answers already given. Kept apart from forms.py because the page
model names it (base_form_class) and forms.py needs the models."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class SurveyPageAdminForm(WagtailAdminPageForm):
    """What the office cannot do in /beheer/ without breaking answers already given."""

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("De enquête sluit voordat hij opengaat."))
        survey = self.instance
        answered = bool(survey.pk) and survey.submissions.exists()
        if answered:
            for name in ("audience", "anonymous"):
                if name in self.changed_data:
                    self.add_error(
                        name, _("Kan niet meer veranderen: deze enquête heeft al antwoorden.")
                    )
        questions = self.formsets.get("questions")
        if questions is not None:
            for form in questions.forms:
                self._clean_question(questions, form, answered)
        return cleaned

    def _clean_question(self, formset, form, answered):
        from .models import Answer, Question

        Kind = Question.Kind
        if not form.is_valid() and not form.has_changed():
            return
        data = getattr(form, "cleaned_data", None) or {}
        question = form.instance
        used = answered and question.pk and Answer.objects.filter(question=question).exists()
        if formset.can_delete and formset._should_delete_form(form):
            if used:
                form.add_error(None, _("Deze vraag heeft al antwoorden en kan niet weg."))
            return
        kind = data.get("kind")
        if used and "kind" in form.changed_data:
            form.add_error("kind", _("Kan niet meer veranderen: deze vraag heeft al antwoorden."))
        options = form.formsets.get("options")
        kept = []
        if options is not None:
            for option_form in options.forms:
                option = option_form.instance
                removed = options.can_delete and options._should_delete_form(option_form)
                if removed:
                    if used and option.pk and Answer.objects.filter(option=option).exists():
                        option_form.add_error(
                            None, _("Deze mogelijkheid is al gekozen en kan niet weg.")
                        )
                    continue
                if (getattr(option_form, "cleaned_data", None) or {}).get("label"):
                    kept.append(option_form)
        if kind in Question.WITH_OPTIONS and len(kept) < 2:
            form.add_error("kind", _("Geef bij deze soort vraag minstens twee mogelijkheden."))
        if kind and kind not in Question.WITH_OPTIONS and kept:
            form.add_error(
                "kind",
                _("Mogelijkheden horen alleen bij één keuze, meer keuzes en volgorde."),
            )
        lowest, highest = data.get("min_value"), data.get("max_value")
        if kind == Kind.NUMBER:
            if lowest is not None and highest is not None and highest < lowest:
                form.add_error("max_value", _("Het grootste getal is kleiner dan het kleinste."))
        elif lowest is not None or highest is not None:
            form.add_error(
                "min_value", _("Een kleinste en grootste getal horen alleen bij een getal.")
            )
