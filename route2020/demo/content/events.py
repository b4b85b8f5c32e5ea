"""Demo events: the seed's gatherings (2015–2017) and generated upcoming ones in the provinces.

Each event is looked up by slug first, so running the demo twice creates nothing twice.
"""

from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from route2020.core.models import Organisation, Province, User
from route2020.core.pages import child, publish
from route2020.events.models import (
    AMSTERDAM,
    Audience,
    EventIndexPage,
    EventPage,
    EventType,
    Registration,
    Session,
)

from .core import home_page

MENU = {"bijeenkomsten": 20}
Status = Registration.Status


def at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=AMSTERDAM)


def paragraphs(*texts):
    return [("paragraph", "".join(f"<p>{escape(text)}</p>" for text in texts))]


def organisation(name):
    return Organisation.objects.filter(name=name).first()


def province(code):
    return Province.objects.filter(code=code).first()


def themes(*slugs):
    from route2020.themes.models import ThemePage

    return list(ThemePage.objects.filter(slug__in=slugs))


def practice_pages():
    """Parels and other practices when the practice exchange is installed, else nothing."""
    try:
        PracticePage = apps.get_model("practices", "PracticePage")
    except LookupError:
        return [], []
    live = PracticePage.objects.live().order_by("path")
    return list(live.filter(is_parel=True)[:8]), list(live.filter(is_parel=False)[:15])


def event(index, slug, sessions=(), practices=None, **fields):
    existing = EventPage.objects.child_of(index).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    theme_pages = fields.pop("themes", [])
    page = EventPage(slug=slug, **fields)
    page.themes = theme_pages
    for number, values in enumerate(sessions):
        linked = values.pop("practices", [])
        session = Session(sort_order=number, **values)
        session.practices = linked
        page.sessions.add(session)
    index.add_child(instance=page)
    publish(page)
    return EventPage.objects.get(pk=page.pk), True


def national_gathering_sessions(day):
    parels, others = practice_pages()
    sessions = [
        {
            "title": "Opening en dialoog met Prinses Laurentien",
            "kind": Session.Kind.PLENARY,
            "start": at(day, 10),
            "end": at(day, 11),
            "room": "Theaterzaal",
            "presenters": "Prinses Laurentien, erevoorzitter VOB",
            "description": "“Innovatie is niet delen wat je weet, maar vooral delen wat je "
            "niet weet.”",
        }
    ]
    parel_titles = [page.title for page in parels] or [f"Parel {n}" for n in range(1, 9)]
    for number, title in enumerate(parel_titles[:8]):
        round_start = at(day, 11, 15) if number < 4 else at(day, 13)
        sessions.append(
            {
                "title": f"Parel: {title}",
                "kind": Session.Kind.SHOWCASE,
                "start": round_start,
                "end": round_start + timedelta(minutes=45),
                "room": f"Zaal {number % 4 + 1}",
                "capacity": 40,
                "presenters": parels[number].organisation.name
                if number < len(parels) and parels[number].organisation_id
                else "",
                "practices": [parels[number]] if number < len(parels) else [],
            }
        )
    other_titles = [page.title for page in others] or [
        f"Deel-je-rijk-sessie {n}" for n in range(1, 16)
    ]
    for number, title in enumerate(other_titles[:15]):
        round_start = at(day, 14) if number < 8 else at(day, 15)
        sessions.append(
            {
                "title": title,
                "kind": Session.Kind.SHARING,
                "start": round_start,
                "end": round_start + timedelta(minutes=45),
                "room": f"Ronde tafel {number % 8 + 1}",
                "capacity": 15,
                "practices": [others[number]] if number < len(others) else [],
            }
        )
    return sessions


