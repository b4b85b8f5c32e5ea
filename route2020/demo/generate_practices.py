"""Generated practices in plausible Dutch, written in bulk: for the demo, tests and benchmarks.

`Page.add_child()` and a publish cost a tree lock, a revision and a dozen queries per page,
minutes for thousands of practices; `create_practices()` computes the treebeard paths itself
and inserts each table with one statement per batch.
"""

import random
from datetime import date, datetime, time, timedelta

from django.db import connection
from django.utils import timezone
from django.utils.text import slugify

from route2020.practices.models import (
    EvidenceLevel,
    Kind,
    PartnerType,
    Phase,
    PracticePage,
    PracticePartner,
    PracticeStep,
    Status,
)

# A small grammar of plausible practices: (name, what happens, audiences, who is counted).
# The sentence is a main clause with its subject first; "{audience}" is filled with one of
# the activity's own audiences, and "voor <audience>" is added to the name only for those,
# so no practice is a reading club for men aimed at toddlers.
ACTIVITIES = [
    ("Voorleesontbijt", "Ouders en peuters ontbijten samen in de bibliotheek en lezen een "
     "prentenboek.", (), "gezinnen"),
    ("Taalcafé", "Vrijwilligers oefenen elke week Nederlands met {audience}.",
     ("nieuwkomers", "anderstalige ouders", "statushouders"), ""),
    ("Repaircafé", "Buurtbewoners repareren één zaterdag per maand samen spullen in de "
     "bibliotheek.", (), "bezoekers"),
    ("Digitaal spreekuur", "Vrijwilligers helpen {audience} bij DigiD, toeslagen en andere "
     "zaken van de overheid online.", ("ouderen", "nieuwkomers", "inwoners"), ""),
    ("Makerspace", "{Audience} ontwerpen, programmeren en printen in 3D.",
     ("jongeren", "basisschoolleerlingen", "mbo-studenten"), ""),
    ("BoekStart", "Het consultatiebureau geeft ouders van baby's een koffertje met het eerste "
     "boekje en een uitnodiging voor de bibliotheek.", (), "gezinnen"),
    ("Leesclub voor mannen", "Mannen lezen eens per maand hetzelfde boek en bespreken het bij "
     "een biertje.", (), "deelnemers"),
    ("De Bibliotheek op school", "Een leesconsulent en een eigen collectie staan in de school; "
     "de leerkrachten krijgen hulp bij hun leesplan.",
     ("basisschoolleerlingen", "vmbo-leerlingen"), ""),
    ("Klik & Tik", "{Audience} leren stap voor stap mailen, internetten en videobellen.",
     ("ouderen", "laaggeletterden"), ""),
    ("Debatavond", "Inwoners praten in de bibliotheek met raadsleden over de plannen voor hun "
     "buurt.", (), "bezoekers"),
    ("Huiswerkklas", "Vrijwilligers helpen {audience} na schooltijd met plannen en huiswerk.",
     ("brugklassers", "vmbo-leerlingen", "basisschoolleerlingen"), ""),
    ("Taalhuis", "{Audience} vinden in het Taalhuis een taalmaatje of een cursus die bij hen "
     "past.", ("laaggeletterden", "nieuwkomers"), ""),
    ("Codeclub", "{Audience} leren programmeren met Scratch en micro:bits.",
     ("basisschoolleerlingen", "meisjes van 9 tot 12 jaar"), ""),
    ("Alzheimer Café", "Mensen met dementie en hun naasten praten elke maand met een "
     "deskundige over leven met dementie.", (), "bezoekers"),
    ("Ondernemersplein", "Starters en zzp'ers vinden in de bibliotheek werkplekken, advies en "
     "elkaar.", (), "ondernemers"),
    ("Verhalenfestival", "Inwoners vertellen een weekend lang verhalen over hun dorp en hun "
     "streek.", (), "bezoekers"),
    ("Zomerlezen", "Kinderen lezen in de zomervakantie door, zodat hun leesniveau niet "
     "terugzakt.", (), "kinderen"),
    ("Mediawijsheid in de klas", "Leerlingen leren nepnieuws herkennen en veilig internetten.",
     (), "leerlingen"),
    ("Bibliotheek aan huis", "Vrijwilligers brengen boeken bij {audience} die niet meer naar de "
     "bibliotheek kunnen komen.", ("ouderen", "mensen met een beperking"), ""),
    ("Gemeentespreekuur in de bibliotheek", "Ambtenaren van de gemeente houden elke week "
     "spreekuur in de bibliotheek.", (), "inwoners"),
    ("Vertelvoorstelling", "Een verteller trekt langs de dorpsscholen met verhalen uit de "
     "streek.", (), "leerlingen"),
    ("Bibliotheek in het buurthuis", "Een kleine collectie en wekelijkse activiteiten brengen "
     "de bibliotheek naar het buurthuis.", (), "bezoekers"),
    ("Schrijfwerkplaats", "{Audience} schrijven verhalen en gedichten onder begeleiding van een "
     "schrijver.", ("jongeren", "ouderen"), ""),
    ("Filosofiecafé", "Inwoners denken één avond per maand samen na over grote vragen.", (),
     "bezoekers"),
    ("Sollicitatiecafé", "{Audience} werken aan hun cv en oefenen sollicitatiegesprekken met "
     "vrijwilligers.", ("werkzoekenden", "statushouders"), ""),
    ("Mantelzorgcafé", "Mantelzorgers delen ervaringen en vinden informatie over "
     "ondersteuning.", (), "mantelzorgers"),
]  # fmt: skip
# Named partners of a generated practice, by partner type; each ends with the practice's town.
PARTNER_NAMES = {
    "onderwijs": ["Openbaar basisonderwijs", "Scholengemeenschap", "ROC"],
    "ondernemers": ["Ondernemersvereniging", "Rabobank", "Winkeliersvereniging"],
    "maatschappelijk": ["Wijkteam", "Welzijnswerk", "Vrijwilligerscentrale"],
    "gemeente": ["Gemeente"],
    "anders": ["Historische vereniging", "Muziekschool", "Vereniging Dorpsbelang"],
}
STEPS = [
    ("Doel bepalen", "We schreven in één zin op wat we wilden bereiken en voor wie."),
    ("Partners zoeken", "We belden de scholen, het wijkteam en de gemeente."),
    ("Budget regelen", "Een deel kwam uit de begroting, een deel uit een subsidie."),
    ("Vrijwilligers werven", "Via de krant en de vrijwilligerscentrale vonden we tien mensen."),
    ("Programma maken", "We maakten een programma van zes bijeenkomsten."),
    ("Ruimte inrichten", "We maakten een hoek van de bibliotheek vrij en huurden meubels."),
    ("Publiciteit", "Flyers, een bericht op Facebook en een artikel in het huis-aan-huisblad."),
    ("Proef draaien", "Eerst een proef met een kleine groep, daarna bijgesteld."),
    ("Uitvoeren", "Elke week een bijeenkomst, steeds met twee medewerkers."),
    ("Evalueren", "We vroegen deelnemers en partners wat beter kon."),
]
FAILURES = [
    "De zaterdagochtend bleek een slecht moment: er kwamen weinig ouders.",
    "We rekenden op meer vrijwilligers dan we vonden.",
    "De samenwerking met de school liep stuk op roosterproblemen.",
    "De subsidie stopte na een jaar en we vonden geen opvolger.",
    "De doelgroep bereikten we niet via flyers; mond-tot-mondreclame werkte beter.",
    "De techniek was te ingewikkeld voor de vrijwilligers.",
]
WORKED = [
    "Vaste tijden en een vast gezicht maakten het laagdrempelig.",
    "De gemeente dacht mee en bracht deelnemers binnen.",
    "Een kop koffie bij binnenkomst deed wonderen.",
    "Deelnemers namen zelf nieuwe deelnemers mee.",
]
LESSONS = [
    "Begin klein en schaal pas op als het werkt.",
    "Maak vooraf afspraken over wie wat betaalt.",
    "Vraag de doelgroep zelf wat ze nodig heeft.",
    "Houd een logboek bij: het helpt bij de evaluatie en bij het delen.",
]


