import datetime

import pytest
from django.urls import reverse

from route2020.core import roles
from route2020.guides.models import Visit
from route2020.practices.models import Submission

pytestmark = pytest.mark.django_db

LIST = reverse("guides:visit-list")
CREATE = reverse("guides:visit-create")


def visit_data(library, **changes):
    data = {
        "organisation": library.pk,
        "visited_on": "2016-05-03",
        "findings": "Een ondernemersspreekuur met de KvK, elke dinsdag.",
    }
    data.update(changes)
    return data


def test_a_guide_logs_a_visit_to_a_library_of_their_province(client, guide, library):
    client.force_login(guide)
    response = client.post(CREATE, visit_data(library))
    visit = Visit.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("guides:visit-edit", args=[visit.pk])
    assert (visit.guide, visit.organisation) == (guide, library)
    assert visit.visited_on == datetime.date(2016, 5, 3)
    page = client.get(LIST).content.decode()
    assert "Bibliotheek Deventer" in page and "3 mei 2016" in page


def test_a_forged_library_of_another_province_is_refused_next_to_the_field(
    client, guide, utrecht_library
):
    client.force_login(guide)
    response = client.post(CREATE, visit_data(utrecht_library))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Je kunt alleen bezoeken vastleggen bij bibliotheken in je eigen provincies." in page
    assert 'id="id_organisation_error"' in page
    assert "Een ondernemersspreekuur met de KvK" in page  # what was typed is kept
    assert not Visit.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"visited_on": "2099-01-01"}, "visited_on", "Een bezoek kan niet in de toekomst liggen."),
        ({"visited_on": "31-02-2016"}, "visited_on", "Voer een geldige datum in."),
        ({"findings": ""}, "findings", "Dit is een verplicht veld."),
        ({"organisation": "abc"}, "organisation", "Je kunt alleen bezoeken vastleggen"),
    ],
)
def test_bad_input_gets_a_dutch_error_next_to_the_field_and_saves_nothing(
    client, guide, library, changes, field, message
):
    client.force_login(guide)
    response = client.post(CREATE, visit_data(library, **changes))
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page
    assert message in page
    assert not Visit.objects.exists()


def test_collected_practices_are_those_of_the_visited_library(
    client, guide, library, make_visit, make_practice, make_organisation
):
    own = make_practice(organisation=library)
    elsewhere = make_practice(organisation=make_organisation(province_code="PV23"))
    visit = make_visit()
    client.force_login(guide)
    url = reverse("guides:visit-edit", args=[visit.pk])
    page = client.get(url).content.decode()
    assert own.title in page and elsewhere.title not in page

    data = visit_data(library, findings="Nieuw verslag", practices=[own.pk, elsewhere.pk])
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Kies praktijkvoorbeelden van de bezochte bibliotheek." in response.content.decode()
    visit.refresh_from_db()
    assert visit.findings != "Nieuw verslag" and not visit.practices.exists()

    response = client.post(url, visit_data(library, practices=[own.pk]))
    assert response.status_code == 302
    assert list(visit.practices.all()) == [own]


def test_another_guide_member_and_visitor_cannot_reach_the_visits(
    client, guide, other_guide, make_user, make_visit
):
    visit = make_visit()
    edit = reverse("guides:visit-edit", args=[visit.pk])
    assert client.get(LIST).status_code == 302  # visitor: to the sign-in
    assert "/account/login/" in client.get(edit)["Location"]

    client.force_login(make_user(role=roles.MEMBER))
    assert client.get(LIST).status_code == 403
    assert client.get(CREATE).status_code == 403
    assert client.post(edit, {"findings": "x"}).status_code == 403

    client.force_login(other_guide)
    assert client.get(edit).status_code == 404
    response = client.post(edit, {"organisation": visit.organisation_id, "findings": "gewijzigd"})
    assert response.status_code == 404
    visit.refresh_from_db()
    assert visit.findings != "gewijzigd"
    assert visit.organisation.name not in client.get(LIST).content.decode()


def test_a_guide_submits_a_practice_on_the_librarys_behalf_for_moderation(
    client, guide, other_guide, library, make_visit
):
    visit = make_visit()
    url = reverse("guides:visit-submit-practice", args=[visit.pk])

    client.force_login(other_guide)
    assert client.post(url).status_code == 404
    assert not Submission.objects.exists()

    client.force_login(guide)
    assert client.get(url).status_code == 405
    response = client.post(url)
    submission = Submission.objects.get()
    assert (submission.organisation, submission.author) == (library, guide)
    assert submission.province_id == library.province_id
    assert submission.state == Submission.State.DRAFT
    assert list(visit.submissions.all()) == [submission]
    # The practices app's own steps, preview and moderation from here on.
    assert response["Location"] == reverse(
        "practices:submission-step", args=[submission.pk, "basis"]
    )
    assert client.get(response["Location"]).status_code == 200
    client.force_login(other_guide)
    assert client.get(response["Location"]).status_code == 404


