"""The CMS's user screens with what Route 2020 adds: organisation, job title, provinces."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .models import Province

EXTRA_FIELDS = {"organisation", "job_title", "provinces"}


class ProvincesMixin(forms.ModelForm):
    provinces = forms.ModelMultipleChoiceField(
        label=_("Provincies (regiogids)"),
        queryset=Province.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alleen voor regiogidsen: de provincies waarvan zij inzendingen beoordelen."),
    )


class RouteUserCreationForm(ProvincesMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | EXTRA_FIELDS


class RouteUserEditForm(ProvincesMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | EXTRA_FIELDS


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return RouteUserEditForm if for_update else RouteUserCreationForm
