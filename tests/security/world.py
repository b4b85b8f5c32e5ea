"""A small site with one of everything the security tests need, and a person per role.

Organisation A (Utrecht) and B (Gelderland); a member of each; a regiogids of Utrecht (in
A's province) and of Gelderland (out of it); the redactie; a beheerder (superuser). Content:
a draft and a submitted practice of A, a published practice and pilot of A, an event with a
registration, a Reisflitsen subscriber, a pending membership request for A, a page behind a
"signed-in people" view restriction, a public document. Since the apps of November: a
question of A (answered by B) and one for A to mark solved, a campaign with a period open for
sign-up, a visit and a draft Reisadvies of the Utrecht regiogids and a published Reisadvies, a
group page with a members-only and a public document, and A's unsubscribe link for mail.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from wagtail.models import Collection

from route2020.core import roles
from route2020.core.pages import child
from route2020.core.tests.factories import make_home, make_organisation, make_user

ROLES = ("bezoeker", "lid-a", "lid-b", "gids-in", "gids-uit", "redactie", "beheerder")


@dataclass
class World:
    home: object
    people: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)

    def client(self, role):
        client = Client(HTTP_SEC_FETCH_SITE="same-origin")
        if self.people.get(role) is not None:
            client.force_login(self.people[role])
        return client

    def __getattr__(self, name):
        try:
            return self.objects[name]
        except KeyError:
            raise AttributeError(name) from None


def build():
    from wagtail.documents import get_document_model
    from wagtail.models import PageViewRestriction

    from route2020.core.models import ContentPage, MembershipRequest
    from route2020.events import services as event_services
    from route2020.events.models import EventIndexPage, EventPage
    from route2020.newsletter import links
    from route2020.newsletter.models import NewsletterIndexPage, Subscriber
    from route2020.practices.models import (
        PracticeIndexPage,
        PracticePage,
        PracticeStep,
        Submission,
    )
    from route2020.surveys.models import Audience, Question, SurveyIndexPage, SurveyPage
    from route2020.themes.models import ThemeIndexPage, ThemePage

    home = make_home()
    world = World(home=home)
    org_a = make_organisation("Bibliotheek Utrecht", province_code="PV26")
    org_b = make_organisation("Bibliotheek Arnhem", province_code="PV25")
    world.people = {
        "bezoeker": None,
        "lid-a": make_user(organisation=org_a, first_name="Anna", last_name="Aalders"),
        "lid-b": make_user(organisation=org_b, first_name="Bram", last_name="Bos"),
        "gids-in": make_user(role=roles.GUIDE, provinces=["PV26"]),
        "gids-uit": make_user(role=roles.GUIDE, provinces=["PV25"]),
        "redactie": make_user(role=roles.EDITOR),
        "beheerder": make_user(role=None, is_superuser=True, is_staff=True),
    }
    themes = child(home, ThemeIndexPage, "themas", title="Thema's")
    theme = child(themes, ThemePage, "leesbevordering", title="Leesbevordering", number=1)
    practices = child(home, PracticeIndexPage, "praktijkvoorbeelden", title="Praktijkvoorbeelden")

    def practice(slug, **fields):
        values = {
            "title": slug.replace("-", " ").capitalize(),
            "slug": slug,
            "organisation": org_a,
            "summary": "Ouders en peuters ontbijten in de bibliotheek en lezen samen voor.",
            "status": "lopend",
            "kind": "praktijkvoorbeeld",
            "contact_name": "Anna Aalders",
            "contact_email": "anna@bieb.example",
            **fields,
        }
        page = PracticePage(**values)
        page.themes = [theme]
        page.steps = [PracticeStep(title="Scholen benaderen", description="Bel de directeur.")]
        practices.add_child(instance=page)
        page.save_revision().publish()
        return PracticePage.objects.get(pk=page.pk)

    published = practice("voorleesontbijt")
    pilot = practice("leesclub-proeftuin", kind="proeftuin")
    member_a = world.people["lid-a"]
    draft = Submission.objects.create(
        author=member_a,
        organisation=org_a,
        province_id=org_a.province_id,
        data={"basis": {"title": "Geheim plan"}},
    )
    submitted = Submission.objects.create(
        author=member_a,
        organisation=org_a,
        province_id=org_a.province_id,
        data={"basis": {"title": "Ingediend plan"}},
        state=Submission.State.SUBMITTED,
        submitted_at=timezone.now(),
    )
    events = child(home, EventIndexPage, "bijeenkomsten", title="Bijeenkomsten")
    start = timezone.now() + timedelta(days=10)
    event = child(
        events,
        EventPage,
        "inspiratiedag",
        title="Inspiratiedag",
        start=start,
        end=start + timedelta(hours=4),
        venue_name="Cultura",
        venue_address="Molenstraat 45, Ede",
    )
    registration = event_services.registration_create(
        event=event,
        user=None,
        name="Vera Bezoeker",
        email="vera@example.org",
        organisation_name="",
        sessions=[],
    )
    newsletter = child(home, NewsletterIndexPage, "reisflitsen", title="Reisflitsen")
    subscriber = Subscriber.objects.create(
        email="abonnee@example.org", status=Subscriber.Status.CONFIRMED
    )
    newcomer = make_user(role=None)
    membership = MembershipRequest.objects.create(user=newcomer, organisation=org_a)
    private = child(home, ContentPage, "alleen-leden", title="Alleen voor leden")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    unpublished = child(home, ContentPage, "nog-niet-klaar", title="Nog niet klaar")
    unpublished.unpublish()
    surveys = child(home, SurveyIndexPage, "enquetes", title="Enquêtes")
    survey = SurveyPage(
        title="Ledenpeiling",
        slug="ledenpeiling",
        opens_at=timezone.now() - timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=30),
        audience=Audience.MEMBERS,
        anonymous=False,
    )
    survey.questions.add(
        Question(kind=Question.Kind.TEXT, text="Wat wil je kwijt?", required=False)
    )
    surveys.add_child(instance=survey)
    survey.save_revision().publish()
    # A transactional test before this one (xdist mixes modules) may have flushed the root
    # collection that the migrations made.
    Collection.get_first_root_node() or Collection.add_root(name="Root")
    document = get_document_model().objects.create(
        title="Jaarplan", file=ContentFile(b"%PDF-1.4\n1 0 obj\n%%EOF\n", name="jaarplan.pdf")
    )
    world.objects = {}
    _november_apps(world, home, theme, org_a)
    world.objects |= {
        "org_a": org_a,
        "org_b": org_b,
        "theme": theme,
        "practices": practices,
        "published": published,
        "pilot": pilot,
        "draft": draft,
        "submitted": submitted,
        "event": event,
        "registration": registration,
        "registration_token": registration.signed_token(),
        "newsletter": newsletter,
        "subscriber": subscriber,
        "preferences_token": links.personal_url(subscriber, links.PREFERENCES)
        .rstrip("/")
        .split("/")[-1],
        "membership": membership,
        "private": private,
        "unpublished": unpublished,
        "surveys": surveys,
        "survey": SurveyPage.objects.get(pk=survey.pk),
        "document": document,
    }
    return world


def _november_apps(world, home, theme, org_a):
    """Questions, campaign, guides, groups, notifications (the apps merged in November)."""
    import datetime
    from decimal import Decimal

    from wagtail.documents import get_document_model

    from route2020.campaign.models import CampaignPage, CampaignPeriodPage
    from route2020.groups import services as group_services
    from route2020.groups.models import GroupDocument, GroupPage
    from route2020.guides.models import ReisadviesIndexPage, ReisadviesPage, Visit
    from route2020.notifications import links as notification_links
    from route2020.notifications.models import Kind
    from route2020.questions import services as question_services
    from route2020.questions.models import QuestionIndexPage

    member_a, member_b = world.people["lid-a"], world.people["lid-b"]
    child(home, QuestionIndexPage, "vragen", title="Vragen")

    def ask(title):
        return question_services.question_ask(
            user=member_a, title=title, body="We zoeken ervaring en partners.", themes=[theme]
        )

    question = ask("We willen een taalcafé starten: wie heeft dat gedaan?")
    to_solve = ask("Hoe organiseer je een voorleesontbijt met scholen?")
    answer = question_services.answer_create(
        question=question, user=member_b, text="Wij doen het sinds 2015, bel ons gerust."
    )
    campaign = CampaignPage(title="De Bibliotheek maakt je rijker", slug="campagne")
    home.add_child(instance=campaign)
    campaign.save_revision().publish()
    today = timezone.localdate()
    period = CampaignPeriodPage(
        title="Glansrijk",
        slug="glansrijk",
        starts_on=today - timedelta(days=7),
        ends_on=today + timedelta(days=30),
        target_group="Eindexamenkandidaten",
        message="Haal je examen met de Bibliotheek.",
        media_budget=Decimal("85000"),
    )
    campaign.add_child(instance=period)
    period.save_revision().publish()

    guide = world.people["gids-in"]
    visit = Visit.objects.create(
        guide=guide,
        organisation=org_a,
        visited_on=datetime.date(2016, 5, 3),
        findings="Starters werken in de bibliotheek en geven workshops terug.",
    )
    advice_index = child(home, ReisadviesIndexPage, "reisadvies", title="Reisadvies")

    def advice(slug, author, live):
        page = ReisadviesPage(
            title=f"Reisadvies {slug}",
            slug=slug,
            intro="Wat de regiogidsen zagen, en wat zij aanraden.",
            date=datetime.date(2016, 7, 14),
            author=author,
            recommendations=[
                (
                    "recommendation",
                    {
                        "heading": "Start een proeftuin met ondernemers",
                        "text": "Deel wat mislukte.",
                        "practices": [],
                        "pilots": ["Proeftuin Utrecht"],
                    },
                )
            ],
        )
        advice_index.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        else:
            page.unpublish()
        return ReisadviesPage.objects.get(pk=page.pk)

    documents = get_document_model().objects
    secret = documents.create(
        title="Verslag klankbordgroep",
        file=ContentFile(b"Alleen voor leden.", name="verslag-klankbordgroep.txt"),
    )
    open_document = documents.create(
        title="Werkwijze klankbordgroep",
        file=ContentFile(b"Openbaar.", name="werkwijze-klankbordgroep.txt"),
    )
    group = GroupPage(title="Klankbordgroep Route 2020", slug="klankbordgroep")
    group.documents.add(GroupDocument(document=secret, members_only=True))
    group.documents.add(GroupDocument(document=open_document, members_only=False))
    home.add_child(instance=group)
    group.save_revision().publish()
    group_services.documents_sync(page=group)
    secret.refresh_from_db()
    world.objects |= {
        "question": question,
        "question_to_solve": to_solve,
        "answer": answer,
        "campaign": CampaignPage.objects.get(pk=campaign.pk),
        "period": period,
        "visit": visit,
        "advice_draft": advice("concept-utrecht", guide, live=False),
        "advice": advice("reisadvies-2016", None, live=True),
        "group": GroupPage.objects.get(pk=group.pk),
        "members_only_document": secret,
        "group_document": open_document,
        "unsubscribe_token": notification_links.token(member_a, Kind.QUESTIONS.value),
    }