def title_and_summary(rng, number, organisation_name, place, start, reached):
    name, sentence, audiences, counted = ACTIVITIES[number % len(ACTIVITIES)]
    audience = rng.choice(audiences) if audiences else ""
    sentence = sentence.format(audience=audience, Audience=audience[:1].upper() + audience[1:])
    title = f"{name} voor {audience}" if audience else name
    summary = (
        f"{sentence} {organisation_name or 'De bibliotheek'} begon ermee in {start.year} en "
        f"bereikte {reached} {counted or audience}."
    )
    return f"{title} in {place}", summary


def town_in(province_code, rng):
    """A town of the province (any town without one), for an organisation with no town."""
    from .libraries import TOWNS

    towns = TOWNS.get(province_code) or [town for row in TOWNS.values() for town in row]
    return rng.choice(towns)[0]


def practice_fields(rng, number, organisation_name="", place=""):
    """The text and facts of one practice; the same `number` gives the same practice.

    `place` is the organisation's town (see `town_in`), so a practice never happens in a town
    of another province than its library's.
    """
    place = place or town_in("", rng)
    kind = Kind.PILOT if rng.random() < 0.25 else Kind.PRACTICE
    status = rng.choices(Status.values, weights=[1, 3, 5, 1])[0]
    failed = status == Status.STOPPED or rng.random() < 0.3
    start = date(2014, 1, 1) + timedelta(days=rng.randrange(365 * 4))
    months = rng.choice([3, 6, 9, 12, 18, 24])
    reached = rng.randrange(20, 600)
    title, summary = title_and_summary(rng, number, organisation_name, place, start, reached)
    return {
        "title": title,
        "slug": f"{slugify(title)[:60]}-{number}",
        "summary": summary,
        "kind": kind,
        "status": status,
        "phase": rng.choice(Phase.values) if kind == Kind.PILOT else "",
        "start_date": start,
        # Finished and stopped ones ended then; the others plan to (Periode shows both).
        "end_date": start + timedelta(days=30 * months),
        "budget_euros": rng.choice([0, 500, 1500, 2500, 5000, 12000, 25000]),
        "staff_hours": rng.choice([20, 40, 80, 120, 200, 400]),
        "duration_months": months,
        "results": f"{reached} deelnemers; {rng.randrange(50, 95)}% zou het aanraden.",
        "what_worked": rng.choice(WORKED),
        "what_did_not_work": rng.choice(FAILURES) if failed else "",
        "lessons": rng.choice(LESSONS),
        "evidence_level": rng.choices(EvidenceLevel.values, weights=[6, 3, 1])[0],
        "evidence": "Tellingen bij de deur en een korte enquête onder deelnemers.",
        "contact_name": rng.choice(["Anna", "Bram", "Fatima", "Sanne", "Joost", "Yusuf"])
        + " "
        + rng.choice(["de Vries", "Jansen", "Bakker", "El Amrani", "Visser", "Smit"]),
        "contact_email": f"contact{number}@bibliotheek.example",
        "has_failures": failed,
    }


