"""Attachments of a submission: checked by content, without metadata, and private until the
practice is published (issue 11, finding 8 and point 6)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from route2020.files.tests import samples
from route2020.practices.models import Submission

from .test_submission import STEP_DATA, fill_all, start, step_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user, make_organisation):
    library = make_organisation(province_code="PV23")
    return {
        "member": make_user(organisation=library, email="lid@example.org"),
        "colleague": make_user(organisation=library),
        "other_member": make_user(organisation=make_organisation(province_code="PV23")),
        "guide": make_user(role="Regiogids", organisation=None, provinces=("PV23",)),
        "other_guide": make_user(role="Regiogids", organisation=None, provinces=("PV27",)),
        "editor": make_user(role="Redactie", organisation=None),
    }


def attach(client, submission, **files):
    data = {**STEP_DATA["bijlagen"], "image_alt": "Deelnemers aan tafel", **files}
    return client.post(step_url(submission, "bijlagen"), data)


def as_user(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def fetch(user, url):
    return as_user(user).get(url)


def test_attachment_fields_state_their_limits(client, people, practice_index, themes):
    client.force_login(people["member"])
    submission = start(client)
    html = client.get(step_url(submission, "bijlagen")).content.decode().replace("\xa0", " ")
    assert "JPG, PNG, GIF of WebP, hoogstens 5,0 MB en 16 megapixel." in html
    assert "PDF, Word, Excel, PowerPoint of OpenDocument, hoogstens 10,0 MB." in html
    assert 'accept="image/jpeg,image/png,image/gif,image/webp"' in html


def test_html_called_pdf_is_refused_next_to_the_field(client, people, practice_index, themes):
    client.force_login(people["member"])
    submission = start(client)
    fake = SimpleUploadedFile("verslag.pdf", samples.HTML, content_type="application/pdf")
    response = attach(client, submission, document=fake)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_document_error"><p>Dit bestand is geen geldig .pdf-bestand' in html
    assert 'value="Sanne"' in html  # what was typed is kept
    assert not get_document_model().objects.exists()


def test_photo_loses_its_gps_position(client, people, practice_index, themes):
    client.force_login(people["member"])
    submission = start(client)
    photo = SimpleUploadedFile("thuis.jpg", samples.jpeg_with_gps(), content_type="image/jpeg")
    assert attach(client, submission, image=photo).status_code == 302
    image = get_image_model().objects.get()
    with image.file.open() as handle:
        data = handle.read()
    assert samples.metadata_of(data) == {"exif": {}, "gps": {}, "info": set()}
    assert "thuis" not in image.file.name


def test_draft_document_is_served_only_to_those_allowed(
    client, people, practice_index, themes, django_capture_on_commit_callbacks
):
    member, guide = people["member"], people["guide"]
    client.force_login(member)
    submission = start(client)
    report = SimpleUploadedFile("evaluatie.pdf", samples.PDF, content_type="application/pdf")
    assert attach(client, submission, document=report).status_code == 302
    document = get_document_model().objects.get()
    url = document.url
    assert url == f"/documenten/{document.pk}/evaluatie.pdf"

    # An unsubmitted draft: its organisation and the redactie only.
    anonymous = fetch(None, url)
    assert anonymous.status_code == 302 and "/account/login/" in anonymous["Location"]
    for name in ("other_member", "guide", "other_guide"):
        assert fetch(people[name], url).status_code == 404, name
    for name in ("member", "colleague", "editor"):
        response = fetch(people[name], url)
        assert response.status_code == 200, name
        assert b"".join(response.streaming_content) == samples.PDF
        assert "private" in response["Cache-Control"]

    # Submitted: the guide of the province too, not the one of another province.
    fill_all(client, submission, themes)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/praktijkvoorbeelden/inzending/{submission.pk}/voorbeeld/")
    assert Submission.objects.get().state == "ingediend"
    assert fetch(guide, url).status_code == 200
    assert fetch(people["other_guide"], url).status_code == 404
    assert fetch(None, url).status_code == 302

    # Published: everyone, and the practice page links to it.
    with django_capture_on_commit_callbacks(execute=True):
        as_user(guide).post(
            f"/praktijkvoorbeelden/beoordelen/{submission.pk}/", {"publiceren": "1"}
        )
    practice = Submission.objects.get().practice
    assert practice.live
    response = fetch(None, url)
    assert response.status_code == 200 and "private" not in response.get("Cache-Control", "")
    assert url in fetch(None, practice.url).content.decode()


def test_draft_image_is_private_until_published(
    client, people, practice_index, themes, django_capture_on_commit_callbacks
):
    from route2020.files.access import may_view_file

    client.force_login(people["member"])
    submission = start(client)
    photo = SimpleUploadedFile("deelnemers.png", samples.png((40, 30)), content_type="image/png")
    assert attach(client, submission, image=photo).status_code == 302
    image = get_image_model().objects.get()
    # A file name nobody can guess, in the private collection of drafts.
    assert "deelnemers" not in image.file.name
    assert image.collection.get_view_restrictions().exists()
    assert may_view_file(people["colleague"], image)
    assert not may_view_file(people["other_member"], image)
    assert not may_view_file(people["guide"], image)

    fill_all(client, submission, themes)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/praktijkvoorbeelden/inzending/{submission.pk}/voorbeeld/")
        as_user(people["guide"]).post(
            f"/praktijkvoorbeelden/beoordelen/{submission.pk}/", {"publiceren": "1"}
        )
    image.refresh_from_db()
    assert not image.collection.get_view_restrictions().exists()
    assert may_view_file(people["other_member"], image)


def test_documents_are_never_served_from_media(client, people, practice_index, themes, settings):
    """In development Django serves MEDIA; documents are not among it (they go through
    /documenten/ and its access check), images are."""
    from django.test import RequestFactory

    from route2020.files.views import media

    client.force_login(people["member"])
    submission = start(client)
    report = SimpleUploadedFile("evaluatie.pdf", samples.PDF, content_type="application/pdf")
    photo = SimpleUploadedFile("foto.png", samples.png(), content_type="image/png")
    attach(client, submission, document=report, image=photo)
    document = get_document_model().objects.get()
    image = get_image_model().objects.get()
    settings.DEBUG = True
    request = RequestFactory().get("/")
    for path in (
        document.file.name,
        f"images/../{document.file.name}",
        f"/{document.file.name}",
        "uploaded_files/x.pdf",
    ):
        with pytest.raises(Exception) as refused:
            media(request, path)
        assert refused.type.__name__ == "Http404", path
    assert media(request, image.file.name).status_code == 200


def test_image_just_under_the_old_cap_is_refused_without_decoding(
    client, people, practice_index, themes, monkeypatch
):
    """Finding 11: a 39.7-megapixel PNG of ~130 KB passed the old cap of 40 megapixels and
    cost ~150 MB to upload and ~300 MB on its first preview; now refused from its header."""
    from PIL import ImageFile

    decoded = []
    load = ImageFile.ImageFile.load

    def spy(image):
        if image.tile:
            decoded.append(image.size)
        return load(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", spy)
    client.force_login(people["member"])
    submission = start(client)
    large = samples.bomb_png((7300, 5440))
    photo = SimpleUploadedFile("groot.png", large, content_type="image/png")
    response = attach(client, submission, image=photo)
    assert response.status_code == 400
    assert "te veel beeldpunten: hoogstens 16 megapixel" in response.content.decode()
    assert decoded == []
    assert not get_image_model().objects.exists()
