import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from route2020.practices.models import ModerationEvent, PracticePage, Submission

pytestmark = pytest.mark.django_db


def basics(themes, **extra):
    data = {
        "title": "Taalcafé op zaterdag",
        "summary": "Anderstaligen oefenen Nederlands met vrijwilligers.",
        "kind": "praktijkvoorbeeld",
        "status": "afgerond",
        "phase": "",
        "themes": [themes[0].pk],
        "start_date": "2017-01-10",
        "end_date": "2017-12-20",
    }
    data.update(extra)
    return data


STEP_DATA = {
    "aanpak": {
        "steps": "Vrijwilligers werven: via de krant\nRuimte inrichten",
        "budget_euros": "2500",
        "staff_hours": "80",
        "duration_months": "12",
    },
    "partners": {"partner_onderwijs": "ROC Zwolle", "partner_gemeente": "Gemeente Zwolle"},
    "resultaten": {
        "results": "120 deelnemers",
        "what_worked": "Koffie",
        "what_did_not_work": "",
        "lessons": "Begin klein",
        "evidence_level": "onderbouwd",
        "evidence": "Tellingen",
        "evaluation": "",
    },
    "bijlagen": {
        "contact_name": "Sanne",
        "contact_email": "sanne@bieb.example",
        "contact_phone": "",
    },
}


def step_url(submission, step):
    return f"/praktijkvoorbeelden/inzending/{submission.pk}/{step}/"


def start(client):
    response = client.post("/praktijkvoorbeelden/nieuw/")
    assert response.status_code == 302
    return Submission.objects.latest("pk")


def fill_all(client, submission, themes, **basis_extra):
    assert (
        client.post(step_url(submission, "basis"), basics(themes, **basis_extra)).status_code == 302
    )
    for step, data in STEP_DATA.items():
        response = client.post(step_url(submission, step), data)
        assert response.status_code == 302, response.content.decode()[:2000]


@pytest.fixture
def guide(make_user):
    return make_user(
        role="Regiogids", organisation=None, provinces=("PV23",), email="gids@example.org"
    )


@pytest.fixture
def member(make_user, make_organisation):
    return make_user(organisation=make_organisation(province_code="PV23"), email="lid@example.org")


def test_full_flow_submit_review_publish(
    client, member, guide, practice_index, themes, django_capture_on_commit_callbacks
):
    client.force_login(member)
    submission = start(client)
    fill_all(client, submission, themes)
    preview = client.get(f"/praktijkvoorbeelden/inzending/{submission.pk}/voorbeeld/")
    assert "Vrijwilligers werven" in preview.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/praktijkvoorbeelden/inzending/{submission.pk}/voorbeeld/")
    submission.refresh_from_db()
    assert submission.state == "ingediend"
    page = submission.practice
    assert page.live is False
    assert [m.to for m in mail.outbox] == [["gids@example.org"]]
    # The guide sees it in the queue and publishes it.
    client.force_login(guide)
    queue = client.get("/praktijkvoorbeelden/beoordelen/").content.decode()
    assert "Taalcafé op zaterdag" in queue
    # Brand new: it has a draft page since it was submitted, but was never published.
    assert ">Nieuw<" in queue and ">Wijziging<" not in queue
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/praktijkvoorbeelden/beoordelen/{submission.pk}/", {"publiceren": "1"}
        )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert page.steps.count() == 2
    assert sorted(page.partners.values_list("name", flat=True)) == ["Gemeente Zwolle", "ROC Zwolle"]
    assert mail.outbox[-1].to == ["lid@example.org"]
    actions = list(submission.events.values_list("action", "actor"))
    assert actions == [("ingediend", member.pk), ("gepubliceerd", guide.pk)]
    client.logout()
    assert "Taalcafé op zaterdag" in client.get(page.url).content.decode()


def test_return_with_feedback_shows_it_to_submitter(
    client, member, guide, practice_index, themes, django_capture_on_commit_callbacks
):
    client.force_login(member)
    submission = start(client)
    fill_all(client, submission, themes)
    client.post(f"/praktijkvoorbeelden/inzending/{submission.pk}/voorbeeld/")
    client.force_login(guide)
    url = f"/praktijkvoorbeelden/beoordelen/{submission.pk}/"
    response = client.post(url, {"feedback": ""})
    assert response.status_code == 400
    assert "Dit is een verplicht veld." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"feedback": "Voeg de kosten per deelnemer toe."})
    assert "Voeg de kosten per deelnemer toe." in mail.outbox[-1].body
    client.force_login(member)
    html = client.get(step_url(submission, "basis")).content.decode()
    assert "Voeg de kosten per deelnemer toe." in html
    assert ModerationEvent.objects.filter(action="teruggestuurd", note__contains="kosten").exists()


