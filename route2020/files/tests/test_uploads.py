"""Uploads are checked by content, images written again without metadata, bombs refused
before decoding (issue 11, point 6 and finding 11). The CMS's forms; the practice
submission's are tested in practices/tests/test_attachments.py."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from route2020.files.uploads import check_document, clean_image

from . import samples


def upload(name, content):
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    "name,content",
    [
        ("verslag.pdf", samples.PDF),
        ("verslag.docx", samples.ooxml("docx")),
        ("begroting.xlsx", samples.xlsx_from_openpyxl()),
        ("presentatie.pptx", samples.ooxml("pptx")),
        ("verslag.odt", samples.odf("odt")),
        ("begroting.ods", samples.odf("ods")),
        ("presentatie.odp", samples.odf("odp")),
        ("verslag.doc", samples.ole("WordDocument")),
        ("begroting.xls", samples.ole("Workbook")),
        ("presentatie.ppt", samples.ole("PowerPoint Document")),
        ("deelnemers.csv", "naam;plaats\nAnna;Ede\nZoë;Tiel\n".encode()),
        ("deelnemers.csv", "naam;plaats\nZoë;Tiel\n".encode("cp1252")),
        ("notitie.txt", "Notitie van de ALV, 5 < 6\n".encode("utf-16")),
    ],
)
def test_real_documents_are_accepted(name, content):
    check_document(upload(name, content))


@pytest.mark.parametrize(
    "name,content,code",
    [
        ("verslag.pdf", samples.HTML, "invalid_content"),
        ("verslag.pdf", b"MZ\x90\x00 an executable", "invalid_content"),
        ("verslag.pdf", b"%PDF-1.4 but never ends", "invalid_content"),
        ("verslag.docx", samples.HTML, "invalid_content"),
        ("verslag.docx", samples.xlsx_from_openpyxl(), "invalid_content"),
        (
            "macro.docx",
            samples.ooxml("docx", "application/vnd.ms-word.document.macroEnabled.main+xml"),
            "invalid_content",
        ),
        ("verslag.docx", samples.zip_with_entries(6000), "invalid_content"),
        ("verslag.odt", samples.odf("ods"), "invalid_content"),
        ("verslag.doc", samples.ole("Workbook"), "invalid_content"),
        ("notitie.txt", samples.HTML, "invalid_content"),
        ("notitie.txt", b"  \n<svg onload=alert(1)>", "invalid_content"),
        ("notitie.txt", b"gewone tekst\n<script>alert(1)</script>", "invalid_content"),
        ("notitie.txt", b"binary\x00data", "invalid_content"),
        ("lijst.csv", samples.SVG, "invalid_content"),
        ("pagina.html", b"<p>hallo</p>", "invalid_extension"),
        ("tekening.svg", samples.SVG, "invalid_extension"),
        ("programma.exe", samples.PDF, "invalid_extension"),
        ("zonder-extensie", samples.PDF, "invalid_extension"),
    ],
)
def test_documents_that_are_not_what_they_say_are_refused(name, content, code):
    with pytest.raises(ValidationError) as refused:
        check_document(upload(name, content))
    assert refused.value.code == code


def test_document_size_limit():
    with pytest.raises(ValidationError) as refused:
        check_document(upload("verslag.pdf", samples.PDF), max_bytes=10)
    assert refused.value.code == "file_too_large"


def stored_bytes(file):
    file.seek(0)
    return file.read()


def test_image_is_written_again_without_metadata_upright_and_under_a_random_name():
    original = samples.jpeg_with_gps(size=(60, 40), orientation=6)
    before = samples.metadata_of(original)
    assert before["gps"] and before["exif"] and "comment" in before["info"]

    cleaned = clean_image(upload("IMG_2024_thuis.jpg", original))
    data = stored_bytes(cleaned)
    after = samples.metadata_of(data)
    assert after == {"exif": {}, "gps": {}, "info": set()}
    assert b"Exif" not in data and b"Dorpsstraat" not in data and b"Telefoonmerk" not in data
    assert Image.open(io.BytesIO(data)).size == (40, 60)  # turned as the phone meant it
    assert "thuis" not in cleaned.name and cleaned.name.endswith(".jpg")
    assert len(cleaned.name) == len("0123456789abcdef0123456789abcdef.jpg")


@pytest.mark.parametrize(
    "name,content,code",
    [
        ("foto.png", b"geen afbeelding", "invalid_image"),
        ("foto.png", samples.HTML, "invalid_image"),
        ("foto.jpg", samples.png(), "wrong_extension"),
        ("tekening.svg", samples.SVG, "invalid_extension"),
        ("foto.heic", samples.png(), "invalid_extension"),
        ("foto.png", samples.noise_png()[:20_000], "invalid_image"),  # cut off halfway
    ],
)
def test_what_is_not_an_accepted_image_is_refused(name, content, code):
    with pytest.raises(ValidationError) as refused:
        clean_image(upload(name, content))
    assert refused.value.code == code


def test_decompression_bomb_is_refused_before_decoding(decoded):
    bomb = samples.bomb_png((30_000, 30_000))
    assert len(bomb) < 300_000  # 900 megapixels in a small file
    with pytest.raises(ValidationError) as refused:
        clean_image(upload("bom.png", bomb))
    assert refused.value.code == "too_many_pixels"
    assert "16 megapixel" in refused.value.messages[0]
    assert decoded == []


def test_image_just_under_the_old_cap_is_refused_before_decoding(decoded, settings):
    """Finding 11: 39.7 Mpx passed the old 40 Mpx cap and cost ~470 MB on its first preview."""
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 16_000_000
    large = samples.bomb_png((7300, 5440))
    with pytest.raises(ValidationError) as refused:
        clean_image(upload("groot.png", large))
    assert refused.value.code == "too_many_pixels"
    assert decoded == []


def test_an_accepted_image_is_decoded_once(decoded):
    clean_image(upload("foto.png", samples.png((300, 200))))
    assert decoded == [(300, 200)]


def test_animation_frames_count_towards_the_pixels(decoded, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1000
    frames = [Image.new("RGB", (20, 20), (colour * 60, 0, 0)) for colour in range(4)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], comment=b"geheim")
    with pytest.raises(ValidationError) as refused:
        clean_image(upload("film.gif", buffer.getvalue()))
    assert refused.value.code == "too_many_pixels"
    assert decoded == []
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 2000
    cleaned = stored_bytes(clean_image(upload("film.gif", buffer.getvalue())))
    again = Image.open(io.BytesIO(cleaned))
    assert again.n_frames == 4 and "comment" not in again.info  # 4 frames × 400 pixels
