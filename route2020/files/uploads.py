"""Uploads are judged by what they contain, not by their name.

Every upload of the platform (the CMS's documents and images, the practice submission's
attachments, and whatever form comes next) goes through `check_document()` or
`clean_image()`; the form fields in `forms.py` call them, so each refusal is a Dutch error
next to the field.

Documents: the extension must be allowed and the content must be what the extension says.
PDF by its header and trailer; Word, Excel and PowerPoint (OOXML) and OpenDocument by their
zip structure (the part that names the document type); the older binary Office formats by
their OLE signature and the stream that each one has; CSV and plain text by being text and
not markup. HTML and SVG are never accepted, whatever their name.

These are small checks of our own rather than a library: `python-magic` needs the C library
libmagic on every server, and `filetype` (pure Python, already here through Willow) reads only
the first bytes, so it calls any zip with a `word/` entry a .docx and recognises the older
Office files by fixed offsets that valid files do not always have. Opening the zip's central
directory with the standard library answers the real question (is this the document type it
claims to be, without macros?) in a few lines.

Images: Pillow reads the header (format and dimensions) without decoding the pixels; an image
over `WAGTAILIMAGES_MAX_IMAGE_PIXELS` is refused before anything is decoded, so a
decompression bomb (a small file that claims gigapixels) costs nothing. An accepted image is
decoded once and written again: turned upright by its EXIF orientation, without EXIF, XMP,
comments or text chunks (a phone photo's GPS position goes), under a random file name (so the
file's URL cannot be guessed; see `access.py`).
"""

import io
import posixpath
import secrets
import struct
import warnings
import zipfile
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

# --- documents ---------------------------------------------------------------------------------

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
# An OOXML or ODF document has a few dozen to a few hundred parts; a zip with more is not one
# (and its central directory alone could cost a lot of memory to read).
MAX_ZIP_ENTRIES = 5000
MAX_MANIFEST_BYTES = 1024 * 1024

OOXML_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
ODF_TYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
# The stream each older Office format keeps its content in (names are UTF-16 in the file).
OLE_STREAMS = {
    "doc": ("WordDocument",),
    "xls": ("Workbook", "Book"),
    "ppt": ("PowerPoint Document",),
}
TEXT_EXTENSIONS = {"txt", "csv"}
# What browsers take for HTML or XML when they sniff (WHATWG MIME Sniffing, "identifying a
# resource with an unknown MIME type"), plus SVG.
MARKUP_STARTS = (
    "<!doctype html",
    "<html",
    "<head",
    "<script",
    "<iframe",
    "<h1",
    "<div",
    "<font",
    "<table",
    "<a",
    "<style",
    "<title",
    "<b",
    "<body",
    "<br",
    "<p",
    "<!--",
    "<?xml",
    "<svg",
)
MARKUP_ANYWHERE = ("<script", "<svg", "<html", "<iframe", "<!doctype")

DOCUMENT_LABELS = _("PDF, Word, Excel, PowerPoint, OpenDocument, CSV of tekst")


def not_what_it_says(extension):
    return ValidationError(
        _("Dit bestand is geen geldig .%(extension)s-bestand: de inhoud past niet bij de naam."),
        code="invalid_content",
        params={"extension": extension},
    )


def check_document(upload, *, extensions=None, max_bytes=None):
    """Refuse (ValidationError) a document whose content is not what its extension says."""
    extension = posixpath.splitext(upload.name or "")[1].lower().lstrip(".")
    allowed = extensions if extensions is not None else settings.WAGTAILDOCS_EXTENSIONS
    if extension not in allowed:
        raise ValidationError(
            _("Bestanden met de extensie .%(extension)s zijn niet toegestaan."),
            code="invalid_extension",
            params={"extension": extension or "?"},
        )
    if max_bytes is not None and upload.size > max_bytes:
        raise too_large(max_bytes)
    upload.seek(0)
    try:
        _check_content(upload, extension)
    finally:
        upload.seek(0)


def too_large(max_bytes):
    return ValidationError(
        _("Dit bestand is groter dan %(size)s."),
        code="file_too_large",
        params={"size": filesizeformat(max_bytes)},
    )


def _check_content(upload, extension):
    head = upload.read(8)
    upload.seek(0)
    if extension == "pdf":
        ok = head.startswith(b"%PDF-") and _pdf_trailer(upload)
    elif extension in OOXML_TYPES:
        ok = head.startswith(ZIP_SIGNATURE) and _ooxml_type(upload) == OOXML_TYPES[extension]
    elif extension in ODF_TYPES:
        ok = head.startswith(ZIP_SIGNATURE) and _odf_type(upload) == ODF_TYPES[extension]
    elif extension in OLE_STREAMS:
        ok = head.startswith(OLE_SIGNATURE) and _has_ole_stream(upload, OLE_STREAMS[extension])
    elif extension in TEXT_EXTENSIONS:
        ok = _is_plain_text(upload)
    else:
        # An extension allowed in settings that this module has no check for: refuse rather
        # than accept unchecked (add a check above when a format is added).
        ok = False
    if not ok:
        raise not_what_it_says(extension)


