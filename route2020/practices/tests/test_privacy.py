"""What the practices app holds about a person is in their export; when they delete their
account, they are no longer anyone's contact person (page, revisions, submissions) and what
they wrote for their organisation stays without their name."""

import pytest

from route2020.practices import services
from route2020.practices.models import Adoption, LogbookEntry, PracticePage, Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna(make_user, make_organisation):
    return make_user(email="anna@bieb.example", organisation=make_organisation())


def test_the_export_holds_contact_person_logbook_adoption_and_submission(
    make_practice, make_user, anna, client
):
    pilot = make_practice(organisation=anna.organisation, kind="proeftuin", title="Makerspace")
    make_practice(title="Niet van Anna", contact_email="iemand@bieb.example")
    services.logbook_add(
        practice=pilot, user=anna, date=pilot.first_published_at.date(), text="Log"
    )
    services.adoption_create(
        practice=make_practice(title="Elders", contact_email="elders@bieb.example"),
        user=anna,
        how_it_went="Ging goed",
    )
    services.submission_start(user=anna)

    client.force_login(anna)
    data = client.get("/account/gegevens/").json()

    (contact,) = data["contactpersoon van"]
    assert contact == {
        "praktijkvoorbeeld": "Makerspace",
        "naam": "Anna de Vries",
        "e-mailadres": "anna@bieb.example",
        "telefoon": "",
    }
    assert data["logboekberichten"][0]["tekst"] == "Log"
    assert data["overnames"][0]["hoe het ging"] == "Ging goed"
    assert len(data["inzendingen"]) == 1


def test_deleting_the_account_removes_the_contact_person_everywhere(make_practice, anna, client):
    practice = make_practice(
        organisation=anna.organisation, kind="proeftuin", contact_phone="050 123 45 67"
    )
    other = make_practice(contact_name="Bert", contact_email="bert@bieb.example")
    services.logbook_add(
        practice=practice, user=anna, date=practice.first_published_at.date(), text="Log"
    )
    submission = Submission.objects.create(
        author=anna,
        organisation=anna.organisation,
        data={"bijlagen": {"contact_name": "Anna", "contact_email": "Anna@Bieb.example"}},
    )

    client.force_login(anna)
    client.post("/account/verwijderen/", {"confirm": "verwijder"})

    practice = PracticePage.objects.get(pk=practice.pk)
    assert (practice.contact_name, practice.contact_email, practice.contact_phone) == ("", "", "")
    for revision in practice.revisions.all():
        assert revision.content["contact_name"] == ""
        assert revision.content["contact_email"] == ""
    # publishing the latest revision again does not bring the contact person back
    practice.get_latest_revision().publish()
    assert PracticePage.objects.get(pk=practice.pk).contact_name == ""
    submission.refresh_from_db()
    assert submission.author is None
    assert submission.data["bijlagen"]["contact_email"] == ""
    assert LogbookEntry.objects.get().author is None
    assert PracticePage.objects.get(pk=other.pk).contact_name == "Bert"


def test_an_unconfirmed_address_finds_nothing(make_practice, make_user, client):
    from allauth.account.models import EmailAddress

    member = make_user(email="lid@bieb.example")
    EmailAddress.objects.create(user=member, email="anna@bieb.example", verified=False)
    practice = make_practice()
    client.force_login(member)
    assert client.get("/account/gegevens/").json()["contactpersoon van"] == []
    client.post("/account/verwijderen/", {"confirm": "verwijder"})
    assert PracticePage.objects.get(pk=practice.pk).contact_name == "Anna de Vries"
    assert not Adoption.objects.exists()
