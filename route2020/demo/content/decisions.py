"""Demo decisions at /besluiten/, and the programme's timeline on /themas/.

The first four are the seed's: the board's assignment of February 2015, the ALV's five
themes of June 2015, the board meeting of 4 September 2015 on the plan of approach, and the
ALV of 10 December 2015 with the budget 2016 for Route 2020. The later ones (budgets 2017 to
2020, the campaign period, the dropped satisfaction survey, going on with KB and SPN) are made
up to fit the seed and the demo plans (`agenda.py`); their amounts are the plans' totals.

The timeline belongs to the theme index page; it is filled here because it links to these
decisions.
"""

from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Collection

from route2020.agenda.models import ActionPlanPage
from route2020.core.pages import child, publish
from route2020.decisions.models import Body, DecisionDocument, DecisionIndexPage, DecisionPage
from route2020.themes.models import ThemeIndexPage, ThemePage, TimelineEntry

from .agenda import programme_budget
from .core import home_page

SEED = True
MENU = {"besluiten": 45}

ALL = "*"
MARKETING = "collectieve-marketing"

# slug, title, body, date, precision, intro, decision text (paragraphs), themes, plans,
# budget year, document title
DECISIONS = [
    (
        "opdracht-branche-ontwikkelplan",
        "Opdracht voor een branche ontwikkelplan",
        Body.BOARD,
        date(2015, 2, 1),
        "maand",
        "Het bestuur bundelt de acties en plannen waar de leden om vroegen tot één "
        "ontwikkelplan voor de branche.",
        [
            "Het VOB bestuur heeft besloten de, door de leden, gevraagde acties en plannen samen "
            "te bundelen tot een integraal branche Ontwikkelplan. Dit plan kan bij vaststelling "
            "ervan ook de nu geldende strategische brancheagenda 2012 - 2016 in een vloeiende "
            "overgang opvolgen.",
            "Het bureau voert gesprekken met personen die dit traject kunnen gaan trekken.",
        ],
        [],
        [],
        None,
        "",
    ),
    (
        "vijf-themas",
        "Vijf thema's voor Route 2020",
        Body.ALV,
        date(2015, 6, 1),
        "maand",
        "De ledenvergadering stemt in met de uitwerking van vijf thema's, gekozen op basis van "
        "de ledenenquête van maart 2015.",
        [
            "De ledenvergadering heeft ingestemd met de uitwerking van vijf thema's voor het "
            "branche ontwikkelplan 'Route 2020' en heeft het bestuur verzocht om een "
            "uitvoeringsplan op te stellen.",
        ],
        [ALL],
        [],
        None,
        "",
    ),
    (
        "plan-van-aanpak-het-startschot",
        "Plan van aanpak ‘Route 2020: het startschot’",
        Body.BOARD,
        date(2015, 9, 4),
        "dag",
        "Het bestuur bespreekt het plan van aanpak en stuurt het naar de leden.",
        [
            "Het bestuur heeft het plan van aanpak 'Route 2020: het startschot' besproken en "
            "stuurt het naar de leden, zodat de vijf thema's dit najaar in samenspraak met de "
            "leden worden uitgewerkt tot concrete, meerjarige actieplannen.",
            "De actieplannen worden voorgelegd aan de algemene ledenvergadering van 10 december "
            "2015.",
        ],
        [ALL],
        [],
        None,
        "",
    ),
    (
        "begroting-2016-route-2020",
        "Begroting 2016: middelen voor Route 2020",
        Body.ALV,
        date(2015, 12, 10),
        "dag",
        "De algemene ledenvergadering stelt de actieplannen vast en maakt in de begroting 2016 "
        "geld vrij voor Route 2020.",
        [
            "De algemene ledenvergadering stelt de vijf actieplannen van Route 2020 vast voor de "
            "periode 2016–2020.",
            "De ledenvergadering stelt de begroting 2016 vast, met daarin {amount} voor de "
            "uitvoering van de actieplannen van Route 2020.",
        ],
        [ALL],
        [ALL],
        2016,
        "Besluitenlijst ALV 10 december 2015",
    ),
    (
        "begroting-2017-route-2020",
        "Begroting 2017 voor Route 2020",
        Body.ALV,
        date(2016, 12, 1),
        "maand",
        "De ledenvergadering stelt het budget 2017 voor de actieplannen vast.",
        [
            "De algemene ledenvergadering stelt de begroting 2017 vast, met daarin {amount} voor "
            "de actieplannen van Route 2020. De campagne krijgt het grootste deel: in 2017 "
            "begint de eerste landelijke campagneperiode.",
        ],
        [ALL],
        [ALL],
        2017,
        "Besluitenlijst ALV december 2016",
    ),
    (
        "campagneperiode-glansrijk",
        "Campagneperiode ‘Glansrijk’ vanaf 1 mei 2017",
        Body.BOARD,
        date(2017, 3, 1),
        "maand",
        "Het bestuur stemt in met de eerste campagneperiode van ‘de Bibliotheek maakt je rijker’.",
        [
            "Het bestuur stemt in met een campagneperiode vanaf 1 mei 2017 met het thema "
            "‘Glansrijk’, gericht op eindexamenkandidaten. De online media-inzet wordt via het "
            "budget voor de campagne landelijk ingekocht.",
            "Na de zomer volgen Fantasierijk en Initiatiefrijk; het campagneteam en het "
            "marketingteam adviseren over de uitwerking.",
        ],
        [MARKETING],
        [MARKETING],
        None,
        "",
    ),
    (
        "klanttevredenheidsmeting-vervalt",
        "Landelijke klanttevredenheidsmeting vervalt",
        Body.BOARD,
        date(2017, 3, 2),
        "maand",
        "De meting gaat op in het landelijke bibliotheekonderzoek van de KB.",
        [
            "Het bestuur laat de actie ‘Landelijke klanttevredenheidsmeting’ vervallen. De KB "
            "neemt de vragen op in het landelijke bibliotheekonderzoek, zodat bibliotheken niet "
            "twee keer hoeven te meten.",
            "Het budget dat vanaf 2017 voor de meting bedoeld was, gaat naar de campagne.",
        ],
        [MARKETING],
        [MARKETING],
        None,
        "",
    ),
    (
        "begroting-2018-samen-verder",
        "Begroting 2018 en samen verder met KB en SPN",
        Body.ALV,
        date(2017, 12, 1),
        "maand",
        "Route 2020 gaat door, samen met de KB en SPN; de ledenvergadering stelt het budget "
        "2018 vast.",
        [
            "De algemene ledenvergadering stemt ermee in dat de VOB Route 2020 voortzet samen met "
            "de Koninklijke Bibliotheek en Stichting Samenwerkende POI's Nederland, zoals op 20 "
            "november 2017 aangekondigd.",
            "De ledenvergadering stelt de begroting 2018 vast, met daarin {amount} voor de "
            "actieplannen van Route 2020.",
        ],
        [ALL],
        [ALL],
        2018,
        "Besluitenlijst ALV december 2017",
    ),
    (
        "begroting-2019-route-2020",
        "Begroting 2019 voor Route 2020",
        Body.ALV,
        date(2018, 12, 1),
        "maand",
        "De ledenvergadering stelt het budget 2019 voor de actieplannen vast.",
        [
            "De algemene ledenvergadering stelt de begroting 2019 vast, met daarin {amount} voor "
            "de actieplannen van Route 2020.",
        ],
        [ALL],
        [ALL],
        2019,
        "",
    ),
    (
        "begroting-2020-route-2020",
        "Begroting 2020: het laatste jaar van Route 2020",
        Body.ALV,
        date(2019, 12, 1),
        "maand",
        "De ledenvergadering stelt het budget vast voor het laatste jaar van de actieplannen.",
        [
            "De algemene ledenvergadering stelt de begroting 2020 vast, met daarin {amount} voor "
            "het laatste jaar van de actieplannen van Route 2020.",
        ],
        [ALL],
        [ALL],
        2020,
        "",
    ),
]