# The PleisterPlaatsOntmoetingen of the 2016 verkenning, each with what was on its programme.
MEETUPS_2016 = [
    ("PV21", "Bibliotheek Drachten", "Drachten", date(2016, 5, 19),
     "Bibliotheek Drachten laat zien hoe ze met de gemeente Smallingerland een "
     "leesoffensief voor de hele gemeente opzette. Regiogids Noor Noordhuis vertelt wat ze in "
     "Friesland, Groningen en Drenthe tegenkwam, en daarna praten we in drie tafels verder."),
    ("PV23", "Stadkamer Zwolle", "Zwolle", date(2016, 5, 26),
     "In de Stadkamer, waar bibliotheek, kunst en cultuur samen in één gebouw zitten, gaat "
     "het over de bibliotheek als onderdeel van een bredere organisatie: wat levert het op, "
     "en wat lever je in? Met een rondleiding door het Taalhuis."),
    ("PV26", "Bibliotheek Z-O-U-T", "Houten", date(2016, 6, 2),
     "Hoe verdien je als bibliotheek mee aan je eigen vernieuwing? Bibliotheek Z-O-U-T "
     "vertelt over zaalverhuur, betaalde cursussen en het Digitaal Hulpplein met de gemeente "
     "Houten. Neem je eigen begroting in gedachten mee."),
    ("PV30", "Bibliotheek Eindhoven", "Eindhoven", date(2016, 6, 9),
     "Bibliotheek Eindhoven opende een Ondernemersplein met de Kamer van Koophandel. We "
     "bekijken hoe dat is opgezet, wie er komen en wat de bibliotheek eraan heeft, en "
     "verkennen hoe je ondernemers in je eigen werkgebied bereikt."),
    ("PV31", "De Domijnen Sittard-Geleen", "Sittard", date(2016, 6, 16),
     "De Domijnen brengt bibliotheek, archief, museum en muziekschool samen. Na een bezoek "
     "aan het FabLab praten we over samenwerken met het onderwijs in Limburg: wat werkte, en "
     "welke afspraken liepen vast."),
]  # fmt: skip


