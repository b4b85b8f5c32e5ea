"""The section of the profile page (core finds `profile_sections()` through the registry)."""

from route2020.core.registry import ProfileSection


def profile_sections(request):
    from .forms import PreferencesForm

    return [
        ProfileSection(
            "notifications/preferences_section.html",
            {"form": PreferencesForm(user=request.user)},
            order=10,
        )
    ]
