"""Group pages: members, meetings, documents (members-only ones private), the advice register."""

import re
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import Collection

from route2020.agenda.tests.factories import make_event, make_index_pages, make_plan, make_themes
from route2020.core.tests.factories import make_organisation, make_user
from route2020.groups import services
from route2020.groups.models import Advice, GroupDocument, GroupMeeting, GroupMember, GroupPage

pytestmark = pytest.mark.django_db
SECRET = b"Verslag: vertrouwelijke bespreking van het conceptplan."


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PAGE_CACHE_ENABLED = False


def text_of(html):
    return re.sub(r"\s+", " ", html.replace("\xa0", " "))


def make_document(title, content=b"Openbaar document."):
    return get_document_model().objects.create(
        title=title,
        file=ContentFile(content, name=f"{title.lower().replace(' ', '-')}.txt"),
        collection=Collection.get_first_root_node(),
    )


def make_group(home, *, members=2, documents=(), meetings=(), advice=()):
    group = GroupPage(title="Klankbordgroep Route 2020", slug="klankbordgroep")
    organisation = make_organisation("Stadkamer Zwolle")
    for number in range(members):
        group.members.add(
            GroupMember(name=f"Lid {number}", job_title="directeur", organisation=organisation)
        )
    for document, members_only in documents:
        group.documents.add(GroupDocument(document=document, members_only=members_only))
    for event in meetings:
        group.meetings.add(GroupMeeting(event=event))
    for item in advice:
        group.advice.add(item)
    home.add_child(instance=group)
    group.save_revision().publish()
    services.documents_sync(page=group)
    return GroupPage.objects.get(pk=group.pk)


def fetch(user, url):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(url)


def test_a_members_only_document_is_no_file_for_a_visitor_not_even_by_its_url(home):
    private = make_document("Verslag klankbordgroep", SECRET)
    public = make_document("Werkwijze klankbordgroep")
    group = make_group(home, documents=[(private, True), (public, False)])
    private.refresh_from_db()
    html = text_of(Client().get(group.url).content.decode())
    assert 'Verslag klankbordgroep</a> <span class="r2020-badge">alleen voor leden' in html

    visitor = fetch(None, private.url)
    assert visitor.status_code == 302 and "/account/login/" in visitor["Location"]
    assert SECRET not in b"".join(getattr(visitor, "streaming_content", [visitor.content]))
    # The storage path is never served either.
    assert Client().get(f"/media/{private.file.name}").status_code == 404
    # Signed in without a confirmed organisation: still no file.
    assert fetch(make_user(role=None), private.url).status_code == 404
    # A confirmed member of any member organisation gets it; the public one is for everyone.
    member = make_user(organisation=make_organisation("Bibliotheek Eindhoven", "PV30"))
    response = fetch(member, private.url)
    assert response.status_code == 200 and SECRET in b"".join(response.streaming_content)
    assert fetch(None, public.url).status_code == 200


def test_guides_and_the_office_may_fetch_members_only_documents_a_visitor_may_not(home):
    private = make_document("Verslag klankbordgroep", SECRET)
    make_group(home, documents=[(private, True)])
    private.refresh_from_db()
    guide = make_user(role="Regiogids", provinces=["PV23"])
    response = fetch(guide, private.url)
    assert response.status_code == 200 and SECRET in b"".join(response.streaming_content)
    response = fetch(make_user(role="Redactie"), private.url)
    assert response.status_code == 200
    # A member whose organisation is not confirmed, or a person without a role: nothing.
    unconfirmed = make_user(role=None, organisation=None)
    unconfirmed.groups.add(Group.objects.get(name="Lid"))
    assert fetch(unconfirmed, private.url).status_code == 404
    assert fetch(make_user(role=None), private.url).status_code == 404
    visitor = fetch(None, private.url)
    assert visitor.status_code == 302
    assert SECRET not in b"".join(getattr(visitor, "streaming_content", [visitor.content]))


def test_unmarking_releases_the_document_unless_another_group_keeps_it_for_members(home):
    private = make_document("Verslag", SECRET)
    group = make_group(home, documents=[(private, True)])
    other = GroupPage(title="Campagneteam", slug="campagneteam")
    other.documents.add(GroupDocument(document=private, members_only=True))
    home.add_child(instance=other)
    other.save_revision().publish()

    # Unmarked in the editor's form (not saved to the database, as when saving a draft).
    group.documents = [GroupDocument(document=private, members_only=False)]
    services.documents_sync(page=group)
    assert fetch(None, private.url).status_code == 302  # the campagneteam still keeps it

    GroupDocument.objects.filter(page=other).update(members_only=False)
    GroupDocument.objects.filter(page=group).update(members_only=False)
    services.documents_sync(page=group)
    assert fetch(None, private.url).status_code == 200