def test_no_guide_goes_to_redactie(
    client, make_user, make_organisation, practice_index, themes, django_capture_on_commit_callbacks
):
    make_user(role="Redactie", organisation=None, email="redactie@example.org")
    member = make_user(organisation=make_organisation(province_code="PV31"))
    client.force_login(member)
    submission = start(client)
    fill_all(client, submission, themes)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/praktijkvoorbeelden/inzending/{submission.pk}/voorbeeld/")
    assert mail.outbox[-1].to == ["redactie@example.org"]


def test_invalid_step_keeps_input_and_survives_reload(client, member, practice_index, themes):
    client.force_login(member)
    submission = start(client)
    data = basics(themes, title="", summary="Wat ik al typte")
    response = client.post(step_url(submission, "basis"), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Dit is een verplicht veld." in html
    assert "Wat ik al typte" in html
    # A reload (GET) shows what was typed, errors included.
    html = client.get(step_url(submission, "basis")).content.decode()
    assert "Wat ik al typte" in html
    assert not PracticePage.objects.exists()


def test_a_nul_byte_is_refused_and_kept_out_of_the_draft(client, member, practice_index, themes):
    """PostgreSQL's jsonb cannot hold NUL: the typed input is kept without it, never a 500."""
    client.force_login(member)
    submission = start(client)
    response = client.post(step_url(submission, "basis"), basics(themes, title="Lezen\x00<b>"))
    assert response.status_code == 400
    submission.refresh_from_db()
    assert "\x00" not in str(submission.data)
    assert "Lezen<b>" in str(submission.data)


def test_stopped_requires_what_did_not_work(client, member, practice_index, themes):
    client.force_login(member)
    submission = start(client)
    client.post(step_url(submission, "basis"), basics(themes, status="gestopt"))
    response = client.post(step_url(submission, "resultaten"), STEP_DATA["resultaten"])
    assert response.status_code == 400
    assert "het voorbeeld is gestopt" in response.content.decode()


def test_too_many_themes_and_over_long_values(client, member, practice_index, themes, make_user):
    client.force_login(member)
    submission = start(client)
    response = client.post(
        step_url(submission, "basis"),
        basics(themes, title="x" * 500, summary="y" * 5000, start_date="2017-13-45"),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "hoogstens 120 tekens" in html or "maximaal 120" in html or "120" in html
    assert html.count("utrecht-form-field--invalid") >= 3


def test_double_submit_makes_one_practice(client, member, practice_index, themes):
    client.force_login(member)
    submission = start(client)
    fill_all(client, submission, themes)
    url = f"/praktijkvoorbeelden/inzending/{submission.pk}/voorbeeld/"
    client.post(url)
    client.post(url)
    assert PracticePage.objects.count() == 1
    assert ModerationEvent.objects.filter(action="ingediend").count() == 1


def test_guide_outside_province_is_refused(client, member, make_user, practice_index, themes):
    client.force_login(member)
    submission = start(client)
    fill_all(client, submission, themes)
    client.post(f"/praktijkvoorbeelden/inzending/{submission.pk}/voorbeeld/")
    other_guide = make_user(role="Regiogids", organisation=None, provinces=("PV20",))
    client.force_login(other_guide)
    url = f"/praktijkvoorbeelden/beoordelen/{submission.pk}/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"publiceren": "1"}).status_code == 403
    assert "Taalcafé" not in client.get("/praktijkvoorbeelden/beoordelen/").content.decode()
    assert not PracticePage.objects.live().exists()


def test_member_of_other_organisation_cannot_edit(client, make_practice, make_user):
    practice = make_practice()
    client.force_login(make_user())
    response = client.post(f"/praktijkvoorbeelden/bewerken/{practice.pk}/")
    assert response.status_code == 403
    assert not Submission.objects.exists()


def test_other_organisation_cannot_open_a_draft(client, member, make_user, practice_index, themes):
    client.force_login(member)
    submission = start(client)
    client.force_login(make_user())
    assert client.get(step_url(submission, "basis")).status_code == 404
    assert client.post(step_url(submission, "basis"), basics(themes)).status_code == 404


def test_edit_of_published_practice_keeps_live_version(
    client, make_practice, make_user, guide, make_organisation
):
    organisation = make_organisation(province_code="PV23")
    practice = make_practice(organisation=organisation, title="Oude titel")
    client.force_login(make_user(organisation=organisation))
    response = client.post(f"/praktijkvoorbeelden/bewerken/{practice.pk}/")
    submission = Submission.objects.get()
    assert response["Location"].endswith(step_url(submission, "basis"))
    data = dict(submission.data["basis"], title="Nieuwe titel", start_date="", end_date="")
    client.post(step_url(submission, "basis"), data)
    client.post(f"/praktijkvoorbeelden/inzending/{submission.pk}/voorbeeld/")
    client.logout()
    html = client.get(practice.url).content.decode()
    assert "Oude titel" in html and "Nieuwe titel" not in html
    client.force_login(guide)
    queue = client.get("/praktijkvoorbeelden/beoordelen/").content.decode()
    assert ">Wijziging<" in queue and ">Nieuw<" not in queue
    client.post(f"/praktijkvoorbeelden/beoordelen/{submission.pk}/", {"publiceren": "1"})
    client.logout()
    practice.refresh_from_db()
    assert practice.title == "Nieuwe titel"
    assert practice.slug.startswith("voorleesontbijt")  # the slug stays stable
    assert practice.revisions.count() >= 2


def png(size=(10, 10)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


def attachments(**files):
    return {**STEP_DATA["bijlagen"], "image_alt": "Deelnemers aan tafel", **files}


def test_image_upload_with_alt_text(client, member, practice_index, themes):
    client.force_login(member)
    submission = start(client)
    upload = SimpleUploadedFile("foto.png", png(), content_type="image/png")
    response = client.post(step_url(submission, "bijlagen"), attachments(image=upload))
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.data["images"][0]["alt"] == "Deelnemers aan tafel"


def test_image_needs_alt_text(client, member, practice_index, themes):
    client.force_login(member)
    submission = start(client)
    upload = SimpleUploadedFile("foto.png", png(), content_type="image/png")
    response = client.post(
        step_url(submission, "bijlagen"), {**attachments(image=upload), "image_alt": ""}
    )
    assert response.status_code == 400
    assert "Beschrijf de afbeelding" in response.content.decode()


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("foto.png", b"not an image at all", "geen afbeelding"),
        ("script.exe", png(), "niet toegestaan"),
        ("foto.svg", b"<svg onload=alert(1)></svg>", "niet toegestaan als afbeelding"),
    ],
)
def test_wrong_image_type_is_refused(
    client, member, practice_index, themes, name, content, message
):
    client.force_login(member)
    submission = start(client)
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    response = client.post(step_url(submission, "bijlagen"), attachments(image=upload))
    assert response.status_code == 400
    assert message in response.content.decode()
    submission.refresh_from_db()
    assert "images" not in submission.data


def test_too_large_image_is_refused(client, member, practice_index, themes, monkeypatch):
    from route2020.practices.forms import AttachmentsForm

    monkeypatch.setattr(AttachmentsForm.base_fields["image"], "max_bytes", 100)
    client.force_login(member)
    submission = start(client)
    upload = SimpleUploadedFile("foto.png", png((200, 200)), content_type="image/png")
    response = client.post(step_url(submission, "bijlagen"), attachments(image=upload))
    assert response.status_code == 400
    assert "Dit bestand is groter dan 100\xa0bytes." in response.content.decode()


def test_decompression_bomb_is_refused(client, member, practice_index, themes):
    # A tiny PNG file that claims 20,000 × 20,000 pixels (400 megapixels).
    buffer = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(buffer, "PNG")
    client.force_login(member)
    submission = start(client)
    upload = SimpleUploadedFile("bom.png", buffer.getvalue(), content_type="image/png")
    assert upload.size < 1_000_000
    response = client.post(step_url(submission, "bijlagen"), attachments(image=upload))
    assert response.status_code == 400
    html = response.content.decode()
    assert "beeldpunten" in html or "geen afbeelding" in html


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("rapport.pdf", b"MZ\x90\x00 executable", "geen geldig .pdf-bestand"),
        ("rapport.exe", b"%PDF-1.4", "niet toegestaan"),
        ("rapport.html", b"<script>alert(1)</script>", "niet toegestaan"),
    ],
)
def test_wrong_document_is_refused(client, member, practice_index, themes, name, content, message):
    client.force_login(member)
    submission = start(client)
    upload = SimpleUploadedFile(name, content)
    response = client.post(
        step_url(submission, "bijlagen"), {**STEP_DATA["bijlagen"], "document": upload}
    )
    assert response.status_code == 400
    assert message in response.content.decode()


