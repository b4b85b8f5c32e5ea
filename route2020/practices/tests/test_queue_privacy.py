import pytest

from route2020.practices import services
from route2020.practices.models import Adoption, LogbookEntry, Submission
from route2020.practices.privacy import export

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [5, 50])
def test_guide_queue_has_fixed_query_count(
    client, make_user, make_organisation, count, django_assert_max_num_queries
):
    guide = make_user(role="Regiogids", organisation=None, provinces=("PV23",))
    organisation = make_organisation(province_code="PV23")
    elsewhere = make_organisation(province_code="PV20")
    Submission.objects.bulk_create(
        Submission(
            organisation=organisation if number % 5 else elsewhere,
            province_id=(organisation if number % 5 else elsewhere).province_id,
            state="ingediend",
            data={"basis": {"title": f"Inzending {number}"}},
        )
        for number in range(count)
    )
    client.force_login(guide)
    client.get("/praktijkvoorbeelden/beoordelen/")
    with django_assert_max_num_queries(12):
        response = client.get("/praktijkvoorbeelden/beoordelen/")
    html = response.content.decode()
    assert "Inzending 1<" in html
    assert "Inzending 0<" not in html  # another province


def test_members_cannot_open_the_queue(client, make_user):
    client.force_login(make_user())
    assert client.get("/praktijkvoorbeelden/beoordelen/").status_code == 403


def test_privacy_export_and_deleting_a_user(make_practice, make_user, make_organisation):
    organisation = make_organisation()
    pilot = make_practice(organisation=organisation, kind="proeftuin")
    member = make_user(organisation=organisation)
    other = make_user()
    services.logbook_add(
        practice=pilot, user=member, date=pilot.first_published_at.date(), text="Log"
    )
    services.adoption_create(practice=pilot, user=other, how_it_went="Ging goed")
    submission = services.submission_start(user=member)
    data = export(member)
    assert data["logboekberichten"][0]["tekst"] == "Log"
    assert len(data["inzendingen"]) == 1
    assert export(other)["overnames"][0]["hoe het ging"] == "Ging goed"
    member.delete()
    other.delete()
    assert LogbookEntry.objects.get().author is None
    assert Adoption.objects.get().user is None
    submission.refresh_from_db()
    assert submission.author is None


@pytest.mark.parametrize("count", [5, 50])
def test_spread_map_query_count(
    client,
    settings,
    practice_index,
    themes,
    make_organisation,
    make_user,
    count,
    django_assert_num_queries,
):
    from route2020.demo.generate_practices import create_practices
    from route2020.practices.models import PracticePage

    origin = make_organisation(province_code="PV23", latitude=52.5, longitude=6.1)
    create_practices(practice_index, count, themes=themes, organisations=[origin])
    adopters = [make_organisation(province_code="PV27") for _ in range(3)]
    Adoption.objects.bulk_create(
        Adoption(practice=practice, organisation=adopters[n % 3], how_it_went="x")
        for n, practice in enumerate(PracticePage.objects.all())
    )
    client.get("/praktijkvoorbeelden/verspreiding/")
    # The second view past the page cache (a query string no page reads no longer does).
    settings.PAGE_CACHE_ENABLED = False
    with django_assert_num_queries(4):
        response = client.get("/praktijkvoorbeelden/verspreiding/")
    assert response.content.decode().count("<line") == count


def test_guide_finds_the_queue_in_the_cms_menu(client, make_user, home):
    client.force_login(make_user(role="Regiogids", organisation=None, provinces=("PV23",)))
    response = client.get("/beheer/")
    assert response.status_code == 200
    assert "/praktijkvoorbeelden/beoordelen/" in response.content.decode()