# date, precision, title, text, link: ("besluit", slug) | ("nieuws", title) | ("bijeenkomst", slug)
TIMELINE = [
    (
        date(2015, 2, 1),
        "maand",
        "Het bestuur geeft opdracht voor een branche ontwikkelplan",
        "De gevraagde acties en plannen van de leden worden gebundeld tot één ontwikkelplan.",
        ("besluit", "opdracht-branche-ontwikkelplan"),
    ),
    (
        date(2015, 6, 1),
        "maand",
        "De ledenvergadering kiest vijf thema's",
        "Op basis van een enquête onder de leden in maart.",
        ("besluit", "vijf-themas"),
    ),
    (
        date(2015, 9, 4),
        "dag",
        "Route 2020: het startschot",
        "Het bestuur bespreekt het plan van aanpak en stuurt het naar de leden.",
        ("besluit", "plan-van-aanpak-het-startschot"),
    ),
    (
        date(2015, 12, 10),
        "dag",
        "De ALV stelt de actieplannen en het budget 2016 vast",
        "In de begroting 2016 komt geld vrij voor Route 2020.",
        ("besluit", "begroting-2016-route-2020"),
    ),
    (
        date(2016, 4, 1),
        "maand",
        "Ga mee op reis: de eerste vier acties",
        "Deel praktijkvoorbeelden, kom naar de PleisterPlaatsOntmoetingen, volg de Reisflitsen "
        "en gebruik BiebtoBieb.",
        ("nieuws", "Ga mee op reis: eerste acties"),
    ),
    (
        date(2016, 4, 1),
        "maand",
        "Regiogidsen op verkenning",
        "In april, mei en juni 2016 halen vier regiogidsen praktijkvoorbeelden op; in juli volgt "
        "het Reisadvies.",
        ("nieuws", "Verkenning door regiogidsen"),
    ),
    (
        date(2017, 5, 1),
        "dag",
        "Campagne ‘de Bibliotheek maakt je rijker’: Glansrijk",
        "De eerste campagneperiode richt zich op eindexamenkandidaten.",
        ("nieuws", "Campagne de Bibliotheek maakt je rijker"),
    ),
    (
        date(2017, 11, 20),
        "dag",
        "Delen maakt je rijker: 100% bibliotheken",
        "Acht parels en vijftien deel-je-rijk-sessies in Cultura, Ede.",
        ("bijeenkomst", "delen-maakt-je-rijker-2017"),
    ),
    (
        date(2017, 11, 20),
        "maand",
        "Route 2020 gaat door",
        "KB, SPN en VOB gaan samen verder op de ingeslagen weg.",
        ("nieuws", "Route 2020 gaat door"),
    ),
]


