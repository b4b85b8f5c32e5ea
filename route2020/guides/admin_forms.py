"""The office's form for a visit in /beheer/: the practices and submissions to choose from
are those of the visited library, as ticks, not a list of every practice in the country."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from route2020.core.permissions import is_editor
from route2020.practices.models import PracticePage, Submission

from .forms import NOT_YOUR_LIBRARY
from .permissions import libraries_of

OTHER_LIBRARY = _("Kies praktijkvoorbeelden van de bezochte bibliotheek.")


class VisitAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        organisation = self.fields.get("organisation")
        if organisation is not None and user is not None and not is_editor(user):
            # A regiogids with access to this screen: the libraries of their own provinces.
            organisation.queryset = libraries_of(user)
            organisation.error_messages["invalid_choice"] = NOT_YOUR_LIBRARY
        library = self.instance.organisation_id if self.instance.pk else None
        if self.is_bound and organisation is not None:
            posted = str(self.data.get(self.add_prefix("organisation")) or "")
            # Only an id the database can hold: a forged 30-digit one is the field's error.
            library = int(posted) if posted.isdigit() and int(posted) < 2**63 else library
        practices, submissions = self.fields.get("practices"), self.fields.get("submissions")
        if practices is not None:
            practices.widget = forms.CheckboxSelectMultiple()
            practices.queryset = (
                PracticePage.objects.filter(organisation_id=library).only("pk", "title")
                if library
                else PracticePage.objects.none()
            ).order_by("title")
            practices.error_messages["invalid_choice"] = OTHER_LIBRARY
            practices.help_text = (
                _("De praktijkvoorbeelden van de bezochte bibliotheek.")
                if library
                else _("Sla het bezoek eerst op; daarna kies je hier de praktijkvoorbeelden.")
            )
        if submissions is not None:
            submissions.widget = forms.CheckboxSelectMultiple()
            submissions.queryset = (
                Submission.objects.filter(organisation_id=library)
                if library
                else Submission.objects.none()
            ).order_by("-pk")
            submissions.error_messages["invalid_choice"] = OTHER_LIBRARY

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        for name in ("practices", "submissions"):
            chosen = cleaned.get(name) or []
            if organisation and any(item.organisation_id != organisation.pk for item in chosen):
                self.add_error(name, ValidationError(OTHER_LIBRARY))
        return cleaned