def seed_events(index):
    vob = organisation("Vereniging van Openbare Bibliotheken")
    created = 0
    _, new = event(
        index,
        "alv-10-december-2015",
        title="Algemene ledenvergadering 10 december 2015",
        event_type=EventType.ASSEMBLY,
        audience=Audience.MEMBERS,
        start=at(date(2015, 12, 10), 13),
        end=at(date(2015, 12, 10), 17),
        organiser=vob,
        intro="De leden besluiten over de actieplannen van Route 2020 en de financiële middelen "
        "daarvoor in de begroting 2016.",
        body=paragraphs(
            "Het plan van aanpak ‘Route 2020: het startschot’ is een handreiking waarmee we snel "
            "tot meer concrete actieplannen kunnen komen, zodat deze plannen kunnen worden "
            "voorgelegd aan de leden op de alv van 10 december.",
            "Het bestuur stelt op basis van deze actieplannen bij de begroting 2016 financiële "
            "middelen beschikbaar voor Route 2020. Dit wordt ter besluitvorming aan de algemene "
            "ledenvergadering voorgelegd.",
        ),
        report=paragraphs(
            "De leden stemden in met de actieplannen van Route 2020 en met de middelen ervoor "
            "in de begroting 2016. De vijf thema's worden in 2016 uitgewerkt, samen met de "
            "leden en de klankbordgroep."
        ),
        themes=themes(
            "persoonlijke-ontwikkeling",
            "maatschappelijk-domein",
            "multifunctionele-organisaties",
            "maatschappelijk-ondernemerschap",
            "collectieve-marketing",
        ),
    )
    created += new
    _, new = event(
        index,
        "klankbordgroep-28-april-2016",
        title="Klankbordgroep Route 2020: eerste bijeenkomst",
        event_type=EventType.SOUNDING_BOARD,
        audience=Audience.MEMBERS,
        registration_enabled=False,
        start=at(date(2016, 4, 28), 10),
        end=at(date(2016, 4, 28), 13),
        organiser=vob,
        intro="Op 28 april 2016 komt de Klankbordgroep Route2020 voor de eerste keer bijeen.",
        body=paragraphs(
            "Deelnemers: Ans Mebelder (Kulturhus Haaksbergen), Mariet Wolterbeek (Bibliotheek "
            "Z-O-U-T), Tom de Rooij (De Domijnen Sittard-Geleen), Albert Kivits (Bibliotheek "
            "Eindhoven), René Leermakers (NBD Biblion), Astrid Vrolijk (Stadkamer Zwolle), "
            "Karin Meijerman (Bibliotheek Drachten) en Wieb Broekhuijsen (Bibliotheek "
            "West-Achterhoek)."
        ),
        report=paragraphs(
            "De klankbordgroep besprak de verkenning die de regiogidsen in april, mei en juni "
            "doen en de opzet van de PleisterPlaatsOntmoetingen. Ze vroeg om ook de mislukte "
            "projecten op te halen: daar leren bibliotheken het meest van."
        ),
    )
    created += new
    for code, host, town, day, text in MEETUPS_2016:
        _, new = event(
            index,
            f"pleisterplaatsontmoeting-{town.lower()}-2016",
            title=f"PleisterPlaatsOntmoeting {town}",
            event_type=EventType.REGIONAL,
            start=at(day, 15),
            end=at(day, 18),
            venue_name=host,
            province=province(code),
            organiser=organisation(host),
            capacity=40,
            intro=f"Een middag in {town} om praktijkvoorbeelden over ondernemen en samenwerken "
            "te delen met collega's uit de regio, goede en slechte.",
            body=paragraphs(text),
            report=paragraphs(
                f"{host} ontving collega's uit de regio. De voorbeelden die zij deelden, nam "
                "de regiogids mee in het Reisadvies van juli 2016; een deel ervan staat nu bij "
                "de praktijkvoorbeelden."
            ),
            themes=themes("maatschappelijk-ondernemerschap", "maatschappelijk-domein"),
        )
        created += new
    day = date(2017, 11, 20)
    gathering, new = event(
        index,
        "delen-maakt-je-rijker-2017",
        title="Delen maakt je rijker: 100% bibliotheken",
        event_type=EventType.NATIONAL,
        start=at(day, 10),
        end=at(day, 16, 30),
        venue_name="Cultura",
        venue_address="Molenstraat 45, 6711 AW Ede",
        province=province("PV25"),
        organiser=organisation("Cultura Ede"),
        capacity=350,
        intro="Bibliotheken presenteren hun innovatieve projecten in de vorm van acht parels en "
        "vijftien deel-je-rijk-sessies.",
        body=paragraphs(
            "Bibliotheken in Nederland ontwikkelen zich razendsnel en spelen vindingrijk in op "
            "hun veranderende rol in de samenleving. Vanuit het programma Route 2020 delen "
            "bibliotheken hun proeftuinen en parels met collega's, lokale "
            "samenwerkingspartners, ambtenaren, bestuurders, ondernemers en onderwijspartners."
        ),
        report=paragraphs(
            "Op 20 november presenteerden bibliotheken hun innovatieve projecten in de vorm van "
            "acht parels en vijftien deel-je-rijk-sessies tijdens ‘Delen maakt je rijker: 100% "
            "bibliotheken’ in Cultura, Ede.",
            "Prinses Laurentien (erevoorzitter van de Vereniging van Openbare Bibliotheken) ging "
            "de dialoog aan met het publiek en riep op om je vooral ook kwetsbaar op te durven "
            "stellen: “Innovatie is niet delen wat je weet, maar vooral delen wat je niet "
            "weet.”",
            "De KB, SPN en de VOB kondigden tijdens de bijeenkomst aan gezamenlijk verder te "
            "gaan op de ingeslagen weg voor innovatie van bibliotheken.",
        ),
        sessions=national_gathering_sessions(day),
        themes=themes("persoonlijke-ontwikkeling", "multifunctionele-organisaties"),
    )
    created += new
    if new:
        attend(gathering, with_sessions=True)
    return created