def test_too_large_document_is_refused(client, member, practice_index, themes, monkeypatch):
    from route2020.practices.forms import AttachmentsForm

    monkeypatch.setattr(AttachmentsForm.base_fields["document"], "max_bytes", 10)
    client.force_login(member)
    submission = start(client)
    upload = SimpleUploadedFile("rapport.pdf", b"%PDF-1.4 " + b"0" * 100)
    response = client.post(
        step_url(submission, "bijlagen"), {**STEP_DATA["bijlagen"], "document": upload}
    )
    assert response.status_code == 400
    assert "Dit bestand is groter dan 10\xa0bytes." in response.content.decode()


def test_script_in_every_text_field_is_shown_as_text(client, member, guide, practice_index, themes):
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    client.force_login(member)
    submission = start(client)
    client.post(
        step_url(submission, "basis"), basics(themes, title="Titel " + evil[:60], summary=evil)
    )
    client.post(
        step_url(submission, "aanpak"), {**STEP_DATA["aanpak"], "steps": evil + ": " + evil}
    )
    client.post(step_url(submission, "partners"), {"partner_onderwijs": evil})
    client.post(
        step_url(submission, "resultaten"),
        {
            **STEP_DATA["resultaten"],
            **{
                k: evil
                for k in (
                    "results",
                    "what_worked",
                    "what_did_not_work",
                    "lessons",
                    "evidence",
                    "evaluation",
                )
            },
        },
    )
    client.post(
        step_url(submission, "bijlagen"), {**STEP_DATA["bijlagen"], "contact_name": evil[:100]}
    )
    client.post(f"/praktijkvoorbeelden/inzending/{submission.pk}/voorbeeld/")
    client.force_login(guide)
    review_html = client.get(f"/praktijkvoorbeelden/beoordelen/{submission.pk}/").content.decode()
    client.post(f"/praktijkvoorbeelden/beoordelen/{submission.pk}/", {"publiceren": "1"})
    page = PracticePage.objects.get()
    detail_html = client.get(page.url).content.decode()
    for html in (review_html, detail_html):
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "&lt;script&gt;" in html


