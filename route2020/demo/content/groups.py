"""The klankbordgroep, campagneteam and marketingteam, below "Over Route 2020", with their
meetings (events from the events demo), documents and the klankbordgroep's advice on the
draft action plans, with the board's response.

Loaded after the events and agenda demos (INSTALLED_APPS order), so the meetings and plans
exist. Members-only documents go through the groups app's own rule (groups/services.py).
"""

from datetime import date

from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Collection

from route2020.agenda.models import ActionPlanPage
from route2020.core.models import Organisation
from route2020.core.pages import publish
from route2020.events.models import EventPage
from route2020.groups import services
from route2020.groups.models import Advice, GroupDocument, GroupMeeting, GroupMember, GroupPage

from .. import seed
from .core import home_page

SEED = True

# Meetings per group: event slugs from the events demo.
MEETINGS = {"klankbordgroep": ["klankbordgroep-28-april-2016"]}

# Documents per group: (title, text, members only).
DOCUMENTS = {
    "klankbordgroep": [
        (
            "Samenstelling en werkwijze Klankbordgroep Route 2020",
            "De klankbordgroep adviseert het bestuur van de VOB over de actieplannen van Route "
            "2020. Acht directeuren van bibliotheken en partners komen een paar keer per jaar "
            "bijeen; hun advies en de reactie van het bestuur worden gepubliceerd.",
            False,
        ),
        (
            "Verslag klankbordgroep 28 april 2016",
            "Verslag van de eerste bijeenkomst van de Klankbordgroep Route2020 op 28 april 2016. "
            "Besproken: de conceptactieplannen per thema, de rol van de regiogidsen en de "
            "campagne. Alleen voor leden.",
            True,
        ),
    ],
    "campagneteam": [
        (
            "Briefing Glansrijk-campagne mei 2017",
            "Briefing van het campagneteam aan Trendsactive voor de campagneperiode Glansrijk, "
            "gericht op eindexamenkandidaten. Alleen voor leden.",
            True,
        ),
    ],
}

# The klankbordgroep's advice on draft plans: (theme slug, given on, advice, response,
# responded on, why).
ADVICE = [
    (
        "collectieve-marketing",
        date(2016, 4, 28),
        "Kies één landelijke campagne die elke bibliotheek lokaal kan gebruiken, in plaats van "
        "losse acties per provincie. Laat bibliotheken zelf kiezen aan welke periodes ze "
        "meedoen, en zorg dat het materiaal klaarstaat vóór de periode begint.",
        Advice.Response.FOLLOWED,
        date(2016, 6, 9),
        "Het bestuur neemt het advies over: Trendsactive maakt één campagne, 'de Bibliotheek "
        "maakt je rijker', in periodes waarvoor bibliotheken zich aanmelden.",
    ),
    (
        "persoonlijke-ontwikkeling",
        date(2016, 4, 28),
        "Begin met proeftuinen in een paar regio's en verbreed pas als de resultaten bekend "
        "zijn. Reserveer daarnaast budget voor het delen van ervaringen op "
        "PleisterPlaatsOntmoetingen.",
        Advice.Response.PARTLY,
        date(2016, 6, 9),
        "De proeftuinen komen er, op basis van het Reisadvies van de regiogidsen. Een apart "
        "budget voor het delen van ervaringen komt er niet: de PleisterPlaatsOntmoetingen "
        "vallen onder het budget van het programma.",
    ),
    (
        "maatschappelijk-ondernemerschap",
        date(2016, 9, 15),
        "Stel een vast percentage van het budget verplicht voor samenwerking met lokale "
        "ondernemers.",
        Advice.Response.NOT_FOLLOWED,
        date(2016, 12, 8),
        "Het bestuur kiest er niet voor: bibliotheken verschillen te veel in omvang en "
        "omgeving. Het plan noemt samenwerking met ondernemers wel als doel, met voorbeelden.",
    ),
]


def document(title, text):
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    new = Document(title=title, collection=root)
    slug = title.lower().replace(" ", "-")
    new.file.save(f"{slug}.txt", ContentFile(text.encode()), save=False)
    new.save()
    return new


def add_meetings_documents_and_advice(group):
    changed = False
    if not group.meetings.exists():
        for event in EventPage.objects.filter(slug__in=MEETINGS.get(group.slug, [])):
            group.meetings.add(GroupMeeting(event=event))
            changed = True
    if not group.documents.exists():
        for title, text, members_only in DOCUMENTS.get(group.slug, []):
            group.documents.add(
                GroupDocument(document=document(title, text), members_only=members_only)
            )
            changed = True
    if group.slug == "klankbordgroep" and not group.advice.exists():
        for theme_slug, given_on, text, response, responded_on, why in ADVICE:
            plan = ActionPlanPage.objects.filter(url_path__contains=f"/{theme_slug}/").first()
            if plan is None:
                continue
            group.advice.add(
                Advice(
                    plan=plan,
                    given_on=given_on,
                    text=text,
                    response=response,
                    responded_on=responded_on,
                    explanation=why,
                )
            )
            changed = True
    if changed:
        publish(group)
        services.documents_sync(page=group)


def load(stdout):
    about = home_page().get_children().get(slug="over-route-2020")
    organisations = {organisation.name: organisation for organisation in Organisation.objects.all()}
    for slug, title, intro, members in seed.GROUPS:
        group = about.get_children().filter(slug=slug).specific().first()
        if group is None:
            group = GroupPage(title=title, slug=slug, intro=intro)
            for name, job_title, organisation_name, group_role in members:
                group.members.add(
                    GroupMember(
                        name=name,
                        job_title=job_title,
                        organisation=organisations.get(organisation_name),
                        group_role=group_role,
                    )
                )
            about.add_child(instance=group)
            publish(group)
        add_meetings_documents_and_advice(group)
