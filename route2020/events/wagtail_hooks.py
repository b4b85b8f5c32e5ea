from django import forms
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import admin_views
from .models import EventPage, Registration
from .permissions import may_see_registrations


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """Registrations are made through the site, where capacity and the waitlist are kept;
    the office corrects names and addresses but does not add people past the limit."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)


class RegistrationAdminForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = ["name", "email", "organisation_name"]

    def clean_email(self):
        """The database allows one active registration per address; say so before it does."""
        email = self.cleaned_data["email"].strip().lower()
        registration = self.instance
        if (
            registration.is_active
            and Registration.objects.active()
            .filter(event_id=registration.event_id, email__iexact=email)
            .exclude(pk=registration.pk)
            .exists()
        ):
            raise forms.ValidationError(_("Dit e-mailadres is al aangemeld voor deze bijeenkomst."))
        return email


class RegistrationFilterSet(WagtailFilterSet):
    class Meta:
        model = Registration
        fields = ["status", "event"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Expired registrations are not listed, so not offered as a status either.
        self.filters["status"].extra["choices"] = [
            (value, label)
            for value, label in Registration.Status.choices
            if value != Registration.Status.EXPIRED
        ]


class RegistrationIndexView(IndexView):
    def get_base_queryset(self):
        """Without the expired registrations: nothing left of them to correct or export."""
        return super().get_base_queryset().not_expired()


class RegistrationViewSet(ModelViewSet):
    model = Registration
    index_view_class = RegistrationIndexView
    filterset_class = RegistrationFilterSet
    icon = "user"
    menu_label = _("Aanmeldingen")
    add_to_admin_menu = False
    list_display = ["name", "email", "organisation_name", "event", "status", "created_at"]
    list_export = ["event", "name", "email", "organisation_name", "status", "created_at"]
    export_filename = "aanmeldingen"
    search_fields = ["name", "email", "organisation_name"]
    ordering = ["-created_at"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return RegistrationAdminForm


register_permission_policy(Registration, RegistrationPermissionPolicy(Registration))
registration_viewset = RegistrationViewSet("registrations")


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset


office_urls = [
    path("", admin_views.overview, name="overview"),
    path("<int:event_id>/", admin_views.attendees, name="attendees"),
    path("<int:event_id>/deelnemers.csv", admin_views.attendees_csv, name="attendees-csv"),
    path("<int:event_id>/aanwezigheidslijst/", admin_views.checkin, name="checkin"),
    path("<int:event_id>/mail/", admin_views.registrants_mail, name="mail"),
    path("praktijkvoorbeelden-zoeken/", admin_views.practice_search, name="practice-search"),
]


@hooks.register("register_admin_urls")
def register_office_urls():
    return [path("bijeenkomsten/", include((office_urls, "events_office")))]


class OfficeMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_registrations(request.user)


@hooks.register("register_admin_menu_item")
def register_office_menu_item():
    return OfficeMenuItem(
        _("Aanmeldingen"), reverse("events_office:overview"), icon_name="date", order=250
    )


@hooks.register("register_page_listing_more_buttons")
def event_page_buttons(page, user, next_url=None):
    if isinstance(page.specific_deferred, EventPage) and may_see_registrations(user):
        yield Button(
            _("Deelnemers"),
            reverse("events_office:attendees", args=[page.pk]),
            icon_name="group",
            priority=15,
        )
