"""Upload fields for the site's own forms, and the base forms of the CMS's documents and images.

The CMS's forms are Wagtail's, given our checks through `WAGTAILDOCS_DOCUMENT_FORM_BASE` and
`WAGTAILIMAGES_IMAGE_FORM_BASE` (settings): the single upload, the edit form and the
drag-and-drop "add multiple" view all validate their file with them. Each field states its
limits in its help text, next to the field.
"""

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtail.images.models import AbstractImage

from .uploads import (
    DOCUMENT_LABELS,
    IMAGE_EXTENSIONS,
    IMAGE_LABELS,
    check_document,
    clean_image,
    max_image_pixels,
    megapixels,
    open_image,
)


def _document_help(max_bytes, formats=DOCUMENT_LABELS):
    return gettext("%(types)s, hoogstens %(size)s.") % {
        "types": formats,
        "size": filesizeformat(max_bytes),
    }


def _image_help(max_bytes):
    return gettext(
        "%(types)s, hoogstens %(size)s en %(megapixels)s megapixel. "
        "Locatie en andere gegevens in het bestand worden verwijderd."
    ) % {
        "types": IMAGE_LABELS,
        "size": filesizeformat(max_bytes),
        "megapixels": megapixels(max_image_pixels()),
    }


# Help texts are built when shown, in the language of the request.
document_help = lazy(_document_help, str)
image_help = lazy(_image_help, str)


class DocumentUploadField(forms.FileField):
    """A document for a public form: checked by content (see uploads.check_document)."""

    def __init__(self, *, max_bytes, extensions=None, formats=DOCUMENT_LABELS, **kwargs):
        """`formats`: the accepted formats as the help text names them."""
        self.max_bytes = max_bytes
        self.extensions = extensions
        kwargs.setdefault("help_text", document_help(max_bytes, formats))
        super().__init__(**kwargs)
        accept = extensions or settings.WAGTAILDOCS_EXTENSIONS
        self.widget.attrs.setdefault("accept", ",".join(f".{ext}" for ext in accept))

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if isinstance(upload, UploadedFile):
            check_document(upload, extensions=self.extensions, max_bytes=self.max_bytes)
        return upload


class ImageUploadField(forms.FileField):
    """An image for a public form: checked by its header, then written again without metadata
    under a random name (see uploads.clean_image). `clean()` returns the new file."""

    def __init__(self, *, max_bytes, **kwargs):
        self.max_bytes = max_bytes
        kwargs.setdefault("help_text", image_help(max_bytes))
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/gif,image/webp")

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if isinstance(upload, UploadedFile):
            return clean_image(upload, max_bytes=self.max_bytes, extensions=list(IMAGE_EXTENSIONS))
        return upload


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE) with the content check."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].help_text = document_help(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            check_document(upload)
        return upload

    def _post_clean(self):
        """Wagtail's Document.clean() checks the extension of the file on the model, which a
        refused upload never reached; it would add "Bestandsextensie '' is niet toegestaan"
        below the real reason. Keep the form's own errors for the file."""
        refused = self._errors.get("file")
        own = list(refused.as_data()) if refused else None
        super()._post_clean()
        if own:
            self._errors["file"] = self.error_class(own, renderer=self.renderer)


class HeaderCheckedImageField(WagtailImageField):
    """Wagtail's image field, with the pixels counted from the header.

    Wagtail asks Willow for the size and the number of frames, and Willow decodes the whole
    image to answer (twice): a 40-megapixel PNG of 116 KB costs ~150 MB before it is refused.
    Pillow reads both from the header (uploads.open_image).
    """

    def check_image_pixel_size(self, f):
        try:
            open_image(f)
        finally:
            f.seek(0)


class ImageForm(BaseImageForm):
    """Wagtail's image form (WAGTAILIMAGES_IMAGE_FORM_BASE): the pixels checked before
    anything is decoded, then the image written again without metadata."""

    file = HeaderCheckedImageField(
        label=capfirst(AbstractImage._meta.get_field("file").verbose_name),
        widget=BaseImageForm.Meta.widgets["file"],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].help_text = image_help(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            return clean_image(upload)
        return upload


def install_avatar_field():
    """The CMS's profile picture (/beheer/account/) is an upload too: Wagtail's form takes any
    format Pillow opens and decodes it whole to scale it down, keeping a small photo's EXIF.
    Its field becomes ours (header check, re-encoding without metadata, limits stated);
    Wagtail's form then scales the cleaned image to 400 pixels as before. The panel's form
    class is fixed in Wagtail's account view, so its field is replaced in place."""
    from wagtail.admin.forms.account import AvatarPreferencesForm

    current = AvatarPreferencesForm.base_fields["avatar"]
    if isinstance(current, ImageUploadField):
        return
    AvatarPreferencesForm.base_fields["avatar"] = ImageUploadField(
        label=current.label, required=False, max_bytes=settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    )
