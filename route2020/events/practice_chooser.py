"""Choosing the practices a session presents, in /beheer/.

A multi-select would put every practice in the page as an <option>: at 100,000 practices the
edit page becomes slow and unusable. This widget renders only the chosen practices, as checked
checkboxes (uncheck to remove; they submit without JavaScript), and a search box that asks
`admin_views.practice_search` for matches. The Stimulus controller in
`static/events/admin/practice-chooser.js` connects to every copy of the widget, also in the
sessions the editor adds with "Sessie toevoegen". Validation stays in the form field.
"""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class PracticeChooser(forms.Widget):
    template_name = "events/widgets/practice_chooser.html"

    class Media:
        js = ["events/admin/practice-chooser.js"]
        css = {"all": ["events/admin/practice-chooser.css"]}

    def value_from_datadict(self, data, files, name):
        getlist = getattr(data, "getlist", None)
        if getlist is not None:
            return getlist(name)
        value = data.get(name)
        return value if isinstance(value, list | tuple) else ([value] if value else [])

    def value_omitted_from_data(self, data, files, name):
        # Unchecked checkboxes send nothing: no value means "none chosen", as with
        # CheckboxSelectMultiple.
        return False

    def format_value(self, value):
        ids = []
        for item in value or []:
            try:
                ids.append(int(str(getattr(item, "pk", item))))
            except ValueError:
                continue
        return ids

    def get_context(self, name, value, attrs):
        from wagtail.models import Page

        context = super().get_context(name, value, attrs)
        ids = context["widget"]["value"]
        # One query for the chosen titles, whatever the number of practices.
        context["widget"]["chosen"] = (
            list(Page.objects.filter(pk__in=ids).order_by("title", "pk").values_list("pk", "title"))
            if ids
            else []
        )
        context["widget"]["search_url"] = reverse("events_office:practice-search")
        return context


class PracticeChoiceField(forms.ModelMultipleChoiceField):
    """The queryset (practice pages only) refuses every other page id."""

    default_error_messages = {
        "invalid_choice": _(
            "Pagina %(value)s is geen praktijkvoorbeeld. Kies praktijkvoorbeelden met het zoekveld."
        ),
        "invalid_pk_value": _("‘%(pk)s’ is geen paginanummer."),
    }