def euros(amount):
    text = f"{amount:,.0f}".replace(",", ".")
    return f"€\u00a0{text}"


def besluitenlijst(title, paragraphs):
    """A small text document with the decision, as the office would attach the minutes."""
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    text = "\n\n".join([title, *paragraphs]) + "\n"
    # A database emptied by a test's flush has lost Wagtail's root collection too.
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    document = Document(title=title, collection=root)
    slug = title.lower().replace(" ", "-")
    document.file.save(f"{slug}.txt", ContentFile(text.encode()), save=False)
    document.save()
    return document


def rich_text(paragraphs):
    from django.utils.html import escape

    return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)


def load(stdout):
    index = child(
        home_page(),
        DecisionIndexPage,
        "besluiten",
        title="Besluiten",
        show_in_menus=True,
        intro="Wat de algemene ledenvergadering en het bestuur over Route 2020 besloten: de "
        "thema's, de actieplannen en het budget.",
    )
    themes = list(ThemePage.objects.live().order_by("number"))
    plans = list(ActionPlanPage.objects.live().order_by("path"))
    budget = programme_budget()
    existing = set(index.get_children().values_list("slug", flat=True))
    for row in DECISIONS:
        slug, title, body, day, precision, intro, text, theme_slugs, plan_themes, year, doc = row
        if slug in existing:
            continue
        paragraphs = [p.format(amount=euros(budget.get(year, 0))) for p in text]
        decision = DecisionPage(
            slug=slug,
            title=title,
            intro=intro,
            decided_by=body,
            decided_on=day,
            date_precision=precision,
            decision=rich_text(paragraphs),
            budget_year=year,
            budget_amount=Decimal(budget[year]) if year in budget else None,
        )
        decision.themes = [t for t in themes if ALL in theme_slugs or t.slug in theme_slugs]
        decision.plans = [
            plan
            for plan in plans
            if ALL in plan_themes or any(f"/{theme}/" in plan.url_path for theme in plan_themes)
        ]
        if doc:
            decision.documents = [DecisionDocument(document=besluitenlijst(doc, paragraphs))]
        index.add_child(instance=decision)
        publish(decision)
    load_timeline(index)


def load_timeline(decisions_index):
    from route2020.events.models import EventPage
    from route2020.news.models import NewsItemPage

    themes_index = ThemeIndexPage.objects.first()
    if themes_index is None or themes_index.timeline.exists():
        return
    themes_index = themes_index.specific

    def target(kind, key):
        if kind == "besluit":
            return decisions_index.get_children().filter(slug=key).first()
        if kind == "nieuws":
            return NewsItemPage.objects.filter(title=key).first()
        return EventPage.objects.filter(slug=key).first()

    themes_index.timeline = [
        TimelineEntry(
            date=day,
            date_precision=precision,
            title=title,
            text=text,
            link=target(*link),
            sort_order=number,
        )
        for number, (day, precision, title, text, link) in enumerate(TIMELINE)
    ]
    publish(themes_index)
