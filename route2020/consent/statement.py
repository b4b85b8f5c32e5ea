"""The text of the privacy statement, in the form of the Dutch government's model privacy
statement, and a function that makes the page from it.

The demo content loads it (`load_privacy_statement(home)`); on a real site the office starts
from it and edits the page in /beheer/. Every purpose the platform's apps store personal data
for is listed; an app that adds one adds its row here (see docs/privacy.md).
"""

from django.utils.html import escape

from .models import LegalBasis

INTRO = (
    "Route 2020 bewaart zo weinig mogelijk over je, en niets zonder reden. Hier lees je welke "
    "gegevens we verwerken, waarom, op welke grondslag, hoe lang we ze bewaren en wat je "
    "rechten zijn."
)
CONTROLLER = "Vereniging van Openbare Bibliotheken"
CONTACT_EMAIL = "privacy@route2020.example"

PROCESSINGS = [
    {
        "purpose": "Een account om mee te doen",
        "description": "Zodat je kunt inloggen, namens je organisatie praktijkvoorbeelden kunt "
        "delen, kunt melden dat jullie een voorbeeld hebben overgenomen en je aan kunt melden "
        "voor bijeenkomsten voor leden.",
        "data": "Naam, e-mailadres, organisatie, functie, de taal van je e-mails, je rol en "
        "wanneer je voor het laatst inlogde. Je wachtwoord bewaren we alleen versleuteld.",
        "legal_basis": LegalBasis.CONTRACT,
        "retention": "Zolang je account bestaat. Verwijder je je account, dan verwijderen we "
        "deze gegevens direct. Wat je namens je organisatie deelde, blijft staan zonder je naam.",
        "recipients": "Niemand buiten de vereniging. Je naam en organisatie zijn zichtbaar bij "
        "wat je deelt.",
    },
    {
        "purpose": "Aanmelden voor een bijeenkomst",
        "description": "Om je plaats te reserveren, je een bevestiging, een herinnering en na "
        "afloop een vervolgvraag te mailen, en om de deelnemerslijst te maken.",
        "data": "Naam, e-mailadres, organisatie, de sessies die je kiest en de taal waarin je "
        "je aanmeldde.",
        "legal_basis": LegalBasis.CONTRACT,
        "retention": "Bevestig je je aanmelding als bezoeker niet binnen 48 uur, dan wissen we "
        "je gegevens. Twaalf maanden na de bijeenkomst halen we je naam, e-mailadres en "
        "organisatie uit de aanmelding; alleen de aantallen blijven.",
        "recipients": "De organisatoren van de bijeenkomst (het bureau van de vereniging). Op "
        "de dag zelf staat je naam op de aanwezigheidslijst.",
    },
    {
        "purpose": "De Reisflitsen (nieuwsbrief)",
        "description": "Om je de Reisflitsen te sturen, alleen over de thema's die je kiest.",
        "data": "E-mailadres; als je dat opgeeft ook naam, organisatie en thema's; wanneer je "
        "je aan- en afmeldde en welke uitgaven we je stuurden.",
        "legal_basis": LegalBasis.CONSENT,
        "retention": "Tot je je afmeldt (met één klik, onderaan elke Reisflits). Daarna "
        "bewaren we alleen je e-mailadres en de data van aan- en afmelden, als bewijs van je "
        "keuze. Een aanmelding die je niet bevestigt, wissen we.",
        "recipients": "Niemand. We versturen de Reisflitsen zelf.",
    },
    {
        "purpose": "Contactpersoon van een praktijkvoorbeeld",
        "description": "Zodat collega's van andere bibliotheken je kunnen vragen hoe jullie het "
        "hebben aangepakt.",
        "data": "Naam, e-mailadres en telefoonnummer van de contactpersoon, zoals de "
        "bibliotheek die opgaf.",
        "legal_basis": LegalBasis.LEGITIMATE_INTEREST,
        "retention": "Zolang het praktijkvoorbeeld online staat, of tot je vraagt je gegevens "
        "weg te halen of je account verwijdert.",
        "recipients": "Alleen ingelogde leden zien de contactgegevens; bezoekers zien nooit een "
        "e-mailadres.",
    },
    {
        "purpose": "Tip een vriend",
        "description": "Om een pagina door te sturen naar iemand die je opgeeft.",
        "data": "Het e-mailadres van de ontvanger, je naam en je bericht.",
        "legal_basis": LegalBasis.LEGITIMATE_INTEREST,
        "retention": "We bewaren de tip niet: hij staat alleen in de wachtrij tot hij is "
        "verstuurd, en wordt daarna binnen een dag gewist.",
        "recipients": "Alleen de ontvanger die je opgeeft.",
    },
    {
        "purpose": "Statistieken",
        "description": "Om te zien welke pagina's worden gebruikt en waar bezoekers naar zoeken "
        "zonder iets te vinden, zodat we de website kunnen verbeteren.",
        "data": "Voor iedereen, zonder cookie: per dag hoe vaak elke pagina is bekeken en welke "
        "zoektermen niets opleverden. We bewaren geen IP-adres en geen browsergegevens. Alleen "
        "als je ‘Ja’ zegt op de cookievraag: een willekeurig nummer in een cookie, waarmee we "
        "unieke en terugkerende bezoekers tellen; wij bewaren daarvan alleen een versleutelde "
        "vorm en de eerste en laatste dag van je bezoek.",
        "legal_basis": LegalBasis.CONSENT,
        "retention": "Dertien maanden; daarna verwijderen we de gegevens automatisch. Zeg je "
        "‘Nee’, dan verwijderen we de cookie en wat we onder dat nummer bewaarden.",
        "recipients": "Niemand. We gebruiken geen statistiekdienst van een ander bedrijf.",
    },
    {
        "purpose": "Beveiliging van het inloggen",
        "description": "Om te voorkomen dat iemand een wachtwoord raadt.",
        "data": "Het aantal mislukte inlogpogingen per IP-adres en per account.",
        "legal_basis": LegalBasis.LEGITIMATE_INTEREST,
        "retention": "Alleen zo lang als nodig is om een inbraakpoging te stoppen.",
        "recipients": "Niemand.",
    },
]

