from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilesConfig(AppConfig):
    name = "route2020.files"
    label = "files"
    verbose_name = _("Bestanden")

    def ready(self):
        from django.db.models.signals import pre_save
        from wagtail.images import get_image_model

        from . import forms, spreadsheets, uploads

        spreadsheets.install()
        forms.install_avatar_field()
        pre_save.connect(
            uploads.clean_new_image_file,
            sender=get_image_model(),
            dispatch_uid="route2020-files-clean-image",
        )
