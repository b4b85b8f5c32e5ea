"""Issue 11, finding 1: a member cannot act for another organisation by choosing it on the
profile. The choice is a request; until the office or a regiogids confirms it, it grants
nothing, and the rights of the old organisation end at once."""

import datetime

import pytest

from route2020.practices.models import LogbookEntry, Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def victim(make_organisation, make_practice, make_user):
    """Another library with a private draft, a published practice and a published pilot."""
    organisation = make_organisation("Bibliotheek Delfzijl", province_code="PV20")
    owner = make_user(organisation=organisation)
    draft = Submission.objects.create(
        author=owner,
        organisation=organisation,
        province_id=organisation.province_id,
        data={"basis": {"title": "Geheim plan"}},
    )
    practice = make_practice(organisation=organisation)
    pilot = make_practice(organisation=organisation, kind="proeftuin", status="lopend")
    return {"organisation": organisation, "draft": draft, "practice": practice, "pilot": pilot}


def test_choosing_another_organisation_on_the_profile_grants_nothing(
    client, make_user, victim, home
):
    member = make_user()
    client.force_login(member)
    response = client.post(
        "/account/profiel/",
        {
            "first_name": "Lotte",
            "last_name": "Lid",
            "job_title": "",
            "language": "nl",
            "organisation": victim["organisation"].pk,
        },
    )
    assert response.status_code == 302

    draft = victim["draft"]
    step = f"/praktijkvoorbeelden/inzending/{draft.pk}/basis/"
    assert client.get(step).status_code == 404
    assert client.post(step, {"title": "Overschreven", "summary": "x"}).status_code == 404
    draft.refresh_from_db()
    assert draft.data == {"basis": {"title": "Geheim plan"}}

    edit = client.post(f"/praktijkvoorbeelden/bewerken/{victim['practice'].pk}/")
    assert edit.status_code == 403
    assert not Submission.objects.filter(practice=victim["practice"]).exists()

    logbook = client.post(
        f"/praktijkvoorbeelden/logboek/{victim['pilot'].pk}/",
        {"date": datetime.date.today().isoformat(), "text": "Niet gemodereerde tekst"},
    )
    assert logbook.status_code == 403
    assert not LogbookEntry.objects.exists()

    assert client.get("/praktijkvoorbeelden/nieuw/").status_code == 403
    member.refresh_from_db()
    assert member.organisation_id is None


def test_changing_organisation_ends_the_rights_of_the_old_one_at_once(
    client, make_user, make_organisation, make_practice, home
):
    member = make_user()
    own_pilot = make_practice(organisation=member.organisation, kind="proeftuin", status="lopend")
    client.force_login(member)
    today = datetime.date.today().isoformat()
    url = f"/praktijkvoorbeelden/logboek/{own_pilot.pk}/"
    assert client.post(url, {"date": today, "text": "Week 1"}).status_code == 302

    other = make_organisation()
    client.post(
        "/account/profiel/",
        {"first_name": "A", "last_name": "B", "language": "nl", "organisation": other.pk},
    )
    assert client.post(url, {"date": today, "text": "Week 2"}).status_code == 403
    assert list(LogbookEntry.objects.values_list("text", flat=True)) == ["Week 1"]


def test_once_confirmed_the_member_acts_for_the_new_organisation(
    client, make_user, victim, home, mailoutbox
):
    from route2020.core import services

    member = make_user()
    guide = make_user(role="Regiogids", provinces=["PV20"])
    request = services.membership_request(user=member, organisation=victim["organisation"])
    services.membership_confirm(membership_request=request, user=guide)
    client.force_login(member)
    step = f"/praktijkvoorbeelden/inzending/{victim['draft'].pk}/basis/"
    assert client.get(step).status_code == 200


def test_a_guide_cannot_read_a_draft_that_was_not_submitted(client, make_user, victim, home):
    """Issue 11, finding 12: the review page respects the submission's state."""
    guide = make_user(role="Regiogids", provinces=["PV20"])
    client.force_login(guide)
    draft = victim["draft"]
    assert client.get(f"/praktijkvoorbeelden/beoordelen/{draft.pk}/").status_code == 404
    draft.state = Submission.State.RETURNED
    draft.save()
    assert client.get(f"/praktijkvoorbeelden/beoordelen/{draft.pk}/").status_code == 404
