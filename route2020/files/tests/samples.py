"""Small real files of each kind the platform accepts, and the fakes it must refuse."""

import io
import random
import zipfile

from PIL import ExifTags, Image

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="5"/></svg>'
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
OOXML_MAIN = {
    "docx": ("word/document.xml", "wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", "spreadsheetml.sheet.main+xml"),
    "pptx": ("ppt/presentation.xml", "presentationml.presentation.main+xml"),
}
ODF_TYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}


def ooxml(kind="docx", content_type=None):
    part, main = OOXML_MAIN[kind]
    content_type = content_type or f"application/vnd.openxmlformats-officedocument.{main}"
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{part}" ContentType="{content_type}"/>'
        "</Types>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", manifest)
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr(part, "<document/>")
    return buffer.getvalue()


def odf(kind="odt"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), ODF_TYPES[kind])  # stored, first
        archive.writestr("content.xml", "<office:document-content/>")
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
    return buffer.getvalue()


def ole(stream):
    """The start of an old Office file: the OLE signature and a directory entry's name."""
    return OLE + stream.encode("utf-16-le") + b"\x00" * 64


def xlsx_from_openpyxl():
    from openpyxl import Workbook

    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active["A1"] = "Aanmeldingen"
    workbook.save(buffer)
    return buffer.getvalue()


def zip_with_entries(count):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for number in range(count):
            archive.writestr(f"x/{number}", b"")
    return buffer.getvalue()


def png(size=(10, 10), mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size, 0).save(buffer, "PNG")
    return buffer.getvalue()


def noise_png(size=(200, 200)):
    """A PNG that does not compress: cut in half, its pixel data is cut too."""
    buffer = io.BytesIO()
    pixels = random.Random(11).randbytes(size[0] * size[1])
    Image.frombytes("L", size, pixels).save(buffer, "PNG")
    return buffer.getvalue()


def bomb_png(size=(30_000, 30_000)):
    """A PNG of a few hundred kilobytes that decodes to `size` (900 megapixels here)."""
    buffer = io.BytesIO()
    Image.new("1", size, 0).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


GPS = {"latitude": (52.0, 5.0, 43.0), "longitude": (5.0, 7.0, 18.0)}


def jpeg_with_gps(size=(60, 40), orientation=1):
    """A phone photo: GPS position, camera make, a comment and an orientation."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Telefoonmerk"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = GPS["latitude"]
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = GPS["longitude"]
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, comment=b"Thuis bij Anna, Dorpsstraat 1")
    return buffer.getvalue()


def metadata_of(data):
    """What an image file tells about itself beyond its pixels."""
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    return {
        "exif": dict(exif),
        "gps": dict(exif.get_ifd(ExifTags.IFD.GPSInfo)),
        "info": {
            key
            for key in image.info
            if key
            not in (
                "jfif",
                "jfif_version",
                "jfif_unit",
                "jfif_density",
                "dpi",
                "progressive",
                "progression",
                "adobe",
                "adobe_transform",
            )
        },
    }
