from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import admin_views, permissions
from .models import SurveyPage


@hooks.register("register_admin_urls")
def register_office_urls():
    return [
        path(
            "enquetes/<int:page_id>/antwoorden.csv",
            admin_views.answers_csv,
            name="surveys_answers_csv",
        )
    ]


@hooks.register("register_page_listing_more_buttons")
def survey_page_buttons(page, user, next_url=None):
    if isinstance(page.specific_deferred, SurveyPage) and permissions.is_office(user):
        survey = page.specific_deferred
        if survey.live:
            yield Button(_("Uitslag"), survey.results_url, icon_name="view", priority=15)
        yield Button(
            _("Antwoorden (CSV)"),
            reverse("surveys_answers_csv", args=[page.pk]),
            icon_name="download",
            priority=16,
        )