UPCOMING = [
    # days from today, slug, title, type, province, host, capacity, audience, themes
    (
        14,
        "pleisterplaatsontmoeting-assen",
        "PleisterPlaatsOntmoeting Drenthe",
        EventType.REGIONAL,
        "PV22",
        "Bibliotheek Assen",
        12,
        Audience.PUBLIC,
        ["maatschappelijk-domein"],
    ),
    (
        21,
        "webinar-taalhuis-starten",
        "Webinar: een Taalhuis starten",
        EventType.WEBINAR,
        None,
        None,
        100,
        Audience.PUBLIC,
        ["persoonlijke-ontwikkeling"],
    ),
    (
        30,
        "deel-je-rijk-sessie-enschede",
        "Deel-je-rijk-sessie Overijssel: makerspaces",
        EventType.SHARING,
        "PV23",
        "Bibliotheek Enschede",
        30,
        Audience.PUBLIC,
        ["multifunctionele-organisaties"],
    ),
    (
        45,
        "pleisterplaatsontmoeting-middelburg",
        "PleisterPlaatsOntmoeting Zeeland",
        EventType.REGIONAL,
        "PV29",
        "Bibliotheek Middelburg",
        40,
        Audience.PUBLIC,
        ["maatschappelijk-ondernemerschap"],
    ),
    (
        60,
        "klankbordgroep-voorjaar",
        "Klankbordgroep Route 2020: voorjaarsoverleg",
        EventType.SOUNDING_BOARD,
        None,
        "Vereniging van Openbare Bibliotheken",
        12,
        Audience.MEMBERS,
        [],
    ),
    (
        75,
        "pleisterplaatsontmoeting-venlo",
        "PleisterPlaatsOntmoeting Limburg",
        EventType.REGIONAL,
        "PV31",
        "Bibliotheek Venlo",
        40,
        Audience.PUBLIC,
        ["maatschappelijk-domein"],
    ),
    (
        90,
        "webinar-collectieve-marketing",
        "Webinar: de Bibliotheek maakt je rijker",
        EventType.WEBINAR,
        None,
        None,
        None,
        Audience.PUBLIC,
        ["collectieve-marketing"],
    ),
    (
        120,
        "pleisterplaatsontmoeting-almere",
        "PleisterPlaatsOntmoeting Flevoland",
        EventType.REGIONAL,
        "PV24",
        "Bibliotheek Almere",
        40,
        Audience.PUBLIC,
        ["persoonlijke-ontwikkeling"],
    ),
    (
        150,
        "alv-voorjaar",
        "Algemene ledenvergadering (voorjaar)",
        EventType.ASSEMBLY,
        None,
        "Vereniging van Openbare Bibliotheken",
        None,
        Audience.MEMBERS,
        [],
    ),
    (
        200,
        "delen-maakt-je-rijker-landelijk",
        "Delen maakt je rijker: landelijke dag",
        EventType.NATIONAL,
        "PV25",
        "Cultura Ede",
        300,
        Audience.PUBLIC,
        ["persoonlijke-ontwikkeling", "collectieve-marketing"],
    ),
]