def test_the_practices_service_refuses_a_library_outside_the_guides_provinces(
    guide, utrecht_library
):
    from django.core.exceptions import PermissionDenied

    from route2020.practices import services

    with pytest.raises(PermissionDenied):
        services.submission_start(user=guide, organisation=utrecht_library)
    assert not Submission.objects.exists()


@pytest.mark.parametrize("count", [2, 30])
def test_the_visit_list_costs_a_fixed_number_of_queries(
    client, guide, library, make_visit, make_practice, count, django_assert_max_num_queries
):
    practices = [make_practice(organisation=library) for _ in range(2)]
    for _ in range(count):
        make_visit(practices=practices)
    client.force_login(guide)
    client.get(LIST)  # warm the session and the site's caches
    with django_assert_max_num_queries(10):
        response = client.get(LIST)
    assert response.status_code == 200
    assert response.content.decode().count("Bibliotheek Deventer") == min(count, 25)


def test_privacy_export_holds_the_guides_visits_and_deletion_keeps_them_without_the_guide(
    guide, make_visit
):
    from route2020.core.services import user_delete
    from route2020.guides.privacy import export

    visit = make_visit()
    data = export(guide)
    assert data["bezoeken"][0]["bibliotheek"] == "Bibliotheek Deventer"
    user_delete(user=guide)
    visit.refresh_from_db()
    assert visit.guide is None


def test_a_practice_submitted_on_behalf_goes_to_another_moderator(
    client,
    guide,
    make_user,
    library,
    make_visit,
    themes,
    practice_index,
    django_capture_on_commit_callbacks,
):
    """The guide fills in the practices app's steps and submits; a second guide of the
    province is asked to review it and publishes it; the author guide may not approve it."""
    from django.core import mail

    from route2020.practices.tests.test_submission import fill_all

    colleague = make_user(role=roles.GUIDE, provinces=["PV23"], email="collega@example.org")
    visit = make_visit()
    client.force_login(guide)
    client.post(reverse("guides:visit-submit-practice", args=[visit.pk]))
    submission = Submission.objects.get()
    fill_all(client, submission, themes)
    preview = f"/praktijkvoorbeelden/inzending/{submission.pk}/voorbeeld/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(preview)
    submission.refresh_from_db()
    assert submission.state == Submission.State.SUBMITTED
    assert [message.to for message in mail.outbox] == [["collega@example.org"]]
    review = f"/praktijkvoorbeelden/beoordelen/{submission.pk}/"
    assert (
        "Taalcafé op zaterdag"
        not in client.get("/praktijkvoorbeelden/beoordelen/").content.decode()
    )
    assert client.post(review, {"publiceren": "1"}).status_code == 403

    client.force_login(colleague)
    assert client.post(review, {"publiceren": "1"}).status_code == 302
    submission.refresh_from_db()
    assert submission.state == Submission.State.PUBLISHED
    assert submission.practice.live and submission.practice.organisation == library


def test_the_office_ticks_the_practices_of_the_visited_library_in_the_cms(
    client, make_user, make_visit, make_practice, library, utrecht_library
):
    own = make_practice(organisation=library, title="Starters in de bibliotheek")
    other = make_practice(organisation=utrecht_library, title="Makerspace Utrecht")
    visit = make_visit()
    client.force_login(make_user(role=roles.EDITOR))
    url = f"/beheer/snippets/guides/visit/edit/{visit.pk}/"
    html = client.get(url).content.decode()
    assert 'type="checkbox" name="practices"' in html
    assert "Starters in de bibliotheek" in html and "Makerspace Utrecht" not in html
    data = {
        "guide": str(visit.guide_id),
        "organisation": str(library.pk),
        "visited_on": "2016-05-03",
        "findings": visit.findings,
        "practices": [str(other.pk)],
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Kies praktijkvoorbeelden van de bezochte bibliotheek." in response.content.decode()
    assert not visit.practices.exists()
    data["practices"] = [str(own.pk)]
    assert client.post(url, data).status_code == 302
    assert list(visit.practices.all()) == [own]


@pytest.mark.parametrize("organisation", ["9" * 30, ""])
def test_a_forged_library_on_the_cms_visit_form_is_refused_not_a_500(
    client, make_user, make_visit, organisation
):
    visit = make_visit()
    client.force_login(make_user(role=roles.EDITOR))
    url = f"/beheer/snippets/guides/visit/edit/{visit.pk}/"
    data = {
        "guide": str(visit.guide_id),
        "organisation": organisation,
        "visited_on": "2016-05-03",
        "findings": "Wat we zagen",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Wat we zagen" in response.content.decode()
    visit.refresh_from_db()
    assert visit.findings != "Wat we zagen"
