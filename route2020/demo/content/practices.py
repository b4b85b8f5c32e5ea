"""Demo practices: the eight parels of 20 November 2017, 150 generated practices, adoptions,
pilot logbooks and a few submissions waiting for a regiogids.

The parels go through Wagtail's own API (revisions, one edit each, so the history shows);
the generated practices are written in bulk (see generate_practices.py). Runs once: a
second run finds the practices and stops.
"""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.text import slugify

from route2020.core.models import Organisation, User
from route2020.core.pages import child
from route2020.demo import generate_practices as generate
from route2020.demo.parels import PARELS
from route2020.practices import forms, services
from route2020.practices.models import (
    Adoption,
    LogbookEntry,
    PracticeIndexPage,
    PracticePage,
    PracticePartner,
    PracticeStep,
    Submission,
)
from route2020.themes.models import ThemePage

from .core import home_page

MENU = {"praktijkvoorbeelden": 10}

GENERATED = 150


def load(stdout):
    home = home_page()
    index = child(
        home,
        PracticeIndexPage,
        "praktijkvoorbeelden",
        title="Praktijkvoorbeelden",
        intro="Wat bibliotheken deden, en hoe: de aanpak, de partners, wat het kostte, "
        "wat werkte en wat niet. Innovatie is niet delen wat je weet, maar vooral delen "
        "wat je niet weet.",
        show_in_menus=True,
    )
    if PracticePage.objects.child_of(index).exists():
        stdout.write("Praktijkvoorbeelden: al aanwezig.")
        return
    themes = list(ThemePage.objects.live().order_by("number", "path"))
    libraries = list(
        Organisation.objects.filter(
            kind=Organisation.Kind.LIBRARY, province__isnull=False
        ).order_by("province__code", "name")
    )
    if not themes or not libraries:
        stdout.write("Praktijkvoorbeelden: geen thema's of bibliotheken; overgeslagen.")
        return
    rng = random.Random(20171120)
    with transaction.atomic():
        parels = load_parels(index, themes, libraries, rng)
        # Interleave provinces so every province has practices.
        spread = sorted(libraries, key=lambda org: (libraries.index(org) % 6, org.province_id))
        generate.create_practices(
            index, GENERATED, themes=themes, organisations=spread, rng=rng, start_number=100
        )
        practices = list(PracticePage.objects.child_of(index).order_by("path"))
        load_adoptions(practices, libraries, rng)
        load_logbooks(practices, rng)
    generate.index_practices()
    load_submissions(index, themes)
    stdout.write(
        f"Praktijkvoorbeelden: {len(parels)} parels en {GENERATED} gegenereerde voorbeelden."
    )


def load_parels(index, themes, libraries, rng):
    """The eight parels as written in parels.py, each credited to its own library."""
    by_slug = {theme.slug: theme for theme in themes}
    editor = User.objects.filter(email="redactie@route2020.example").first()
    organisations = {organisation.name: organisation for organisation in libraries}
    pages = []
    for parel in PARELS:
        organisation = organisations[parel["organisation"]]
        contact = parel["contact_name"]
        page = PracticePage(
            title=parel["title"],
            slug=slugify(parel["title"])[:70],
            summary=parel["summary"],
            organisation=organisation,
            province_id=organisation.province_id,
            kind="praktijkvoorbeeld",
            status="afgerond",
            is_parel=True,
            evidence_level="onderbouwd",
            start_date=parel["start_date"],
            end_date=parel["end_date"],
            duration_months=months_between(parel["start_date"], parel["end_date"]),
            budget_euros=parel["budget_euros"],
            staff_hours=parel["staff_hours"],
            results=parel["results"],
            what_worked=parel["what_worked"],
            what_did_not_work=parel["what_did_not_work"],
            lessons=parel["lessons"],
            evidence=parel["evidence"],
            contact_name=contact,
            contact_email=f"{slugify(contact).replace('-', '.')}@bibliotheek.example",
        )
        page.themes = [by_slug.get(parel["theme"], themes[0])]
        page.partners = [
            PracticePartner(partner_type=kind, name=name) for kind, name in parel["partners"]
        ]
        page.steps = [PracticeStep(title=title, description=text) for title, text in parel["steps"]]
        index.add_child(instance=page)
        page.save_revision(user=editor).publish(user=editor)
        # A later edit by the redactie, so the history has two versions.
        page = PracticePage.objects.get(pk=page.pk)
        page.lessons = f"{page.lessons} Gepresenteerd als parel op 20 november 2017 in Ede."
        page.save_revision(user=editor).publish(user=editor)
        pages.append(page)
    return pages