# What each coming event is about: (intro, body), each written for that event.
UPCOMING_TEXT = {
    "pleisterplaatsontmoeting-assen": (
        "Collega's uit Drenthe delen hoe ze samenwerken met wijkteams en huisartsen.",
        "Bibliotheek Assen vertelt hoe haar leesconsulent inmiddels wekelijks bij het wijkteam "
        "aanschuift. Daarna bespreken we in kleine groepen hoe je zo'n samenwerking begint en "
        "wat je de gemeente laat zien. Er is plaats voor twaalf mensen: vol is vol.",
    ),
    "webinar-taalhuis-starten": (
        "Een uur over het starten van een Taalhuis: partners, vrijwilligers en geld.",
        "Medewerkers van twee Taalhuizen vertellen hoe ze begonnen, welke afspraken ze met de "
        "gemeente maakten en wat ze de eerste keer anders hadden moeten doen. Je kunt vooraf "
        "vragen insturen en ze tijdens het webinar in de chat stellen.",
    ),
    "deel-je-rijk-sessie-enschede": (
        "Makerspaces in de bibliotheek: wat kost het, wie komt er en wie houdt het draaiende?",
        "Drie bibliotheken uit Overijssel laten hun makerspace zien, ook wat er misging. In "
        "twee rondes praat je aan tafel verder over onderhoud, vrijwillige coaches en "
        "samenwerken met scholen.",
    ),
    "pleisterplaatsontmoeting-middelburg": (
        "Zeeuwse bibliotheken over ondernemen: zaalverhuur, cursussen en sponsoring.",
        "Bibliotheek Middelburg laat zien hoe ze de zalen van het nieuwe gebouw verhuurt zonder "
        "de eigen programmering te verdringen. Neem een voorbeeld mee van iets wat jouw "
        "bibliotheek verdient, of juist niet verdiende.",
    ),
    "klankbordgroep-voorjaar": (
        "Het voorjaarsoverleg van de klankbordgroep over de actieplannen van dit jaar.",
        "De klankbordgroep bespreekt de voortgang van de vijf actieplannen en de begroting die "
        "in de ledenvergadering voorligt. Alleen voor de leden van de klankbordgroep; het "
        "verslag verschijnt daarna op deze site.",
    ),
    "pleisterplaatsontmoeting-venlo": (
        "Limburgse collega's over de bibliotheek in het sociaal domein.",
        "Bibliotheek Venlo vertelt over het spreekuur van de gemeente in de bibliotheek en het "
        "Taalhuis dat ermee samenwerkt. Daarna gaan we na wat andere Limburgse bibliotheken "
        "hiervan kunnen overnemen.",
    ),
    "webinar-collectieve-marketing": (
        "Hoe zet je de campagne 'de Bibliotheek maakt je rijker' lokaal in?",
        "Het marketingteam laat de nieuwe campagnematerialen zien en twee bibliotheken vertellen "
        "hoe ze die met hun eigen nieuws combineerden. Zonder inschrijflimiet: het webinar wordt "
        "opgenomen.",
    ),
    "pleisterplaatsontmoeting-almere": (
        "In Almere over persoonlijke ontwikkeling: van leesbevordering tot digitale vaardigheden.",
        "Bibliotheek Almere laat zien hoe ze cursussen voor volwassenen "
        "organiseert, samen met het ROC en de gemeente. Je gaat naar huis met een lijstje "
        "partners om zelf te benaderen.",
    ),
    "alv-voorjaar": (
        "De algemene ledenvergadering besluit over het jaarverslag en de voortgang van Route 2020.",
        "Op de agenda staan het jaarverslag, de jaarrekening en de voortgang van de "
        "actieplannen van Route 2020. De stukken staan twee weken vooraf voor de leden klaar.",
    ),
    "delen-maakt-je-rijker-landelijk": (
        "De landelijke dag waarop bibliotheken hun nieuwe parels en proeftuinen delen.",
        "Na de dag in Cultura in 2017 komen bibliotheken opnieuw samen in Ede. In de ochtend "
        "presenteren de nieuwe parels zich, in de middag zijn er deel-je-rijk-sessies over wat "
        "werkte en wat niet.",
    ),
}


