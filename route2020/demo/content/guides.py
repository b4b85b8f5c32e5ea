"""The regiogidsen's verkenning of April–June 2016 and the Reisadvies of July 2016.

The seed: four colleagues ("regiogidsen Ondernemen en Samenwerken") visit libraries in April,
May and June 2016 to collect projects, actions and ways of working worth sharing, aimed at
the HOW; it leads in July 2016 to a Reisadvies to start specific pilots (the agenda's
progress update of 14 July 2016: ten pilots). Which libraries they visited and what they
found is made up in that spirit, at libraries of their own provinces (libraries.GUIDES); the
practices they collected are the demo practices of the visited libraries.
"""

from datetime import date

from django.db.models import Count

from route2020.core.models import Organisation, Province, User
from route2020.core.pages import child, publish
from route2020.demo import libraries
from route2020.guides.models import ReisadviesIndexPage, ReisadviesPage, Visit
from route2020.practices.models import PracticePage
from route2020.themes.models import ThemePage

from .core import home_page

SEED = True
MENU = {"reisadvies": 47}

# Per guide (by surname), four visits: day, and what they found (the library's town fills
# {town}).
VISITS = {
    "Noordhuis": [
        (
            date(2016, 4, 12),
            "In {town} werkt de bibliotheek met een vast ondernemersspreekuur: elke dinsdag "
            "zitten KvK en een accountant aan de leestafel. Starters komen voor het spreekuur "
            "en blijven voor de werkplekken. Wat nog niet lukt: de gemeente betaalt mee, maar "
            "meet niets; de bibliotheek weet niet wat het oplevert.",
        ),
        (
            date(2016, 4, 26),
            "De bibliotheek in {town} deelt sinds een jaar balie en programmering met het "
            "welzijnswerk. Het team is enthousiast, de roosters zijn een puzzel. Eerlijk "
            "gedeeld: de eerste opzet met één gezamenlijke balie is na drie maanden "
            "teruggedraaid, bezoekers wisten niet meer bij wie ze moesten zijn.",
        ),
        (
            date(2016, 5, 17),
            "Een kleine vestiging met een groot netwerk: in {town} draaien vrijwilligers het "
            "Taalhuis en de digitale hulp samen met de gemeente. Het HOE zit in de "
            "afspraken: één coördinator, één aanmeldformulier, maandelijks overleg.",
        ),
        (
            date(2016, 6, 7),
            "In {town} experimenteert de bibliotheek met een makerspace voor jongeren, "
            "samen met een mbo-school. Veel bezoek in de vakanties, weinig daarbuiten; de "
            "school wil de lessen verplaatsen naar de bibliotheek.",
        ),
    ],
    "Oosterveld": [
        (
            date(2016, 4, 14),
            "In {town} is de bibliotheek kwartiermaker van een netwerk rond "
            "laaggeletterdheid: veertig partners, één verwijsroute. Wat werkte: klein "
            "beginnen met drie partners en pas uitbreiden toen de route liep.",
        ),
        (
            date(2016, 5, 3),
            "De bibliotheek in {town} huurt ruimte uit aan zzp'ers en laat hen in ruil een "
            "workshop per kwartaal geven. Het levert geld én programma op. Valkuil: de "
            "contracten waren eerst te vrijblijvend, workshops vielen uit.",
        ),
        (
            date(2016, 5, 24),
            "In {town} werkt de bibliotheek met alle basisscholen aan de Bibliotheek op "
            "school. Een leesconsulent per drie scholen, een monitor die het leesplezier "
            "meet. De directeur: 'Zonder de cijfers hadden we de wethouder niet overtuigd.'",
        ),
        (
            date(2016, 6, 14),
            "De bibliotheek van {town} bracht haar collectie naar het gezondheidscentrum "
            "en het wijkteam. Het bereik groeide, de uitleningen niet; nu meten ze gesprekken "
            "en doorverwijzingen in plaats van boeken.",
        ),
    ],
    "Westerbeek": [
        (
            date(2016, 4, 19),
            "In {town} zit de bibliotheek met het museum en het archief in één gebouw. Samen "
            "programmeren gaat goed; samen marketing doen nog niet, iedere organisatie houdt "
            "haar eigen huisstijl en nieuwsbrief.",
        ),
        (
            date(2016, 5, 10),
            "De bibliotheek in {town} heeft een Digitaal Hulpplein met de gemeente en de "
            "belastingdienst. Het drukste uur is de maandagochtend; vrijwilligers worden "
            "getraind door de gemeente. Leerpunt: spreek vooraf af wie de privacy bewaakt.",
        ),
        (
            date(2016, 5, 31),
            "In {town} begon de bibliotheek een 'proeftuin-uur': elke maand presenteert een "
            "team wat het probeerde en wat mislukte. Sindsdien durven medewerkers sneller iets "
            "te starten, en sneller te stoppen.",
        ),
        (
            date(2016, 6, 21),
            "De bibliotheek van {town} werkt met ondernemers in het centrum aan een "
            "leesbevorderingsactie in etalages. Goedkoop, zichtbaar, en de ondernemers vragen "
            "om een vervolg.",
        ),
    ],
    "Zuidema": [
        (
            date(2016, 4, 21),
            "In {town} is de bibliotheek gestart met een FabLab voor jongeren, met vrijwillige "
            "coaches uit het bedrijfsleven. Het HOE: de coaches komen via de "
            "ondernemersvereniging, niet via een vacature.",
        ),
        (
            date(2016, 5, 12),
            "De bibliotheek in {town} deelt inkoop, ICT en marketing met drie buurbibliotheken. "
            "De besparing is kleiner dan gehoopt, de kennisdeling groter: de teams bellen "
            "elkaar nu eerst voordat ze iets nieuws beginnen.",
        ),
        (
            date(2016, 6, 2),
            "In {town} brengen vrijwilligers boeken en een praatje bij mensen die niet meer "
            "naar de bibliotheek kunnen komen, gesignaleerd door het wijkteam. Er is een "
            "wachtlijst van vrijwilligers; het knelpunt is de coördinatie.",
        ),
        (
            date(2016, 6, 23),
            "De bibliotheek van {town} werkt met de gemeente aan een leesoffensief voor "
            "peuters. De afspraken over wie wat betaalt stonden pas na een jaar; dat advies "
            "geven ze anderen mee: begin met het geld.",
        ),
    ],
}