def create_practices(index, count, *, themes, organisations, rng=None, start_number=0, batch=1000):
    """Append `count` live practices under `index`, with themes, partners and steps."""
    from wagtail.models import Page

    rng = rng or random.Random(2020)
    index = Page.objects.get(pk=index.pk)
    last = index.get_last_child()
    position = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    now = timezone.now()
    theme_through = PracticePage.themes.through
    content_type_id = _content_type_id()
    created = 0
    while created < count:
        size = min(batch, count - created)
        pages, places = [], []
        for offset in range(size):
            number = start_number + created + offset
            organisation = organisations[number % len(organisations)]
            place = organisation.municipality or town_in(
                organisation.province.code if organisation.province_id else "", rng
            )
            fields = practice_fields(rng, number, organisation.name, place)
            published = timezone.make_aware(
                datetime.combine(fields["start_date"], time(9)) + timedelta(days=30)
            )
            page = PracticePage(
                **fields,
                organisation_id=organisation.pk,
                province_id=organisation.province_id,
                sort_date=min(published, now),
                path=Page._get_path(index.path, index.depth + 1, position),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{fields['slug']}/",
                locale_id=index.locale_id,
                live=True,
                has_unpublished_changes=False,
                draft_title=fields["title"],
                first_published_at=min(published, now),
                last_published_at=min(published, now),
                content_type_id=content_type_id,
            )
            position += 1
            pages.append(page)
            places.append(place)
        _insert(pages)
        theme_rows, partner_rows, step_rows = [], [], []
        for page, place in zip(pages, places, strict=True):
            for theme in rng.sample(themes, rng.choice([1, 1, 2, 3])):
                theme_rows.append(theme_through(practicepage_id=page.pk, themepage_id=theme.pk))
            for partner_type in rng.sample(PartnerType.values, rng.choice([1, 2, 3])):
                partner_rows.append(
                    PracticePartner(
                        practice_id=page.pk,
                        partner_type=partner_type,
                        name=f"{rng.choice(PARTNER_NAMES[partner_type])} {place}",
                    )
                )
            for order, (title, text) in enumerate(rng.sample(STEPS, rng.randint(3, 6))):
                step_rows.append(
                    PracticeStep(
                        practice_id=page.pk, sort_order=order, title=title, description=text
                    )
                )
        theme_through.objects.bulk_create(theme_rows)
        PracticePartner.objects.bulk_create(partner_rows)
        PracticeStep.objects.bulk_create(step_rows)
        created += size
    Page.objects.filter(pk=index.pk).update(numchild=position - 1)
    return created


def _content_type_id():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(PracticePage).pk


def _insert(pages):
    from wagtail.models import Page

    base_rows = [
        Page(**{f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields})
        for page in pages
    ]
    Page.objects.bulk_create(base_rows)
    for page, row in zip(pages, base_rows, strict=True):
        page.pk = page.id = page.page_ptr_id = row.pk
    fields = PracticePage._meta.local_concrete_fields
    PracticePage._base_manager._insert(pages, fields=fields, using=connection.alias)
    for page in pages:
        page._state.adding = False
        page._state.db = connection.alias


def index_practices(pages=None):
    """Fill the search index (bulk writes skip the signals that would do it)."""
    from route2020.search.indexing import index_in_bulk

    queryset = pages if pages is not None else PracticePage.objects.order_by("pk")
    index_in_bulk(PracticePage, queryset, batch_size=1000)
