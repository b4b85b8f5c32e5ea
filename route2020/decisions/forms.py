from django import forms
from django.utils.translation import gettext_lazy as _

from route2020.core.pages import public

from .models import Body


class DecisionFilterForm(forms.Form):
    """The filters of /besluiten/; an unknown value is ignored rather than an error page."""

    orgaan = forms.ChoiceField(
        label=_("Genomen door"), required=False, choices=[("", _("ALV en bestuur"))] + Body.choices
    )
    jaar = forms.ChoiceField(label=_("Jaar"), required=False)
    thema = forms.ChoiceField(label=_("Thema"), required=False)

    def __init__(self, *args, index, **kwargs):
        from route2020.themes.models import ThemePage

        super().__init__(*args, **kwargs)
        years = index.get_decisions().order_by().dates("decided_on", "year", order="DESC")
        self.fields["jaar"].choices = [("", _("Alle jaren"))] + [
            (str(day.year), str(day.year)) for day in years
        ]
        self.fields["thema"].choices = [("", _("Alle thema's"))] + [
            (theme.slug, theme.label)
            for theme in public(ThemePage.objects.live())
            .order_by("number", "path")
            .only("title", "slug", "short_title")
        ]
        for field in self.fields.values():
            field.widget.attrs["class"] = "utrecht-select utrecht-select--html-select"

    def filter(self, decisions):
        if not self.is_bound:
            return decisions
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("orgaan"):
            decisions = decisions.filter(decided_by=data["orgaan"])
        if data.get("jaar"):
            decisions = decisions.filter(decided_on__year=int(data["jaar"]))
        if data.get("thema"):
            decisions = decisions.filter(themes__slug=data["thema"])
        return decisions
