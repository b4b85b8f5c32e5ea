"""Demo action plans: one plan per theme for 2016–2020, with actions, milestones and budgets.

The seed gives the frame: five themes chosen in June 2015, the plan of approach of September
2015, the budget 2016 decided by the ALV of 10 December 2015, the first four actions of April
2016, the regional guides' exploration of April–June 2016 and its Reisadvies of July 2016,
the campaign from 1 May 2017 and the gathering of 20 November 2017. The plans, actions and
amounts around those facts are made up, in that spirit; the decisions module
(`decisions.py`) takes the programme budget per year from `programme_budget()`.

Actions link to demo practices and events of their theme when those exist (not in the
browser tests' seed-only load).
"""

from datetime import date
from decimal import Decimal

from route2020.agenda.models import (
    ActionEvent,
    ActionPage,
    ActionPlanPage,
    ActionPractice,
    BudgetLine,
    Milestone,
    ProgressUpdate,
    Status,
)
from route2020.core.models import Organisation
from route2020.core.pages import child
from route2020.themes.models import ThemePage

SEED = True

START, END = date(2016, 1, 1), date(2020, 12, 31)
VOB = "Vereniging van Openbare Bibliotheken"
KB = "Koninklijke Bibliotheek"
SPN = "Stichting Samenwerkende POI's Nederland"

