"""Every app that keeps something about a person has a privacy.py, so that the export at
/account/gegevens/ and account deletion cover it (docs/privacy.md). A new app with a link to
a user or an e-mail address and no privacy.py fails here."""

from django.apps import apps
from django.conf import settings
from django.db import models

from route2020.core.services import privacy_modules


def personal_fields(model):
    """The model's own fields (not those of Wagtail's Page) that link to a person; a model
    names an organisation's own address in `not_personal_fields`."""
    exempt = set(getattr(model, "not_personal_fields", ()))
    for field in model._meta.local_fields + model._meta.local_many_to_many:
        if field.name in exempt:
            continue
        if field.is_relation and field.related_model._meta.label == settings.AUTH_USER_MODEL:
            yield field.name
        elif isinstance(field, models.EmailField):
            yield field.name


def test_every_app_with_personal_data_has_a_privacy_module(db):
    covered = {module.__name__.rsplit(".", 1)[0] for module in privacy_modules()}
    missing = []
    for config in apps.get_app_configs():
        if not config.name.startswith("route2020.") or config.name == "route2020.core":
            continue  # core's own data (the account) is exported by core.services itself
        for model in config.get_models():
            fields = list(personal_fields(model))
            if fields and config.name not in covered:
                missing.append(f"{model._meta.label} ({', '.join(fields)})")
    assert missing == [], "Geen privacy.py voor: " + "; ".join(missing)


def test_every_privacy_module_exports_something():
    for module in privacy_modules():
        assert hasattr(module, "export") or hasattr(module, "export_browser"), module.__name__