def test_pilot_needs_phase_and_evaluation_when_ended(client, member, practice_index, themes):
    client.force_login(member)
    submission = start(client)
    response = client.post(step_url(submission, "basis"), basics(themes, kind="proeftuin"))
    assert response.status_code == 400
    assert "Kies de fase" in response.content.decode()
    client.post(step_url(submission, "basis"), basics(themes, kind="proeftuin", phase="evaluatie"))
    response = client.post(step_url(submission, "resultaten"), STEP_DATA["resultaten"])
    assert response.status_code == 400
    assert "Een afgelopen proeftuin heeft een evaluatie." in response.content.decode()


def test_the_database_allows_one_open_edit_of_a_practice(make_practice, make_user):
    """Two requests at once (double click, two tabs) cannot open two edits of one practice;
    a submitted edit does not count as open, nor do new practices (no page yet)."""
    from django.db import IntegrityError, transaction

    from route2020.practices import services

    practice = make_practice()
    member = make_user(organisation=practice.organisation)
    first = services.submission_start_edit(user=member, practice=practice)
    fields = {"author": member, "organisation": practice.organisation, "practice": practice}
    for state in (Submission.State.DRAFT, Submission.State.RETURNED):
        with pytest.raises(IntegrityError), transaction.atomic():
            Submission.objects.create(state=state, **fields)
    Submission.objects.create(state=Submission.State.SUBMITTED, **fields)
    Submission.objects.create(author=member, organisation=practice.organisation)
    Submission.objects.create(author=member, organisation=practice.organisation)
    assert services.submission_start_edit(user=member, practice=practice) == first