def _pdf_trailer(upload):
    """A PDF ends with %%EOF (readers accept some bytes after it)."""
    upload.seek(0, io.SEEK_END)
    size = upload.tell()
    upload.seek(max(0, size - 8192))
    return b"%%EOF" in upload.read()


def _zip(upload):
    """The upload as a zip, or None when it is not one or has too many entries to be an
    office document. The entry count is read from the end record before Python builds its
    list of entries."""
    upload.seek(0, io.SEEK_END)
    size = upload.tell()
    upload.seek(max(0, size - 65_557))
    tail = upload.read()
    end = tail.rfind(b"PK\x05\x06")
    if end < 0 or len(tail) < end + 22:
        return None
    (entries,) = struct.unpack("<H", tail[end + 10 : end + 12])
    if entries == 0xFFFF or entries > MAX_ZIP_ENTRIES:
        return None
    upload.seek(0)
    try:
        return zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, struct.error):
        return None


def _read_small(archive, name):
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_MANIFEST_BYTES:
        return None
    try:
        with archive.open(info) as handle:
            return handle.read(MAX_MANIFEST_BYTES + 1)[:MAX_MANIFEST_BYTES]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return None


def _ooxml_type(upload):
    """The content type of the document's main part, from [Content_Types].xml.

    A macro-enabled file (.docm, .xlsm, .pptm) renamed to .docx has another main type and is
    refused with it.
    """
    archive = _zip(upload)
    if archive is None:
        return None
    with archive:
        manifest = _read_small(archive, "[Content_Types].xml")
        if manifest is None or b"<!DOCTYPE" in manifest or b"<!ENTITY" in manifest:
            return None
        try:
            root = ElementTree.fromstring(manifest)
        except ElementTree.ParseError:
            return None
        namespace = "{http://schemas.openxmlformats.org/package/2006/content-types}"
        names = set(archive.namelist())
        # Only parts that exist count: a manifest alone does not make a document.
        types = {
            element.get("ContentType")
            for element in root.iter(f"{namespace}Override")
            if (element.get("PartName") or "").lstrip("/") in names
        }
    main_types = types & set(OOXML_TYPES.values())
    return main_types.pop() if len(main_types) == 1 else None


def _odf_type(upload):
    """An OpenDocument file's first entry is `mimetype`, holding its type; content.xml holds
    the document."""
    archive = _zip(upload)
    if archive is None:
        return None
    with archive:
        names = archive.namelist()
        if not names or names[0] != "mimetype" or "content.xml" not in names:
            return None
        mimetype = _read_small(archive, "mimetype")
    return mimetype.decode("ascii", "replace").strip() if mimetype else None


def _has_ole_stream(upload, streams):
    data = upload.read()
    return any(stream.encode("utf-16-le") in data for stream in streams)


def _is_plain_text(upload):
    """Text in UTF-8, UTF-16 (with its byte order mark) or a single-byte code page such as
    Windows-1252, without control bytes and without markup."""
    data = upload.read()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return False
    else:
        if b"\x00" in data:
            return False
        text = data.decode("utf-8", errors="replace")
    if "\x00" in text:
        return False
    start = text.lstrip("\ufeff \t\r\n\x0c").lower()
    if any(_starts_with_tag(start, pattern) for pattern in MARKUP_STARTS):
        return False
    head = text[:4096].lower()
    return not any(pattern in head for pattern in MARKUP_ANYWHERE)


def _starts_with_tag(text, pattern):
    """WHATWG: the pattern followed by a space or '>' (a comment or declaration as is)."""
    if not text.startswith(pattern):
        return False
    if pattern in ("<!--", "<?xml"):
        return True
    following = text[len(pattern) : len(pattern) + 1]
    return following in (" ", ">", "\t", "\n", "\r", "\x0c", "")


# --- images ------------------------------------------------------------------------------------

IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
IMAGE_EXTENSIONS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}
# Kept when an image is written again: what it needs to look the same. Everything else
# (EXIF, XMP, comments, PNG text chunks, IPTC) is left out.
KEPT_INFO = ("transparency", "duration", "loop", "background", "icc_profile")
DECODE_ERRORS = (
    OSError,
    ValueError,
    SyntaxError,
    EOFError,
    IndexError,
    struct.error,
    Image.DecompressionBombError,
    Image.DecompressionBombWarning,
    UnidentifiedImageError,
)

IMAGE_LABELS = _("JPG, PNG, GIF of WebP")


def max_image_pixels():
    return settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS


def megapixels(pixels):
    return f"{pixels / 1_000_000:g}"


def not_an_image():
    return ValidationError(
        _("Dit bestand is geen afbeelding (JPG, PNG, GIF of WebP) of is beschadigd."),
        code="invalid_image",
    )


