"""The CMS's document and image uploads (single, edit and drag-and-drop) use our checks."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from . import samples

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def editor(client, make_user):
    client.force_login(make_user(role="Redactie", is_superuser=True))
    return client


def root_id():
    return Collection.get_first_root_node().pk


def stored(model):
    instance = model.objects.get()
    with instance.file.open() as handle:
        return instance, handle.read()


def test_document_form_states_its_limits_and_refuses_html_called_pdf(editor):
    page = editor.get("/beheer/documents/add/").content.decode().replace("\xa0", " ")
    assert "PDF, Word, Excel, PowerPoint, OpenDocument, CSV of tekst, hoogstens 20,0 MB." in page

    fake = SimpleUploadedFile("verslag.pdf", samples.HTML)
    response = editor.post(
        "/beheer/documents/add/", {"title": "Verslag", "file": fake, "collection": root_id()}
    )
    assert response.status_code == 200
    assert "geen geldig .pdf-bestand" in response.content.decode()
    assert "is niet toegestaan" not in response.content.decode()  # only the real reason
    assert not get_document_model().objects.exists()

    real = SimpleUploadedFile("verslag.pdf", samples.PDF)
    response = editor.post(
        "/beheer/documents/add/", {"title": "Verslag", "file": real, "collection": root_id()}
    )
    assert response.status_code == 302
    assert get_document_model().objects.get().title == "Verslag"


def test_drag_and_drop_documents_are_checked_too(editor):
    fake = SimpleUploadedFile("notulen.docx", samples.HTML)
    response = editor.post(
        "/beheer/documents/multiple/add/", {"files[]": fake, "collection": root_id()}
    )
    assert response.json()["success"] is False
    assert "geen geldig .docx-bestand" in response.json()["error_message"]
    assert not get_document_model().objects.exists()


def test_image_upload_in_the_cms_drops_the_gps_position(editor):
    page = editor.get("/beheer/images/add/").content.decode().replace("\xa0", " ")
    assert "JPG, PNG, GIF of WebP, hoogstens 10,0 MB en 16 megapixel." in page

    photo = SimpleUploadedFile("thuis.jpg", samples.jpeg_with_gps(), content_type="image/jpeg")
    response = editor.post(
        "/beheer/images/add/", {"title": "Thuis", "file": photo, "collection": root_id()}
    )
    assert response.status_code == 302
    image, data = stored(get_image_model())
    assert samples.metadata_of(data)["gps"] == {} and samples.metadata_of(data)["exif"] == {}
    assert "thuis" not in image.file.name and image.file.name.startswith("original_images/")
    assert (image.width, image.height) == (60, 40)
    assert image.file_size == len(data)


@pytest.mark.parametrize("size", [(30_000, 30_000), (7300, 5440)])
def test_drag_and_drop_image_bomb_is_refused_before_decoding(editor, decoded, size):
    bomb = SimpleUploadedFile("bom.png", samples.bomb_png(size), content_type="image/png")
    response = editor.post("/beheer/images/multiple/add/", {"files[]": bomb})
    assert response.json()["success"] is False
    assert "te veel beeldpunten" in response.json()["error_message"]
    assert not get_image_model().objects.exists()
    assert decoded == []


def test_images_created_in_code_are_written_again_too():
    """The pre_save safety net: an image that did not come through a form loses its
    metadata as well."""
    image = get_image_model().objects.create(
        title="Thuis", file=ContentFile(samples.jpeg_with_gps(), name="thuis.jpg")
    )
    image.refresh_from_db()
    with image.file.open() as handle:
        data = handle.read()
    assert samples.metadata_of(data)["gps"] == {}
    assert "thuis" not in image.file.name
    # Saving it again later keeps the file as it is.
    name = image.file.name
    image.title = "Bij Anna"
    image.save()
    assert get_image_model().objects.get().file.name == name
    assert io.BytesIO(data).getbuffer().nbytes == image.file_size


def test_profile_picture_is_checked_and_loses_its_metadata(make_user, decoded):
    """/beheer/account/'s profile picture: the same field as every other image upload."""
    from wagtail.admin.forms.account import AvatarPreferencesForm
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(make_user(role="Redactie"))
    bomb = SimpleUploadedFile("ik.png", samples.bomb_png((7300, 5440)))
    form = AvatarPreferencesForm(data={}, files={"avatar": bomb}, instance=profile)
    assert not form.is_valid() and "te veel beeldpunten" in form.errors["avatar"][0]
    assert decoded == []
    svg = SimpleUploadedFile("ik.svg", samples.SVG)
    form = AvatarPreferencesForm(data={}, files={"avatar": svg}, instance=profile)
    assert not form.is_valid()

    photo = SimpleUploadedFile("ik-thuis.jpg", samples.jpeg_with_gps())
    form = AvatarPreferencesForm(data={}, files={"avatar": photo}, instance=profile)
    assert form.is_valid(), form.errors
    form.save()
    profile.refresh_from_db()
    with profile.avatar.open() as handle:
        assert samples.metadata_of(handle.read())["gps"] == {}
    assert "thuis" not in profile.avatar.name