# Per theme: title, intro, goals (title, description, indicator), progress updates (date, text)
# and actions: slug, title, owner, status, intro, status note, milestones (title, due, met),
# budget {year: (allocated, spent)}, practices (parel titles, or ("proeftuin"|"praktijkvoorbeeld",
# how many of the theme's)), events (slugs).
PLANS = {
    "persoonlijke-ontwikkeling": {
        "title": "Actieplan Persoonlijke ontwikkeling 2016–2020",
        "intro": "De Bibliotheek als partner in persoonlijke ontwikkeling: taal, digitale "
        "vaardigheden en leesplezier, dicht bij huis en voor iedereen.",
        "goals": [
            (
                "Een Taalhuis in elke gemeente",
                "Samen met gemeenten, welzijn en onderwijs een vaste plek waar volwassenen "
                "aan hun taal werken.",
                "In 2020 heeft acht op de tien gemeenten een Taalhuis in de bibliotheek.",
            ),
            (
                "Digitale vaardigheden voor wie niet mee kan",
                "Cursussen en spreekuren in de bibliotheek voor iedereen die de digitale "
                "samenleving lastig vindt.",
                "Jaarlijks twintigduizend deelnemers aan cursussen in bibliotheken.",
            ),
            (
                "Leesplezier tot achttien jaar",
                "De Bibliotheek op school groeit door naar het vmbo.",
                "Tweehonderd vmbo-scholen met een bibliotheekvoorziening.",
            ),
        ],
        "updates": [
            (
                date(2016, 4, 15),
                "De handreiking Taalhuis is in voorbereiding; SPN werkt hem uit met vijf "
                "provincies die al een Taalhuisnetwerk hebben.",
            ),
            (
                date(2017, 11, 20),
                "Op ‘Delen maakt je rijker’ presenteerden twee parels uit dit thema hun "
                "aanpak: de schoolbibliotheek in Twente en het FabLab voor jongeren.",
            ),
            (
                date(2019, 10, 4),
                "De monitor leesplezier vmbo is klaar, drie maanden later dan gepland: de "
                "scholen leverden hun cijfers later aan. De uitkomsten zijn bemoedigend.",
            ),
        ],
        "actions": [
            (
                "handreiking-taalhuis",
                "Handreiking Taalhuis voor gemeenten",
                SPN,
                Status.DONE,
                "Een handreiking waarmee bibliotheek en gemeente samen een Taalhuis opzetten, "
                "met de ervaringen van vijf provincies.",
                "",
                [
                    ("Handreiking gepubliceerd", date(2016, 10, 1), date(2016, 9, 22)),
                    ("Tien regionale werksessies gehouden", date(2017, 6, 30), date(2017, 6, 14)),
                ],
                {2016: (60000, 58200), 2017: (40000, 37900)},
                [("praktijkvoorbeeld", 2)],
                [],
            ),
            (
                "digitale-vaardigheden",
                "Cursusaanbod digitale vaardigheden",
                KB,
                Status.DONE,
                "Landelijk lesmateriaal en opgeleide trainers, zodat elke bibliotheek cursussen "
                "digitale vaardigheden kan geven.",
                "",
                [
                    (
                        "Lesmateriaal beschikbaar voor alle bibliotheken",
                        date(2016, 9, 1),
                        date(2016, 11, 15),
                    ),
                    ("Trainers opgeleid in alle provincies", date(2017, 12, 31), date(2017, 12, 8)),
                ],
                {2016: (75000, 69800), 2017: (90000, 88400), 2018: (60000, 57100)},
                [("praktijkvoorbeeld", 1)],
                [],
            ),
            (
                "bibliotheek-op-school-vmbo",
                "De Bibliotheek op school in het vmbo",
                SPN,
                Status.RUNNING,
                "Na het primair onderwijs nu het vmbo: proeftuinen op twintig scholen, een "
                "monitor voor leesplezier en daarna een landelijke aanpak.",
                "",
                [
                    ("Proeftuinen op twintig vmbo-scholen", date(2017, 9, 1), date(2017, 9, 1)),
                    ("Monitor leesplezier vmbo", date(2019, 6, 30), date(2019, 10, 4)),
                    ("Landelijke aanpak vastgesteld", date(2020, 12, 1), None),
                ],
                {
                    2017: (50000, 46000),
                    2018: (80000, 74500),
                    2019: (80000, 71200),
                    2020: (60000, 38900),
                },
                ["De Bibliotheek op school in heel Twente", ("proeftuin", 1)],
                [],
            ),
            (
                "leven-lang-leren",
                "Proeftuinen leven lang leren",
                "Bibliotheek Eindhoven",
                Status.RUNNING,
                "Vijf bibliotheken proberen een aanbod voor volwassenen die zich willen "
                "omscholen, samen met het mbo en het UWV.",
                "",
                [
                    ("Vijf proeftuinen gestart", date(2018, 3, 1), date(2018, 2, 20)),
                    ("Evaluatie en handreiking", date(2020, 6, 30), None),
                ],
                {2018: (45000, 43000), 2019: (45000, 39800), 2020: (30000, 12500)},
                ["FabLab Jeugd in de bibliotheek", ("proeftuin", 1)],
                [],
            ),
        ],
    },
    "maatschappelijk-domein": {
        "title": "Actieplan Maatschappelijk domein 2016–2020",
        "intro": "De Bibliotheek als vanzelfsprekende partner van gemeenten in het sociaal "
        "domein: informatie, participatie en ontmoeting.",
        "goals": [
            (
                "De bibliotheek aan tafel bij de gemeente",
                "Gemeenten betrekken de bibliotheek bij hun beleid voor het sociaal domein.",
                "Afspraken met de VNG over de rol van de bibliotheek.",
            ),
            (
                "Hulp bij de digitale overheid in elke bibliotheek",
                "Inwoners krijgen in de bibliotheek hulp bij DigiD, toeslagen en aangifte.",
                "Een informatiepunt in elke basisbibliotheek.",
            ),
        ],
        "updates": [
            (
                date(2016, 6, 8),
                "De gesprekskaart voor wethouders is gepresenteerd op het VNG-congres; "
                "honderd gemeenten vroegen er een exemplaar van op.",
            ),
            (
                date(2020, 2, 10),
                "De informatiepunten digitale overheid zijn landelijk beschikbaar, zes weken "
                "later dan gepland.",
            ),
        ],
        "actions": [
            (
                "gesprekskaart-sociaal-domein",
                "Gesprekskaart ‘Bibliotheek en sociaal domein’ voor wethouders",
                VOB,
                Status.DONE,
                "Een gesprekskaart waarmee directeuren met hun wethouder bespreken wat de "
                "bibliotheek in het sociaal domein kan betekenen.",
                "",
                [("Gepresenteerd op het VNG-congres", date(2016, 6, 8), date(2016, 6, 8))],
                {2016: (35000, 33800)},
                [("praktijkvoorbeeld", 1)],
                [],
            ),
            (
                "informatiepunten-digitale-overheid",
                "Informatiepunten digitale overheid",
                KB,
                Status.DONE,
                "Samen met de rijksoverheid een informatiepunt in de bibliotheek voor hulp bij "
                "DigiD, toeslagen en belastingaangifte.",
                "",
                [
                    ("Pilot in vijftien bibliotheken", date(2018, 6, 30), date(2018, 6, 29)),
                    ("Landelijk beschikbaar", date(2019, 12, 31), date(2020, 2, 10)),
                ],
                {2018: (70000, 68800), 2019: (120000, 117300), 2020: (40000, 36400)},
                ["Digitaal Hulpplein: samen met de gemeente"],
                [],
            ),
            (
                "afspraken-vng",
                "Afspraken met de VNG",
                VOB,
                Status.RUNNING,
                "Gesprekken met de VNG over de plaats van de bibliotheek in het beleid van "
                "gemeenten voor het sociaal domein.",
                "",
                [
                    (
                        "Gesprek met de VNG-commissie Onderwijs, Cultuur en Sport",
                        date(2017, 3, 31),
                        date(2017, 3, 28),
                    ),
                    ("Gezamenlijke verklaring", date(2019, 12, 31), None),
                ],
                {
                    2017: (20000, 18000),
                    2018: (20000, 19500),
                    2019: (20000, 16000),
                    2020: (20000, 11000),
                },
                ["Taalhuis Zwolle: van loket naar netwerk"],
                [],
            ),
            (
                "meetinstrument-maatschappelijke-waarde",
                "Meetinstrument maatschappelijke waarde",
                SPN,
                Status.PLANNED,
                "Een instrument waarmee een bibliotheek laat zien wat zij bijdraagt aan "
                "participatie en zelfredzaamheid in haar gemeente.",
                "",
                [("Getest in tien bibliotheken", date(2020, 9, 30), None)],
                {2020: (25000, 0)},
                [],
                [],
            ),
        ],
    },
    "multifunctionele-organisaties": {
        "title": "Actieplan Multifunctionele organisaties 2016–2020",
        "intro": "Van bibliotheek naar brede culturele en educatieve organisatie: samen met "
        "muziekschool, welzijn en kunsteducatie, zonder de bibliotheekfuncties te verliezen.",
        "goals": [
            (
                "Weten wat werkt bij samengaan",
                "Een beeld van de brede organisaties in het land en van wat hun samenwerking "
                "sterk of kwetsbaar maakt.",
                "",
            ),
            (
                "Elkaar vinden",
                "Een netwerk waarin directeuren van brede organisaties hun ervaringen delen.",
                "Jaarlijks een uitwisseling met ten minste dertig organisaties.",
            ),
        ],
        "updates": [
            (
                date(2016, 10, 20),
                "Het verkenningsrapport is klaar, drie weken later dan gepland; het telt "
                "zevenenveertig brede organisaties.",
            ),
        ],
        "actions": [
            (
                "verkenning-brede-organisaties",
                "Verkenning brede culturele en educatieve organisaties",
                "PersonalToo",
                Status.DONE,
                "Welke bibliotheken gingen op in een bredere organisatie, hoe en met welk "
                "resultaat?",
                "",
                [("Verkenningsrapport", date(2016, 9, 30), date(2016, 10, 20))],
                {2016: (30000, 29500)},
                [],
                [],
            ),
            (
                "netwerk-cultuurhuizen",
                "Netwerk van cultuurhuizen en kulturhusen",
                "Kulturhus Haaksbergen",
                Status.RUNNING,
                "Directeuren van brede organisaties komen twee keer per jaar samen en bezoeken "
                "elkaar.",
                "",
                [
                    ("Eerste netwerkbijeenkomst", date(2017, 3, 31), date(2017, 3, 16)),
                    ("Uitwisseling 2018", date(2018, 3, 31), date(2018, 4, 12)),
                ],
                {
                    2017: (20000, 18700),
                    2018: (20000, 19200),
                    2019: (20000, 17800),
                    2020: (20000, 9600),
                },
                ["Kulturhus Borne: bibliotheek, muziekschool en welzijn onder één dak"],
                [],
            ),
            (
                "handreiking-governance",
                "Handreiking bestuur en toezicht bij samengaan",
                VOB,
                Status.DONE,
                "Wat regel je in statuten, toezicht en subsidieafspraken als de bibliotheek "
                "samengaat met andere instellingen?",
                "",
                [("Handreiking gepubliceerd", date(2018, 6, 30), date(2018, 6, 21))],
                {2017: (25000, 12000), 2018: (25000, 24100)},
                [("praktijkvoorbeeld", 1)],
                [],
            ),
        ],
    },
    "maatschappelijk-ondernemerschap": {
        "title": "Actieplan Maatschappelijk ondernemerschap 2016–2020",
        "intro": "Bibliotheken ondernemen en werken samen met ondernemers, onderwijs en "
        "gemeenten, en leren van elkaar: van wat werkt en van wat niet werkte.",
        "goals": [
            (
                "Delen wat werkt én wat niet werkt",
                "Praktijkvoorbeelden over ondernemen en samenwerken, met het hoe erbij.",
                "Honderd gedeelde praktijkvoorbeelden, ook mislukte.",
            ),
            (
                "Proeftuinen op basis van het Reisadvies",
                "De regiogidsen adviseren welke proeftuinen het netwerk start.",
                "Tien proeftuinen die hun resultaten delen.",
            ),
        ],
        "updates": [
            (
                date(2016, 4, 11),
                "‘Ga mee op reis’: de eerste vier acties zijn gestart. De regiogidsen zijn op "
                "verkenning.",
            ),
            (
                date(2016, 7, 14),
                "Het Reisadvies is opgeleverd: de regiogidsen stellen tien proeftuinen voor.",
            ),
            (
                date(2017, 11, 20),
                "Op ‘Delen maakt je rijker: 100% bibliotheken’ in Cultura, Ede deelden "
                "bibliotheken acht parels en vijftien deel-je-rijk-sessies.",
            ),
        ],
        "actions": [
            (
                "verkenning-regiogidsen",
                "Verkenning door regiogidsen: Ondernemen en Samenwerken",
                VOB,
                Status.DONE,
                "Vier regiogidsen halen in april, mei en juni 2016 bij bibliotheken projecten, "
                "acties en werkwijzen op die interessant zijn om uit te wisselen.",
                "",
                [
                    ("Verkenningstochten april–juni", date(2016, 6, 30), date(2016, 6, 30)),
                    ("Reisadvies opgeleverd", date(2016, 7, 31), date(2016, 7, 14)),
                ],
                {2016: (80000, 76400)},
                [("praktijkvoorbeeld", 2)],
                [],
            ),
            (
                "proeftuinen-reisadvies",
                "Proeftuinen uit het Reisadvies",
                SPN,
                Status.RUNNING,
                "De proeftuinen die het Reisadvies voorstelt, met begeleiding, een logboek en "
                "een evaluatie die het netwerk kan lezen.",
                "",
                [
                    ("Eerste tien proeftuinen gestart", date(2016, 12, 31), date(2017, 2, 1)),
                    ("Tussenevaluatie", date(2018, 6, 30), date(2018, 6, 28)),
                    ("Overdracht aan de innovatiecommunities", date(2020, 12, 31), None),
                ],
                {
                    2016: (40000, 22000),
                    2017: (120000, 112300),
                    2018: (120000, 118900),
                    2019: (100000, 96200),
                    2020: (60000, 41800),
                },
                ["Ondernemersplein in de bibliotheek", ("proeftuin", 2)],
                [],
            ),
            (
                "pleisterplaatsontmoetingen",
                "PleisterPlaatsOntmoetingen in de regio",
                SPN,
                Status.DONE,
                "Regionale middagen om praktijkvoorbeelden over ondernemen en samenwerken te "
                "delen, goede en slechte.",
                "",
                [("Vijf ontmoetingen in mei en juni 2016", date(2016, 6, 30), date(2016, 6, 16))],
                {2016: (25000, 23900), 2017: (15000, 14200)},
                [],
                [
                    "pleisterplaatsontmoeting-drachten-2016",
                    "pleisterplaatsontmoeting-zwolle-2016",
                    "pleisterplaatsontmoeting-houten-2016",
                    "pleisterplaatsontmoeting-eindhoven-2016",
                    "pleisterplaatsontmoeting-sittard-2016",
                ],
            ),
            (
                "reisflitsen-biebtobieb",
                "Reisflitsen en BiebtoBieb als reiskanaal",
                VOB,
                Status.DONE,
                "Reisflitsen zodra er nieuws is om te delen, en BiebtoBieb als plek waar "
                "collega's elkaar vinden.",
                "",
                [("Eerste Reisflits verstuurd", date(2016, 5, 1), date(2016, 4, 28))],
                {
                    2016: (10000, 9400),
                    2017: (10000, 9800),
                    2018: (10000, 9900),
                    2019: (10000, 8700),
                    2020: (10000, 7600),
                },
                [],
                [],
            ),
            (
                "delen-maakt-je-rijker",
                "Landelijke bijeenkomst ‘Delen maakt je rijker’",
                VOB,
                Status.DONE,
                "Een dag waarop bibliotheken hun parels en proeftuinen delen met collega's, "
                "partners, bestuurders en ambtenaren.",
                "",
                [
                    (
                        "Acht parels en vijftien deel-je-rijk-sessies gekozen",
                        date(2017, 10, 1),
                        date(2017, 10, 6),
                    ),
                    ("Bijeenkomst in Cultura, Ede", date(2017, 11, 20), date(2017, 11, 20)),
                ],
                {2017: (65000, 63100)},
                ["Eén campagne: de Bibliotheek maakt je rijker"],
                ["delen-maakt-je-rijker-2017"],
            ),
        ],
    },
    "collectieve-marketing": {
        "title": "Actieplan Collectieve marketing 2016–2020",
        "intro": "Eén merk, één boodschap: de Bibliotheek als partner in persoonlijke "
        "ontwikkeling, met landelijke campagnes die elke bibliotheek lokaal kan gebruiken.",
        "goals": [
            (
                "Eén landelijke campagne",
                "‘De Bibliotheek maakt je rijker’, in campagneperiodes met elk een eigen "
                "doelgroep.",
                "Drie campagneperiodes per jaar, landelijk ingekocht.",
            ),
            (
                "Materiaal voor elke bibliotheek",
                "Een merkhandboek en een materialenbank waaruit bibliotheken lokaal putten.",
                "Negen op de tien bibliotheken gebruiken het campagnemateriaal.",
            ),
        ],
        "updates": [
            (
                date(2016, 4, 20),
                "Trendsactive heeft de opdracht gekregen om de Bibliotheek te positioneren als "
                "partner in persoonlijke ontwikkeling.",
            ),
            (
                date(2017, 5, 1),
                "De campagneperiode ‘Glansrijk’ voor eindexamenkandidaten is begonnen. De "
                "online media-inzet is landelijk ingekocht.",
            ),
            (
                date(2018, 1, 15),
                "De campagne kostte in 2017 meer dan begroot: de online media-inzet voor "
                "Glansrijk werd uitgebreid. Het bestuur is akkoord; 2018 blijft binnen budget.",
            ),
        ],
        "actions": [
            (
                "campagnebureau",
                "Campagnebureau kiezen",
                VOB,
                Status.DONE,
                "Een bureau dat de Bibliotheek landelijk positioneert als partner in "
                "persoonlijke ontwikkeling.",
                "",
                [("Trendsactive gekozen", date(2016, 4, 30), date(2016, 4, 20))],
                {2016: (15000, 14800)},
                [],
                [],
            ),
            (
                "campagne-maakt-je-rijker",
                "Campagne ‘de Bibliotheek maakt je rijker’",
                "Trendsactive",
                Status.RUNNING,
                "Campagneperiodes met elk een doelgroep: Glansrijk voor eindexamenkandidaten, "
                "Fantasierijk over voorlezen, Initiatiefrijk voor volwassenen.",
                "",
                [
                    ("Glansrijk voor eindexamenkandidaten", date(2017, 5, 1), date(2017, 5, 1)),
                    (
                        "Fantasierijk bij de start van het schooljaar",
                        date(2017, 9, 1),
                        date(2017, 9, 11),
                    ),
                    ("Initiatiefrijk voor volwassenen", date(2018, 1, 31), date(2018, 3, 5)),
                ],
                {
                    2016: (150000, 96500),
                    2017: (250000, 268400),
                    2018: (250000, 243700),
                    2019: (200000, 191800),
                    2020: (150000, 139600),
                },
                ["Eén campagne: de Bibliotheek maakt je rijker"],
                [],
            ),
            (
                "merkhandboek-materialen",
                "Merkhandboek en campagnemateriaal voor bibliotheken",
                "NBD Biblion",
                Status.DONE,
                "Een merkhandboek en een materialenbank met affiches, banners en teksten om "
                "lokaal aan te passen.",
                "",
                [
                    ("Merkhandboek online", date(2016, 11, 30), date(2016, 11, 29)),
                    ("Materialenbank met downloads", date(2017, 4, 15), date(2017, 4, 10)),
                ],
                {2016: (45000, 44200), 2017: (30000, 28600)},
                [],
                [],
            ),
            (
                "campagneteam-marketingteam",
                "Campagneteam en marketingteam",
                VOB,
                Status.DONE,
                "Collega's uit bibliotheken adviseren over elke campagneperiode.",
                "",
                [("Beide teams ingesteld", date(2016, 9, 30), date(2016, 9, 15))],
                {
                    2016: (5000, 4200),
                    2017: (5000, 4900),
                    2018: (5000, 4600),
                    2019: (5000, 3900),
                    2020: (5000, 2100),
                },
                [],
                [],
            ),
            (
                "klanttevredenheidsmeting",
                "Landelijke klanttevredenheidsmeting",
                VOB,
                Status.DROPPED,
                "Eén landelijke meting van de tevredenheid van bibliotheekleden.",
                "Besloten in maart 2017, in overleg met het marketingteam: de KB neemt de "
                "vragen op in het landelijke bibliotheekonderzoek, zodat bibliotheken niet twee "
                "keer hoeven te meten. Het budget vanaf 2017 gaat naar de campagne.",
                [
                    ("Vragenlijst ontwikkeld", date(2016, 12, 31), date(2016, 12, 20)),
                    ("Eerste landelijke meting", date(2017, 10, 31), None),
                ],
                {2016: (40000, 6500)},
                [],
                [],
            ),
        ],
    },
}