REISADVIES_TITLE = "Reisadvies: tien proeftuinen voor ondernemen en samenwerken"
REISADVIES_INTRO = (
    "In april, mei en juni 2016 bezochten de vier regiogidsen Ondernemen en Samenwerken "
    "bibliotheken in het hele land. Ze vroegen niet alleen wát er gebeurt, maar vooral hoe: "
    "hoe pakken bibliotheken vernieuwing aan, wat werkte en wat niet? Hun advies: start tien "
    "proeftuinen, en deel wat ze opleveren."
)

# heading, text, titles of demo parels to cite, proposed pilots. Each recommendation also
# cites practices collected on the visits.
RECOMMENDATIONS = [
    (
        "Maak van de bibliotheek een werkplaats voor ondernemers",
        "Waar de bibliotheek starters en zzp'ers een plek, een spreekuur en een netwerk "
        "biedt, komen ondernemers terug en geven ze iets terug: workshops, coaching, "
        "sponsoring. Het werkt het best met vaste partners (KvK, ondernemersvereniging) en "
        "duidelijke afspraken over wat ondernemers bijdragen.",
        ["Ondernemersplein in de bibliotheek"],
        [
            "Ondernemersspreekuur met KvK en ondernemersvereniging in vijf bibliotheken",
            "Flexwerkplekken voor starters in ruil voor een workshop per kwartaal",
        ],
    ),
    (
        "Werk met de gemeente aan één plek voor digitale hulp",
        "Inwoners die vastlopen bij de digitale overheid vinden de bibliotheek al. Maak er "
        "samen met gemeente en belastingdienst één plek van, met getrainde vrijwilligers en "
        "vooraf afgesproken wie de privacy bewaakt.",
        ["Digitaal Hulpplein: samen met de gemeente"],
        [
            "Digitaal Hulpplein in drie provincies, met één trainingsprogramma",
            "Gezamenlijke training van bibliotheekmedewerkers en gemeentelijke consulenten",
        ],
    ),
    (
        "Deel ook wat mislukte",
        "De beste lessen van de verkenning kwamen uit wat niet lukte: een gedeelde balie die "
        "werd teruggedraaid, workshops die uitvielen. Bibliotheken die hun mislukkingen "
        "bespreken, starten sneller iets nieuws en stoppen er ook sneller mee.",
        [],
        [
            "Een proeftuin-uur per provincie: teams presenteren wat ze probeerden en wat mislukte",
            "Een logboek bij elke proeftuin, maandelijks bijgewerkt op het platform",
        ],
    ),
    (
        "Bundel de krachten met het onderwijs",
        "De sterkste resultaten zagen we waar bibliotheek en scholen samen meten wat ze "
        "doen. Cijfers over leesplezier en vaardigheden overtuigen scholen en wethouders.",
        ["De Bibliotheek op school in heel Twente", "FabLab Jeugd in de bibliotheek"],
        [
            "De Bibliotheek op school in het voortgezet onderwijs, met monitor",
            "Een makerspace samen met een mbo-school, lessen in de bibliotheek",
        ],
    ),
    (
        "Organiseer samenwerking in de regio",
        "Bibliotheken die inkoop, ICT of marketing delen, besparen minder dan gehoopt maar "
        "leren veel meer van elkaar. Zet regionale samenwerking in als leernetwerk, met de "
        "PleisterPlaatsOntmoetingen als vaste plek om te delen.",
        ["Bibliotheek aan huis met het wijkteam"],
        [
            "Elk kwartaal een PleisterPlaatsOntmoeting per regio, met één praktijkvoorbeeld",
            "Gedeelde marketing door vier bibliotheken in één regio",
        ],
    ),
]


