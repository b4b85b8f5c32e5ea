from django.db import models
from django.utils.translation import gettext_lazy as _


class GuardedCollection(models.Model):
    """A collection whose files an app guards with a rule of its own (see access.py).

    The link is kept here, not in the collection's name, so that renaming the collection in
    the CMS does not lift the guard.
    """

    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("collectie"),
        on_delete=models.CASCADE,
        related_name="guard",
    )
    rule = models.CharField(_("regel"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("afgeschermde collectie")
        verbose_name_plural = _("afgeschermde collecties")

    def __str__(self):
        return f"{self.collection} ({self.rule})"
