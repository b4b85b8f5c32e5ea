"""System checks: say out loud when a protection is switched off."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register()
def mfa_required_for_staff(app_configs, **kwargs):
    if getattr(settings, "MFA_REQUIRED_FOR_STAFF", True):
        return []
    return [
        Warning(
            "Inloggen in twee stappen is niet verplicht voor redactie, beheerders en "
            "regiogidsen (MFA_REQUIRED_FOR_STAFF staat uit).",
            hint="Zo werken de demo-logins in `make run`; zet het nooit uit op een server.",
            id="route2020.W001",
        )
    ]


@register(Tags.security, deploy=True)
def security_contact(app_configs, **kwargs):
    contact = getattr(settings, "SECURITY_CONTACT", "")
    if contact.startswith(("mailto:", "https://")):
        return []
    return [
        Warning(
            "SECURITY_CONTACT is niet gezet: /.well-known/security.txt noemt dan geen adres om "
            "een kwetsbaarheid te melden.",
            hint="Zet SECURITY_CONTACT=mailto:security@… (of een https:-adres) in de omgeving.",
            id="route2020.W002",
        )
    ]