def visited_libraries(guide, count=4):
    """The libraries of the guide's provinces with the most demo practices (parels first)."""
    return list(
        Organisation.objects.filter(
            kind=Organisation.Kind.LIBRARY, province__in=guide.provinces.all()
        )
        .annotate(parels=Count("practices", filter=_parel()), total=Count("practices"))
        .order_by("-parels", "-total", "name")[:count]
    )


def _parel():
    from django.db.models import Q

    return Q(practices__is_parel=True, practices__live=True)


def load(stdout):
    home = home_page()
    index = child(
        home,
        ReisadviesIndexPage,
        "reisadvies",
        title="Reisadvies",
        intro="Wat de regiogidsen ophaalden bij bibliotheken in het land, en welke "
        "proeftuinen zij aanraden.",
        show_in_menus=True,
    )
    if not index.show_in_menus:  # a demo database made before the section was in the menu
        index.show_in_menus = True
        publish(index)
    if ReisadviesPage.objects.child_of(index).exists():
        stdout.write("Reisadvies: al aanwezig.")
        return
    visits = load_visits()
    load_reisadvies(index, visits)
    stdout.write(f"Reisadvies: {len(visits)} bezoeken van de regiogidsen en het reisadvies.")


def load_visits():
    guides = {
        user.last_name: user
        for user in User.objects.filter(
            last_name__in=[last for _first, last, _codes in libraries.GUIDES]
        )
    }
    visits = []
    for surname, planned in VISITS.items():
        guide = guides.get(surname)
        if guide is None:
            continue
        for library, (day, findings) in zip(visited_libraries(guide), planned, strict=False):
            visit = Visit.objects.create(
                guide=guide,
                organisation=library,
                visited_on=day,
                findings=findings.format(town=library.municipality or library.name),
            )
            practices = PracticePage.objects.live().filter(organisation=library)
            visit.practices.set(practices.order_by("-is_parel", "pk")[:2])
            visits.append(visit)
    return visits


def load_reisadvies(index, visits):
    collected = [
        practice for visit in visits for practice in visit.practices.all() if not practice.is_parel
    ]
    parels = {page.title: page for page in PracticePage.objects.live().filter(is_parel=True)}
    stream = []
    for number, (heading, text, titles, pilots) in enumerate(RECOMMENDATIONS):
        cited = [parels[title] for title in titles if title in parels]
        cited += collected[number * 2 : number * 2 + 2]
        stream.append(
            (
                "recommendation",
                {"heading": heading, "text": text, "practices": cited, "pilots": pilots},
            )
        )
    page = ReisadviesPage(
        title=REISADVIES_TITLE,
        slug="tien-proeftuinen-voor-ondernemen-en-samenwerken",
        intro=REISADVIES_INTRO,
        date=date(2016, 7, 14),
        recommendations=stream,
    )
    page.provinces = list(Province.objects.all())
    page.visits = visits
    page.themes = list(ThemePage.objects.filter(slug="maatschappelijk-ondernemerschap"))
    index.add_child(instance=page)
    publish(page)
    return page