def programme_budget():
    """{year: allocated} over every plan: what the ALV's budget decisions name."""
    totals = {}
    for plan in PLANS.values():
        for action in plan["actions"]:
            for year, (allocated, _spent) in action[7].items():
                totals[year] = totals.get(year, 0) + allocated
    return totals


def practices_for(theme, wanted):
    """The demo practices an action links to: named parels, or the theme's first few."""
    from route2020.practices.models import PracticePage

    found = []
    of_theme = PracticePage.objects.live().filter(themes=theme).order_by("path")
    for item in wanted:
        if isinstance(item, str):
            found += list(PracticePage.objects.live().filter(title=item)[:1])
        else:
            kind, number = item
            found += list(of_theme.filter(kind=kind, is_parel=False)[:number])
    return list(dict.fromkeys(found))


def events_for(slugs):
    from route2020.events.models import EventPage

    by_slug = {event.slug: event for event in EventPage.objects.live().filter(slug__in=slugs)}
    return [by_slug[slug] for slug in slugs if slug in by_slug]


def load(stdout):
    organisations = {organisation.name: organisation for organisation in Organisation.objects.all()}
    for slug, spec in PLANS.items():
        theme = ThemePage.objects.filter(slug=slug).first()
        if theme is None or theme.get_children().type(ActionPlanPage).exists():
            continue
        plan = child(
            theme,
            ActionPlanPage,
            "actieplan-2016-2020",
            title=spec["title"],
            intro=spec["intro"],
            starts_on=START,
            ends_on=END,
            goals=[
                ("goal", {"title": title, "description": description, "indicator": indicator})
                for title, description, indicator in spec["goals"]
            ],
            progress_updates=[ProgressUpdate(date=day, text=text) for day, text in spec["updates"]],
        )
        for action in spec["actions"]:
            (
                action_slug,
                title,
                owner,
                status,
                intro,
                note,
                milestones,
                budget,
                practices,
                events,
            ) = action
            child(
                plan,
                ActionPage,
                action_slug,
                title=title,
                intro=intro,
                owner_organisation=organisations.get(owner),
                status=status,
                status_note=note,
                milestones=[
                    Milestone(title=name, due_on=due, met_on=met, sort_order=index)
                    for index, (name, due, met) in enumerate(milestones)
                ],
                budget_lines=[
                    BudgetLine(
                        year=year,
                        allocated=Decimal(allocated),
                        spent=Decimal(spent),
                        sort_order=index,
                    )
                    for index, (year, (allocated, spent)) in enumerate(sorted(budget.items()))
                ],
                practice_links=[
                    ActionPractice(practice=practice, sort_order=index)
                    for index, practice in enumerate(practices_for(theme, practices))
                ],
                event_links=[
                    ActionEvent(event=event, sort_order=index)
                    for index, event in enumerate(events_for(events))
                ],
            )
        stdout.write(f"Actieplan: {plan.title} ({len(spec['actions'])} acties)\n")
