"""The campaign "de Bibliotheek maakt je rijker" at /campagne/: the seed's periods (Glansrijk
from 1 May 2017, then Fantasierijk and Initiatiefrijk after the summer), the agency
Trendsactive, the campagneteam and marketingteam, materials, and libraries taking part.

A fourth period, a new round of Initiatiefrijk, runs from two weeks ago, so a demo member can
sign up. Older demo databases had /campagne/ as a plain content page: it is replaced.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Collection

from route2020.campaign.models import (
    CampaignMaterial,
    CampaignPage,
    CampaignPeriodPage,
    CampaignSignup,
    CampaignTeam,
)
from route2020.core.models import Organisation
from route2020.core.pages import publish
from route2020.groups.models import GroupPage

from .. import seed
from .core import home_page, rich_text

SEED = True
MENU = {"campagne": 60}

TEXT = seed.NEWS[9][3]  # "Campagne de Bibliotheek maakt je rijker"

# slug, title, starts, ends, target group, message, media budget, intro, materials
PERIODS = [
    (
        "glansrijk",
        "Glansrijk",
        date(2017, 5, 1),
        date(2017, 6, 30),
        "Eindexamenkandidaten",
        "Haal je examen met de Bibliotheek: rustige studieplekken, examenbundels en hulp bij "
        "plannen. De Bibliotheek maakt je rijker.",
        Decimal("85000"),
        "Vanaf 1 mei 2017 richt de campagne zich op eindexamenkandidaten. De online media-inzet "
        "wordt via het budget voor de campagne landelijk ingekocht.",
        [
            ("Glansrijk: poster A3", "Poster voor in de vestiging, met ruimte voor je logo."),
            ("Glansrijk: teksten voor sociale media", "Berichten en beelden voor mei en juni."),
        ],
    ),
    (
        "fantasierijk",
        "Fantasierijk",
        date(2017, 8, 28),
        date(2017, 10, 15),
        "Ouders en verzorgers van jonge kinderen, leerkrachten in het basisonderwijs",
        "Voorlezen maakt je kind rijker, elke dag, vanaf de start van het schooljaar.",
        Decimal("120000"),
        "Na de zomer: het belang van voorlezen, in combinatie met de start van het schooljaar.",
        [("Fantasierijk: voorleestips voor ouders", "Flyer om mee te geven bij het lenen.")],
    ),
    (
        "initiatiefrijk",
        "Initiatiefrijk",
        date(2017, 10, 30),
        date(2017, 12, 22),
        "Volwassenen die zich persoonlijk willen ontwikkelen",
        "Leer iets nieuws bij de Bibliotheek: cursussen, het Taalhuis of een Walk&talk.",
        Decimal("95000"),
        "Aanbod voor persoonlijke ontwikkeling voor volwassenen, zoals cursussen maar ook "
        "bijvoorbeeld Taalhuis of Walk&talk.",
        [("Initiatiefrijk: poster en banner", "Poster A3 en een webbanner.")],
    ),
]

# A library's local activity per period: (organisation name, period slug, what they do).
SIGNUPS = [
    ("Stadkamer Zwolle", "glansrijk", "Examenavonden in de Stadkamer met stille studieplekken tot 22 uur."),
    ("Kulturhus Haaksbergen", "glansrijk", "Posters op het Assink Lyceum en een examenhoek in het Kulturhus."),
    ("Bibliotheek Eindhoven", "glansrijk", "Studieplekken reserveren via de website; campagne op de schermen in De Witte Dame."),
    ("Bibliotheek Drachten", "glansrijk", "Samen met het Liudger de examentraining in de bibliotheek."),
    ("Bibliotheek Groningen", "glansrijk", "Blokavonden in de Centrale Bibliotheek met koffie en examenbundels."),
    ("Bibliotheek Tilburg", "glansrijk", "Instagram-actie voor eindexamenkandidaten in Tilburg."),
    ("Bibliotheek Middelburg", "glansrijk", "Extra studieplekken in de Zeeuwse Bibliotheek tijdens de examens."),
    ("Bibliotheek Z-O-U-T", "fantasierijk", "Voorleesontbijt op de basisscholen in Houten bij de start van het schooljaar."),
    ("Bibliotheek West-Achterhoek", "fantasierijk", "Voorleestassen voor groep 1 in Doetinchem en omstreken."),
    ("Bibliotheek Arnhem", "fantasierijk", "Voorleesouders in Rozet en een flyer bij elke inschrijving van een kind."),
    ("Bibliotheek Leeuwarden", "fantasierijk", "Voorleesuur op zaterdag in de Centrale Bibliotheek en posters op de scholen."),
    ("Bibliotheek Utrecht", "fantasierijk", "Fantasierijk-week in alle Utrechtse vestigingen met voorlezers uit de wijk."),
    ("Bibliotheek Maastricht", "fantasierijk", "Voorlezen in Centre Céramique en op de kinderopvang."),
    ("De Domijnen Sittard-Geleen", "initiatiefrijk", "Taalhuis-spreekuren en cursussen digitale vaardigheden in Sittard en Geleen."),
    ("Bibliotheek Enschede", "initiatiefrijk", "Walk&talk door Roombeek en een cursusmarkt in de Centrale Bibliotheek."),
    ("Bibliotheek Almere", "initiatiefrijk", "Taalcafé en sollicitatiehulp in De Nieuwe Bibliotheek."),
    ("Bibliotheek Amersfoort", "initiatiefrijk", "Cursusaanbod van Eemhuis-partners in één folder, met het campagnebeeld."),
    ("Bibliotheek Haarlem", "initiatiefrijk", "Workshops 'Leer iets nieuws' in de Centrale Bibliotheek Haarlem."),
    ("Bibliotheek Assen", "initiatiefrijk", "Taalhuis Assen en een avond over omscholing met het UWV."),
    ("Bibliotheek Rotterdam", "initiatiefrijk-nieuwe-ronde", "Cursusweek in de Centrale Bibliotheek met het Taalhuis en de Digitale Huiskamer."),
    ("Bibliotheek Breda", "initiatiefrijk-nieuwe-ronde", "Walk&talks door het Chassépark en een open spreekuur van het Taalhuis."),
    ("Bibliotheek Nijmegen", "initiatiefrijk-nieuwe-ronde", "Posters en een cursusmarkt in de Mariënburg-bibliotheek."),
]  # fmt: skip


def pdf(text):
    """A one-page PDF with one line of text: the demo's stand-in for real campaign material."""
    line = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 18 Tf 50 760 Td ({line}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def material(title):
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    document = Document(title=title, collection=root)
    slug = title.lower().replace(":", "").replace(" ", "-")
    document.file.save(f"{slug}.pdf", ContentFile(pdf(title)), save=False)
    document.save()
    return document


def campaign_page(home):
    existing = home.get_children().filter(slug="campagne").first()
    if existing is not None and isinstance(existing.specific, CampaignPage):
        return existing.specific, False
    if existing is not None:
        existing.delete()  # the plain content page of older demo databases
    teams = GroupPage.objects.filter(slug__in=["campagneteam", "marketingteam"]).order_by("slug")
    page = CampaignPage(
        slug="campagne",
        title="Campagne",
        english_title="Campaign",
        seo_title="Campagne de Bibliotheek maakt je rijker",
        show_in_menus=True,
        intro="Eén landelijke campagne die elke bibliotheek lokaal kan gebruiken, in periodes met "
        "elk een eigen thema. " + TEXT[0],
        body=[("paragraph", rich_text(TEXT[1:]))],
        agency=Organisation.objects.filter(name="Trendsactive").first(),
        agency_assignment="Trendsactive heeft van de actielijn positionering en marketing uit "
        "Route2020 de opdracht gekregen om de Bibliotheek te positioneren als partner in "
        "persoonlijke ontwikkeling.",
        teams=[CampaignTeam(group=group) for group in teams],
    )
    home.add_child(instance=page)
    publish(page)
    return page, True


def load(stdout):
    campaign, new = campaign_page(home_page())
    if not new:
        return
    today = timezone.localdate()
    periods = PERIODS + [
        (
            "initiatiefrijk-nieuwe-ronde",
            "Initiatiefrijk, nieuwe ronde",
            today - timedelta(days=14),
            today + timedelta(days=60),
            "Volwassenen die zich persoonlijk willen ontwikkelen",
            "Leer iets nieuws bij de Bibliotheek: cursussen, het Taalhuis of een Walk&talk.",
            Decimal("60000"),
            "Route 2020 gaat door: een nieuwe ronde van Initiatiefrijk, met het materiaal van "
            "2017 in een nieuwe versie.",
            [("Initiatiefrijk nieuwe ronde: poster A3", "Poster met ruimte voor je eigen aanbod.")],
        )
    ]
    by_slug = {}
    for slug, title, starts, ends, target, message, budget, intro, materials in periods:
        period = CampaignPeriodPage(
            slug=slug,
            title=title,
            intro=intro,
            starts_on=starts,
            ends_on=ends,
            target_group=target,
            message=message,
            media_budget=budget,
            materials=[
                CampaignMaterial(document=material(name), description=description)
                for name, description in materials
            ],
        )
        campaign.add_child(instance=period)
        publish(period)
        by_slug[slug] = period
    organisations = {organisation.name: organisation for organisation in Organisation.objects.all()}
    for name, slug, activity in SIGNUPS:
        if name in organisations:
            CampaignSignup.objects.get_or_create(
                period=by_slug[slug],
                organisation=organisations[name],
                defaults={"activity": activity},
            )