def months_between(start, end):
    return (end.year - start.year) * 12 + end.month - start.month + (end.day >= start.day)


def load_adoptions(practices, libraries, rng):
    members = {}
    for user in User.objects.filter(organisation__isnull=False).only("pk", "organisation_id"):
        members.setdefault(user.organisation_id, user)
    rows, seen = [], set()
    for practice in rng.sample(practices, min(60, len(practices))):
        for adopter in rng.sample(libraries, rng.choice([1, 1, 2, 3])):
            key = (practice.pk, adopter.pk)
            if adopter.pk == practice.organisation_id or key in seen:
                continue
            seen.add(key)
            rows.append(
                Adoption(
                    practice=practice,
                    organisation=adopter,
                    user=members.get(adopter.pk),
                    how_it_went=rng.choice(
                        [
                            "Goed overgenomen; we begonnen kleiner en dat werkte.",
                            "Lastiger dan gedacht: onze gemeente deed niet mee.",
                            "We hebben de stappen bijna letterlijk gevolgd. Aanrader!",
                            "Na een half jaar gestopt; te weinig vrijwilligers.",
                        ]
                    ),
                )
            )
    Adoption.objects.bulk_create(rows)
    counts = dict(
        Adoption.objects.values_list("practice_id")
        .annotate(n=Count("pk"))
        .values_list("practice_id", "n")
    )
    for practice_id, count in counts.items():
        PracticePage.objects.filter(pk=practice_id).update(adoption_count=count)


def load_logbooks(practices, rng):
    rows = []
    for practice in practices:
        if practice.kind != "proeftuin":
            continue
        day = practice.start_date or date(2017, 1, 1)
        for text in (
            "Aftrap met de partners; de planning staat.",
            "Eerste bijeenkomst met twaalf deelnemers.",
            "Tussenevaluatie: we verschuiven de tijden naar de avond.",
        )[: rng.randint(1, 3)]:
            day += timedelta(days=rng.randint(20, 60))
            rows.append(LogbookEntry(practice=practice, date=day, text=text))
    LogbookEntry.objects.bulk_create(rows)
    # Writing in the logbook updates the pilot: its "Laatst bijgewerkt" is never older.
    last = {}
    for row in rows:
        last[row.practice_id] = max(row.date, last.get(row.practice_id, row.date))
    for practice_id, day in last.items():
        updated = timezone.make_aware(datetime.combine(day, time(16)))
        PracticePage.objects.filter(pk=practice_id, last_published_at__lt=updated).update(
            last_published_at=updated
        )


def load_submissions(index, themes):
    """One submission waiting for the regiogids, so the queue is not empty in the demo."""
    member = User.objects.filter(email="lid@route2020.example").first()
    if member is None or not member.organisation_id:
        return
    if Submission.objects.filter(author=member).exists():
        return
    submission = services.submission_start(user=member)
    submission.data = {
        "basis": {
            "title": "Voorleesexpress in de wijk",
            "summary": "Vrijwilligers lezen twintig weken voor bij gezinnen thuis.",
            "kind": "proeftuin",
            "status": "lopend",
            "phase": "uitvoering",
            "themes": [themes[0].pk],
            "start_date": "2017-09-01",
            "end_date": None,
        },
        "aanpak": {
            "steps": "Gezinnen vinden: via het consultatiebureau\nVrijwilligers trainen\n"
            "Twintig weken voorlezen",
            "budget_euros": 4000,
            "staff_hours": 120,
            "duration_months": 9,
        },
        "partners": {"participants": [], "partner_maatschappelijk": "Consultatiebureau"},
        "resultaten": {
            "results": "Eerste ronde: 18 gezinnen.",
            "what_worked": "Vaste koppels van vrijwilliger en gezin.",
            "what_did_not_work": "",
            "lessons": "Train de vrijwilligers vooraf.",
            "evidence_level": "beschreven",
            "evidence": "",
            "evaluation": "",
        },
        "bijlagen": {"contact_name": member.get_full_name(), "contact_email": member.email},
        "done": ["basis", "aanpak", "partners", "resultaten", "bijlagen"],
    }
    submission.save()
    services.submission_submit(submission=submission, user=member, step_errors=forms.step_errors)
