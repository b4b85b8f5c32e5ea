"""The accessibility statement, in the form of the Dutch government's model statement
(toegankelijkheidsverklaring, digitoegankelijk.nl): who, status, how it was checked, what is
not accessible yet, what we do about it, contact and what you can do when a complaint is not
solved.

Text as data: the demo loader (and an installation's first set-up) fills the page at
/toegankelijkheid/ with `accessibility_statement(...)`; editors keep it current in the CMS.
"""

from datetime import date

from django.utils import formats
from django.utils.html import escape
from django.utils.translation import override

# The model statement's compliance status, A (fully) to E (no statement).
STATUS = "B"
STATUS_TEXT = "B – voldoet gedeeltelijk"
# What is known not to meet WCAG 2.2 AA yet: (what, why, what we do and by when).
KNOWN_ISSUES = [
    (
        "De kaart ‘Hoe praktijkvoorbeelden zich verspreiden’",
        "Een schermlezer leest de kaart als één afbeelding; de lijnen tussen bibliotheken zijn "
        "niet los te volgen.",
        "Dezelfde cijfers staan in de tabel naast de kaart. Een lijst van de overnames bij de "
        "tabel staat op de planning.",
    ),
    (
        "Documenten die bibliotheken en de redactie uploaden (pdf, Word)",
        "Niet elk document heeft koppen, een taal en beschrijvingen bij afbeeldingen.",
        "Nieuwe documenten controleert de redactie bij het plaatsen; van oude documenten maken "
        "we op verzoek een toegankelijke versie.",
    ),
    (
        "Het beheergedeelte (/beheer/)",
        "Dit is het CMS Wagtail; het is niet apart getoetst.",
        "We volgen de toegankelijkheidsverbeteringen van Wagtail en melden wat we vinden.",
    ),
]


def _paragraph(*texts):
    return ("paragraph", "".join(f"<p>{escape(text)}</p>" for text in texts))


def _heading(text):
    return ("heading", {"text": text, "level": "h2"})


def accessibility_statement(*, organisation, site_name, contact_email, checked_on=None):
    """The statement as StreamField blocks (`heading` and `paragraph` of core.blocks)."""
    checked_on = checked_on or date.today()
    with override("nl"):
        when = formats.date_format(checked_on, "j F Y")
    contact = (
        f"Mail naar {contact_email}. We antwoorden binnen vijf werkdagen en lossen het "
        "probleem binnen drie maanden op, of vertellen je waarom dat niet lukt en wat je "
        "intussen kunt doen."
    )
    issues = "".join(
        f"<li><strong>{escape(what)}</strong>: {escape(why)} {escape(action)}</li>"
        for what, why, action in KNOWN_ISSUES
    )
    return [
        _paragraph(
            f"{organisation} wil dat iedereen de website {site_name} kan gebruiken: ook wie "
            "slecht ziet of hoort, alleen een toetsenbord gebruikt of een schermlezer. Daarom "
            "houden we ons aan de Web Content Accessibility Guidelines (WCAG) 2.2 op niveau A "
            "en AA, de norm die ook voor de overheid geldt (EN 301 549)."
        ),
        _heading("Nalevingsstatus"),
        _paragraph(
            f"Status {STATUS_TEXT}. {site_name} voldoet gedeeltelijk aan de eisen: hieronder "
            "staat wat nog niet toegankelijk is en wat we daaraan doen."
        ),
        _heading("Hoe we dit hebben onderzocht"),
        _paragraph(
            f"Op {when} hebben we elk soort pagina van de website bekeken. Elke wijziging "
            "wordt automatisch getest: met axe-core op de WCAG-eisen, met de W3C-validator op "
            "geldige HTML, op 320 pixels breed zonder horizontaal scrollen en met alleen het "
            "toetsenbord. Daarnaast hebben we de pagina's met de hand nagelopen op een groot "
            "scherm, op een telefoon en op papier (printen).",
            "Een onderzoek door een onafhankelijke deskundige staat gepland; de uitkomst komt "
            "in deze verklaring.",
        ),
        _heading("Wat nog niet toegankelijk is"),
        ("paragraph", f"<ul>{issues}</ul>"),
        _heading("Contact: loop je tegen een probleem aan?"),
        _paragraph(
            "Kun je iets op deze website niet gebruiken, of niet lezen? Laat het ons weten, "
            "met het adres van de pagina en wat er misging.",
            contact,
        ),
        _heading("Handhaving: als het niet wordt opgelost"),
        _paragraph(
            f"Ben je niet tevreden met ons antwoord? Dien dan een klacht in bij het bestuur "
            f"van de {organisation}, via hetzelfde adres. Lost dat het niet op, dan kun je "
            "het College voor de Rechten van de Mens vragen of we je hadden moeten helpen "
            "(Wet gelijke behandeling op grond van handicap of chronische ziekte): dat is "
            "gratis, zie mensenrechten.nl.",
        ),
        _heading("Over deze verklaring"),
        _paragraph(
            f"Deze verklaring volgt het model van de Rijksoverheid (digitoegankelijk.nl) en is "
            f"voor het laatst bijgewerkt op {when}. We werken haar minstens eens per jaar bij."
        ),
    ]