def test_advice_with_the_boards_response_on_the_group_page_and_the_plans_page(home):
    themes = make_themes(home)
    plan = make_plan(themes[1][1], title="Actieplan Collectieve marketing 2016–2020")
    events = make_index_pages(home)["events"]
    meeting = make_event(events, themes[1][1], title="Klankbordgroep: eerste bijeenkomst")
    group = make_group(
        home,
        meetings=[meeting],
        advice=[
            Advice(
                plan=plan,
                given_on=date(2016, 4, 28),
                text="Kies één landelijke campagne.",
                response=Advice.Response.PARTLY,
                responded_on=date(2016, 6, 9),
                explanation="Eén campagne, maar zonder apart budget per provincie.",
            )
        ],
    )
    html = text_of(Client().get(group.url).content.decode())
    assert "Klankbordgroep: eerste bijeenkomst</a>" in html
    assert "Advies over Actieplan Collectieve marketing 2016–2020" in html
    assert '<time datetime="2016-04-28">28 april 2016</time>' in html
    assert "<strong>Deels opgevolgd</strong>" in html
    assert "zonder apart budget per provincie" in html
    plan_html = text_of(Client().get(plan.url).content.decode())
    assert "Advies van de Klankbordgroep Route 2020" in plan_html
    assert "<strong>Deels opgevolgd</strong>" in plan_html


def test_the_plans_register_leaves_out_advice_of_an_unpublished_or_private_group(home):
    from wagtail.models import PageViewRestriction

    from route2020.core import cache as page_cache

    themes = make_themes(home)
    plan = make_plan(themes[1][1], title="Actieplan Collectieve marketing 2016–2020")

    def advice(text):
        return Advice(plan=plan, given_on=date(2016, 4, 28), text=text)

    group = make_group(home, advice=[advice("Advies van een gepubliceerde groep.")])
    draft = GroupPage(title="Campagneteam", slug="campagneteam", live=False)
    draft.advice.add(advice("Advies van een concept-groep."))
    home.add_child(instance=draft)
    private = GroupPage(title="Marketingteam", slug="marketingteam")
    private.advice.add(advice("Advies van een afgeschermde groep."))
    home.add_child(instance=private)
    private.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    page_cache.invalidate()
    assert Advice.objects.filter(plan=plan).count() == 3
    html = text_of(Client().get(plan.url).content.decode())
    assert "Advies van een gepubliceerde groep." in html
    assert "concept-groep" not in html and "afgeschermde groep" not in html
    group.unpublish()
    html = text_of(Client().get(plan.url).content.decode())
    assert "Advies van een gepubliceerde groep." not in html


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"response": "deels", "explanation": "Zie verslag."}, "responded_on", "Vul de datum"),
        (
            {"response": "niet", "responded_on": date(2016, 1, 1), "explanation": "Nee."},
            "responded_on",
            "niet reageren voordat het advies er is",
        ),
        ({"response": "opgevolgd", "responded_on": date(2016, 6, 9)}, "explanation", "Leg uit"),
        ({"responded_on": date(2016, 6, 9)}, "response", "Kies hoe"),
    ],
)
def test_an_incomplete_response_gets_a_dutch_message_next_to_its_field(
    home, fields, field, message
):
    plan = make_plan(make_themes(home)[1][1])
    advice = Advice(plan=plan, given_on=date(2016, 4, 28), text="Advies.", **fields)
    with pytest.raises(ValidationError) as error:
        advice.full_clean(exclude=["page"])
    assert message in " ".join(error.value.message_dict[field])


@pytest.mark.parametrize("count", [2, 25])
def test_group_page_runs_a_fixed_number_of_queries(home, count, django_assert_max_num_queries):
    themes = make_themes(home)
    plan = make_plan(themes[1][1])
    events = make_index_pages(home)["events"]
    group = make_group(
        home,
        members=count,
        documents=[(make_document(f"Document {n}"), n % 2 == 0) for n in range(count)],
        meetings=[make_event(events, themes[1][1]) for _ in range(count)],
        advice=[
            Advice(plan=plan, given_on=date(2016, 4, 28), text=f"Advies {n}") for n in range(count)
        ],
    )
    client = Client()
    client.get("/")
    with django_assert_max_num_queries(10):
        html = client.get(group.url).content.decode()
    assert html.count("Het bestuur heeft nog niet gereageerd.") == count


def test_the_sign_in_hint_shows_once_and_only_with_members_only_documents(home):
    hint = "open je na het inloggen"
    group = make_group(home, documents=[(make_document("Werkwijze"), False)])
    assert hint not in Client().get(group.url).content.decode()
    group.delete()
    documents = [(make_document(f"Verslag {n}"), n != 1) for n in range(3)]
    group = make_group(home, documents=documents)
    assert Client().get(group.url).content.decode().count(hint) == 1