def upcoming_events(index):
    today = timezone.localdate()
    created = 0
    for days, slug, title, kind, code, host, capacity, audience, theme_slugs in UPCOMING:
        day = today + timedelta(days=days)
        online = kind == EventType.WEBINAR
        start = at(day, 15 if online else 13, 30 if online else 0)
        sessions = []
        if kind in (EventType.SHARING, EventType.NATIONAL):
            sessions = [
                {
                    "title": "Welkom en pitches",
                    "kind": Session.Kind.PLENARY,
                    "start": start,
                    "end": start + timedelta(minutes=45),
                    "room": "Zaal 1",
                },
                {
                    "title": "Ronde 1: makerspace in de praktijk",
                    "kind": Session.Kind.SHARING,
                    "start": start + timedelta(hours=1),
                    "end": start + timedelta(hours=2),
                    "room": "Zaal 2",
                    "capacity": 10,
                },
                {
                    "title": "Ronde 1: samenwerken met het onderwijs",
                    "kind": Session.Kind.SHARING,
                    "start": start + timedelta(hours=1),
                    "end": start + timedelta(hours=2),
                    "room": "Zaal 3",
                    "capacity": 10,
                },
                {
                    "title": "Ronde 2: wat niet werkte",
                    "kind": Session.Kind.SHARING,
                    "start": start + timedelta(hours=2, minutes=15),
                    "end": start + timedelta(hours=3, minutes=15),
                    "room": "Zaal 2",
                },
            ]
        page, new = event(
            index,
            slug,
            title=title,
            event_type=kind,
            audience=audience,
            start=start,
            end=start + timedelta(hours=1 if online else 4),
            venue_name="" if online else (host or ""),
            online_url="https://meet.example.org/route2020-" + slug if online else "",
            province=province(code) if code else None,
            organiser=organisation(host) if host else None,
            capacity=capacity,
            registration_closes=at(day - timedelta(days=2), 17),
            intro=UPCOMING_TEXT[slug][0],
            body=paragraphs(UPCOMING_TEXT[slug][1]),
            sessions=sessions,
            themes=themes(*theme_slugs),
        )
        created += new
        if new and slug == "pleisterplaatsontmoeting-assen":
            attend(page, limit=14)  # full, with two on the waitlist
        elif new and slug == "deel-je-rijk-sessie-enschede":
            attend(page, limit=5, with_sessions=True)
    return created


def attend(event, limit=None, with_sessions=False):
    """Demo members register the way the site does it, so capacity and waitlist hold."""
    from route2020.events import services

    people = User.objects.filter(email__endswith="@route2020.example", organisation__isnull=False)
    people = list(people.select_related("organisation").order_by("pk")[:limit])
    sessions = list(event.sessions.order_by("start", "sort_order")) if with_sessions else []
    was_past = event.end < timezone.now()
    if was_past or event.registration_state() != "open":
        # Past events: record who was there directly; the services refuse closed events.
        for number, user in enumerate(people):
            registration = Registration.objects.create(
                event=event,
                user=user,
                name=user.get_full_name() or user.email,
                email=user.email,
                organisation_name=user.organisation.name,
                status=Status.CONFIRMED,
                created_at=event.start - timedelta(days=20 - number),
                confirmed_at=event.start - timedelta(days=20 - number),
            )
            registration.sessions.set(pick(sessions, number))
        return
    for number, user in enumerate(people):
        try:
            services.registration_create(event=event, user=user, sessions=pick(sessions, number))
        except ValidationError:  # a full session in the demo: skip this person
            continue


def pick(sessions, number):
    """One session per time slot, varying per person."""
    chosen, slots = [], {}
    for session in sessions:
        slots.setdefault(session.start, []).append(session)
    for options in slots.values():
        chosen.append(options[number % len(options)])
    return chosen


def load(stdout):
    home = home_page()
    index = child(
        home,
        EventIndexPage,
        "bijeenkomsten",
        title="Bijeenkomsten",
        show_in_menus=True,
        intro="Deel-je-rijk-sessies, PleisterPlaatsOntmoetingen, de landelijke bijeenkomst en "
        "de ALV: hier ontmoeten bibliotheken elkaar om te delen wat ze weten, en vooral wat "
        "ze nog niet weten.",
    )
    with transaction.atomic():
        created = seed_events(index) + upcoming_events(index)
    stdout.write(f"Bijeenkomsten: {created} aangemaakt.")