# The other parts of the model statement: (heading, paragraphs); a list is a bulleted list.
SECTIONS = [
    (
        "Met wie we gegevens delen",
        [
            "We verkopen je gegevens niet en geven ze niet aan anderen, behalve als de wet ons "
            "daartoe verplicht. Het bedrijf dat de servers voor ons beheert, werkt in onze "
            "opdracht en alleen volgens onze afspraken (een verwerkersovereenkomst).",
            "Je gegevens blijven in de Europese Economische Ruimte.",
        ],
    ),
    (
        "Cookies",
        [
            "Deze website maakt geen verbinding met andere websites: lettertypen, "
            "afbeeldingen en scripts komen van deze website zelf. We gebruiken alleen eigen "
            "cookies:",
            [
                "een sessiecookie, alleen als je bent ingelogd;",
                "een beveiligingscookie op pagina's met een formulier;",
                "een cookie met je antwoord op de cookievraag (een jaar);",
                "alleen na ‘Ja’: een statistiekcookie met een willekeurig nummer (een jaar);",
                "alleen als je zonder in te loggen een enquête voor iedereen verstuurt: een "
                "enquêtecookie met een willekeurig nummer, zodat je elke enquête één keer "
                "invult (een jaar).",
            ],
            "Je kunt je antwoord altijd veranderen onderaan elke pagina.",
        ],
    ),
    (
        "Geautomatiseerde besluiten",
        [
            "We nemen geen besluiten over je die alleen door een computer worden genomen.",
        ],
    ),
    (
        "Hoe we je gegevens beveiligen",
        [
            "De website werkt alleen via een beveiligde verbinding (https). Wachtwoorden "
            "bewaren we alleen versleuteld. Alleen medewerkers die de gegevens voor hun werk "
            "nodig hebben, kunnen erbij.",
        ],
    ),
    (
        "Je rechten",
        [
            "Je mag je gegevens inzien, laten verbeteren of laten verwijderen, de verwerking "
            "laten beperken, bezwaar maken en je gegevens meenemen. Heb je toestemming "
            "gegeven, dan mag je die altijd intrekken.",
            [
                "Met een account download je al je gegevens op je profielpagina, en daar "
                "verwijder je ook je account;",
                "van de Reisflitsen meld je je af met de link onderaan elke uitgave;",
                "je antwoord op de cookievraag verander je onderaan elke pagina.",
            ],
            "Lukt het zo niet, mail ons dan. We antwoorden binnen een maand.",
        ],
    ),
    (
        "Een klacht indienen",
        [
            "Ben je niet tevreden over hoe we met je gegevens omgaan, laat het ons weten. Je "
            "kunt ook een klacht indienen bij de Autoriteit Persoonsgegevens "
            "(autoriteitpersoonsgegevens.nl).",
        ],
    ),
    (
        "Wijzigingen",
        [
            "Verandert er iets in hoe we met gegevens omgaan, dan passen we deze verklaring "
            "aan. Onderaan de pagina staat wanneer dat voor het laatst gebeurde.",
        ],
    ),
]


def body():
    """The sections as StreamField data: a heading and a paragraph block each."""
    blocks = []
    for heading, paragraphs in SECTIONS:
        blocks.append(("heading", {"text": heading, "level": "h2"}))
        html = []
        for paragraph in paragraphs:
            if isinstance(paragraph, list):
                html.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in paragraph) + "</ul>")
            else:
                html.append(f"<p>{escape(paragraph)}</p>")
        blocks.append(("paragraph", "".join(html)))
    return blocks


def load_privacy_statement(parent, slug="privacy", title="Privacyverklaring"):
    """The privacy statement below `parent`, made and published from this text when there is
    none (one that exists is left as the office edited it). Returns the page."""
    from .models import PrivacyStatementPage, Processing

    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = PrivacyStatementPage(
        slug=slug,
        title=title,
        intro=INTRO,
        controller_name=CONTROLLER,
        contact_email=CONTACT_EMAIL,
        body=body(),
    )
    page.processings = [Processing(**row) for row in PROCESSINGS]
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