def too_many_pixels():
    return ValidationError(
        _(
            "Deze afbeelding heeft te veel beeldpunten: hoogstens %(megapixels)s megapixel. "
            "Verklein hem, bijvoorbeeld tot 4000 × 3000 beeldpunten."
        ),
        code="too_many_pixels",
        params={"megapixels": megapixels(max_image_pixels())},
    )


def open_image(upload, *, max_pixels=None):
    """The image with only its header read; refused when it is not an accepted format or
    has more pixels (all frames together) than allowed. Nothing is decoded here."""
    max_pixels = max_pixels or max_image_pixels()
    upload.seek(0)
    with warnings.catch_warnings():
        # Pillow warns above its own limit and refuses above twice that: both are ours to say.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(upload, formats=list(IMAGE_FORMATS))
            width, height = image.size
            if width * height > max_pixels:
                raise too_many_pixels()
            frames = getattr(image, "n_frames", 1)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many_pixels() from None
        except DECODE_ERRORS:
            raise not_an_image() from None
    if width < 1 or height < 1:
        raise not_an_image()
    if width * height * frames > max_pixels:
        raise too_many_pixels()
    return image


def clean_image(upload, *, max_bytes=None, extensions=None):
    """The upload as a fresh image file without metadata, under a random name.

    Refuses (ValidationError) what is not a JPG/PNG/GIF/WebP, has an extension that does not
    match its format, is larger than `max_bytes` or has too many pixels; the last two before
    any pixel is decoded.
    """
    extension = posixpath.splitext(upload.name or "")[1].lower().lstrip(".")
    allowed = extensions if extensions is not None else settings.WAGTAILIMAGES_EXTENSIONS
    if extension not in allowed or extension not in IMAGE_EXTENSIONS:
        raise ValidationError(
            _("Bestanden met de extensie .%(extension)s zijn niet toegestaan als afbeelding."),
            code="invalid_extension",
            params={"extension": extension or "?"},
        )
    if max_bytes is not None and upload.size > max_bytes:
        raise too_large(max_bytes)
    image = open_image(upload)
    if IMAGE_EXTENSIONS[extension] != image.format:
        raise ValidationError(
            _("Dit bestand heet .%(extension)s maar is een %(format)s-afbeelding."),
            code="wrong_extension",
            params={"extension": extension, "format": image.format},
        )
    try:
        content = _reencode(image)
    except DECODE_ERRORS:
        raise not_an_image() from None
    finally:
        upload.seek(0)
    cleaned = ContentFile(content, name=f"{secrets.token_hex(16)}.{IMAGE_FORMATS[image.format]}")
    cleaned.route2020_clean = True
    return cleaned


def clean_new_image_file(sender, instance, **kwargs):
    """pre_save of the image model: a new image file that did not come through `clean_image()`
    (code that creates images directly, Wagtail's upload path that keeps a file while its
    title is corrected) is written again too, so no image is ever stored with its metadata."""
    field_file = instance.file
    if not field_file:
        return
    if field_file._committed and not instance._state.adding:
        return  # the same file as before
    if getattr(field_file.file, "route2020_clean", False):
        return
    old_name = field_file.name if field_file._committed else None
    source = field_file.file
    source.seek(0)
    cleaned = clean_image(File(source, name=field_file.name), extensions=list(IMAGE_EXTENSIONS))
    instance.file = cleaned  # the descriptor reads width and height again
    instance._set_image_file_metadata()
    if old_name:
        storage = field_file.storage
        transaction.on_commit(lambda: storage.delete(old_name))


def _kept_info(image):
    return {key: image.info[key] for key in KEPT_INFO if key in image.info}


def _reencode(image):
    image_format = image.format
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        if getattr(image, "n_frames", 1) > 1:
            _save_animation(image, image_format, buffer)
        else:
            info = _kept_info(image)
            quality_keep = image_format == "JPEG" and _upright_needs_no_turn(image)
            image.load()
            ImageOps.exif_transpose(image, in_place=True)
            image.info = info
            image.save(buffer, image_format, **_save_options(image_format, info, quality_keep))
    return buffer.getvalue()


def _upright_needs_no_turn(image):
    return image.getexif().get(0x0112, 1) == 1


def _save_options(image_format, info, quality_keep=False):
    options = {}
    if image_format == "JPEG":
        # "keep" reuses the original's quantisation tables: no visible loss from re-encoding.
        options["quality"] = "keep" if quality_keep else 90
    elif image_format == "WEBP":
        options["quality"] = 90
    if "icc_profile" in info:
        options["icc_profile"] = info["icc_profile"]
    return options


def _save_animation(image, image_format, buffer):
    info = _kept_info(image)
    frames, durations = [], []
    for frame in ImageSequence.Iterator(image):
        durations.append(frame.info.get("duration", info.get("duration", 100)))
        copy = frame.copy()
        copy.info = _kept_info(frame)
        frames.append(copy)
    first = frames[0]
    first.save(
        buffer,
        image_format,
        save_all=True,
        append_images=frames[1:],
        duration=durations,
        loop=info.get("loop", 0),
        **_save_options(image_format, info),
    )
