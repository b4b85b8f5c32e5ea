"""Demo surveys: the member survey of March 2015 that ranked ten candidate themes (answered by
the demo libraries, one answer per organisation, results published: the seed's five themes on
top), and one open survey a member can fill in now.

Not in the main menu (MENU stays empty): a survey is open a few weeks a year, and the menu
holds the sections people come back to. The open survey is on the home page while it is open
(surveys/home.py), and the about page links to the 2015 results and the index.
"""

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.html import escape
from wagtail.rich_text import RichText

from route2020.core import roles
from route2020.core.models import ContentPage, Organisation, User
from route2020.core.pages import child, publish
from route2020.surveys.models import (
    Answer,
    Audience,
    Option,
    Participation,
    Question,
    Submission,
    SurveyIndexPage,
    SurveyPage,
)

from .. import seed
from .core import home_page

SEED = True
MENU = {}
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
Kind = Question.Kind

# The seed's five themes first, as the general assembly adopted them, then five believable
# candidates the members ranked lower.
CANDIDATE_THEMES = [title[:1].upper() + title[1:] for _n, _s, title, _short in seed.THEMES] + [
    "Digitale dienstverlening en e-content voor alle bibliotheken",
    "Leesbevordering en de Bibliotheek op school",
    "Nieuwe vaardigheden en rollen van bibliotheekmedewerkers",
    "Gezamenlijke bedrijfsvoering en inkoop",
    "Meten en zichtbaar maken van maatschappelijke waarde",
]
# How strongly the libraries favoured each candidate (the first five won).
PREFERENCE = [8.0, 7.4, 6.6, 6.1, 5.7, 4.6, 4.3, 3.6, 3.1, 2.8]

MISSING_THEMES = [
    "Samenwerking met het onderwijs in de regio.",
    "De bibliotheek als plek voor debat en democratie.",
    "Vrijwilligers: hoe houden we ze betrokken?",
    "Aandacht voor kleine bibliotheken op het platteland.",
    "Mediawijsheid voor ouderen.",
    "Een gezamenlijke aanpak richting gemeenten en provincies.",
]


# What demo members do not know yet (open answers: the office sees them, the public never).
OPEN_QUESTIONS = [
    "Hoe meten we wat een taalcafé oplevert voor de deelnemers?",
    "Wie heeft ervaring met een makerspace zonder vaste medewerker?",
    "Hoe krijgen we jongeren in onze adviesraad?",
    "Hoe financieren andere bibliotheken hun programma voor ouderen?",
]


def at(day, hour=12):
    return datetime.combine(day, time(hour), tzinfo=AMSTERDAM)


def survey_page(index, slug, questions, **fields):
    existing = SurveyPage.objects.child_of(index).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    page = SurveyPage(slug=slug, **fields)
    for number, (kind, text, options, extra) in enumerate(questions):
        question = Question(kind=kind, text=text, sort_order=number, **extra)
        for place, label in enumerate(options):
            question.options.add(Option(label=label, sort_order=place))
        page.questions.add(question)
    index.add_child(instance=page)
    publish(page)
    return SurveyPage.objects.get(pk=page.pk), True


def march_2015(index):
    return survey_page(
        index,
        "enquete-onder-de-leden-2015",
        [
            (
                Kind.RANKING,
                "Zet de kandidaat-thema's in volgorde: welk thema is voor jullie bibliotheek het "
                "belangrijkst?",
                CANDIDATE_THEMES,
                {"help_text": "1 = het belangrijkst, 10 = het minst belangrijk."},
            ),
            (
                Kind.SCALE,
                "De VOB moet samen met de leden een branche-ontwikkelagenda opstellen.",
                [],
                {"help_text": "1 = helemaal oneens, 5 = helemaal eens."},
            ),
            (
                Kind.SINGLE,
                "Wat moet de ontwikkelagenda vooral opleveren?",
                [
                    "Meerjarige actieplannen met budget",
                    "Uitwisseling van praktijkvoorbeelden tussen bibliotheken",
                    "Een sterkere positie bij gemeenten en partners",
                    "Collectieve marketing van de Bibliotheek",
                ],
                {},
            ),
            (
                Kind.MULTIPLE,
                "Hoe wil jullie organisatie bijdragen?",
                [
                    "Praktijkvoorbeelden delen",
                    "Meedoen aan een proeftuin",
                    "Regionale bijeenkomsten bezoeken of organiseren",
                    "Zitting nemen in een klankbordgroep",
                    "Meedoen aan de collectieve campagne",
                ],
                {"required": False},
            ),
            (
                Kind.NUMBER,
                "Hoeveel medewerkers (in fte) werken bij jullie aan vernieuwing?",
                [],
                {"min_value": 0, "max_value": 20, "required": False},
            ),
            (
                Kind.TEXT,
                "Welk thema mist er nog op deze lijst?",
                [],
                {"required": False},
            ),
        ],
        title="Enquête onder de leden: thema's voor Route 2020",
        intro="In maart 2015 vroeg het bestuur van de VOB de leden welke thema's de branche "
        "ontwikkel-agenda moest krijgen. Elke bibliotheek zette tien kandidaat-thema's in "
        "volgorde.",
        body=[
            (
                "paragraph",
                "<p>Het VOB bestuur besloot in februari 2015 de door de leden gevraagde acties en "
                "plannen te bundelen tot een integraal branche ontwikkelplan. Welke thema's "
                "horen daarin? Per bibliotheekorganisatie vult de directie of een door haar "
                "aangewezen medewerker de enquête één keer in.</p>",
            )
        ],
        opens_at=at(date(2015, 3, 2), 9),
        closes_at=at(date(2015, 3, 27), 17),
        audience=Audience.ORGANISATIONS,
        anonymous=False,
        results_published_at=at(date(2015, 4, 15), 10),
        results_text="Op basis van deze enquête heeft het bestuur vijf thema's gekozen; de "
        "ledenvergadering stemde er in juni 2015 mee in. Die vijf staan in de uitslag bovenaan.",
    )


def answer_march_2015(survey):
    """One submission per demo library (nine in ten answered), written in bulk."""
    if survey.submissions.exists():
        return 0
    rng = random.Random(2015)
    questions = {question.kind: question for question in survey.get_questions()}
    libraries = Organisation.objects.filter(kind=Organisation.Kind.LIBRARY).order_by("name")
    submissions, answers, participations = [], [], []
    for library in libraries:
        if rng.random() < 0.1:
            continue
        submission = Submission(
            survey=survey,
            organisation=library,
            province_id=library.province_id,
            organisation_kind=library.kind,
            partner_type=library.partner_type,
            submitted_on=date(2015, 3, 2) + timedelta(days=rng.randrange(25)),
        )
        submissions.append(submission)
        participations.append(Participation(survey=survey, organisation=library))
        ranking = questions[Kind.RANKING]
        options = list(ranking.options.all())
        scores = [PREFERENCE[i] + rng.gauss(0, 1.6) for i in range(len(options))]
        order = sorted(range(len(options)), key=lambda i: -scores[i])
        answers += [
            Answer(submission=submission, question=ranking, option=options[i], value=place)
            for place, i in enumerate(order, start=1)
        ]
        answers.append(
            Answer(
                submission=submission,
                question=questions[Kind.SCALE],
                value=rng.choices([1, 2, 3, 4, 5], weights=[1, 2, 6, 16, 12])[0],
            )
        )
        single = list(questions[Kind.SINGLE].options.all())
        answers.append(
            Answer(
                submission=submission,
                question=questions[Kind.SINGLE],
                option=rng.choices(single, weights=[9, 7, 5, 4])[0],
            )
        )
        multiple = list(questions[Kind.MULTIPLE].options.all())
        for option, chance in zip(multiple, [0.8, 0.45, 0.6, 0.15, 0.5], strict=True):
            if rng.random() < chance:
                answers.append(
                    Answer(submission=submission, question=questions[Kind.MULTIPLE], option=option)
                )
        if rng.random() < 0.85:
            answers.append(
                Answer(
                    submission=submission,
                    question=questions[Kind.NUMBER],
                    value=min(int(rng.expovariate(1 / 4)), 20),
                )
            )
        if rng.random() < 0.2:
            answers.append(
                Answer(
                    submission=submission,
                    question=questions[Kind.TEXT],
                    text=rng.choice(MISSING_THEMES),
                )
            )
    Submission.objects.bulk_create(submissions)
    Participation.objects.bulk_create(participations)
    Answer.objects.bulk_create(answers)
    return len(submissions)


def after_2020(index):
    today = timezone.localdate()
    return survey_page(
        index,
        "route-2020-na-2020",
        [
            (
                Kind.SCALE,
                "Route 2020 heeft onze bibliotheek geholpen om te vernieuwen.",
                [],
                {"help_text": "1 = helemaal oneens, 5 = helemaal eens."},
            ),
            (
                Kind.MULTIPLE,
                "Wat wil je na 2020 met andere bibliotheken delen?",
                [
                    "Praktijkvoorbeelden die gelukt zijn",
                    "Experimenten die mislukt zijn, en waarom",
                    "Vragen waar we zelf het antwoord nog niet op weten",
                    "Cijfers over bereik en effect",
                    "Materiaal voor de campagne",
                ],
                {"help_text": "Kies alles wat past."},
            ),
            (
                Kind.RANKING,
                "Zet deze manieren van ontmoeten in volgorde van waarde voor jou.",
                [
                    "Deel-je-rijk-sessie",
                    "PleisterPlaatsOntmoeting in de regio",
                    "Webinar",
                    "Landelijke bijeenkomst",
                ],
                {"help_text": "1 = de meeste waarde."},
            ),
            (
                Kind.SINGLE,
                "Hoe vaak wil je een Reisflits ontvangen?",
                ["Zodra er nieuws is", "Eens per maand", "Eens per kwartaal", "Liever niet"],
                {},
            ),
            (
                Kind.NUMBER,
                "Met hoeveel collega's zou je aan een nieuwe proeftuin meedoen?",
                [],
                {"min_value": 0, "max_value": 24, "required": False},
            ),
            (
                Kind.TEXT,
                "Wat weet je nog niet, en zou je aan andere bibliotheken willen vragen?",
                [],
                {
                    "required": False,
                    "help_text": "Innovatie is niet delen wat je weet, maar vooral delen wat je "
                    "niet weet.",
                },
            ),
        ],
        title="Route 2020 na 2020: wat wil je delen?",
        intro="Route 2020 loopt af. Wat wil je daarna blijven delen, en hoe wil je collega's "
        "ontmoeten? Je antwoorden helpen het bureau en de klankbordgroep bij het vervolg.",
        opens_at=at(today - timedelta(days=7), 9),
        closes_at=at(today + timedelta(days=180), 17),
        audience=Audience.MEMBERS,
        anonymous=True,
    )


def answer_after_2020(survey):
    """A few demo members (not the printed login) answered already, anonymously."""
    from route2020.surveys import services

    if survey.participations.exists():
        return 0
    rng = random.Random(2020)
    members = (
        User.objects.filter(groups__name=roles.MEMBER, organisation__isnull=False)
        .exclude(email="lid@route2020.example")
        .order_by("email")[:8]
    )
    questions = survey.get_questions()
    for member in members:
        answers = {}
        for question in questions:
            options = [option.pk for option in question.options.all()]
            if question.kind == Kind.SCALE:
                answers[str(question.pk)] = rng.choice([3, 4, 4, 5])
            elif question.kind == Kind.MULTIPLE:
                answers[str(question.pk)] = rng.sample(options, rng.randint(1, 3))
            elif question.kind == Kind.RANKING:
                answers[str(question.pk)] = rng.sample(options, len(options))
            elif question.kind == Kind.SINGLE:
                answers[str(question.pk)] = rng.choice(options[:3])
            elif question.kind == Kind.NUMBER:
                answers[str(question.pk)] = rng.randint(1, 12)
            elif question.kind == Kind.TEXT and rng.random() < 0.6:
                answers[str(question.pk)] = rng.choice(OPEN_QUESTIONS)
        services.submit(survey=survey, user=member, answers=answers)
    return len(members)


def link_from_about(index, survey):
    """One paragraph on the about page that leads to the 2015 results and the index."""
    about = ContentPage.objects.filter(slug="over-route-2020").first()
    if about is None or f'id="{index.pk}"' in str(about.body.raw_data):
        return
    text = '<p>{}<a linktype="page" id="{}">{}</a>{}<a linktype="page" id="{}">{}</a>{}</p>'.format(
        escape("De vijf thema's kwamen uit een "),
        survey.pk,
        escape("enquête onder de leden"),
        escape(" in maart 2015. Alle "),
        index.pk,
        escape("enquêtes en uitslagen"),
        escape(" staan op één pagina."),
    )
    about.body.append(("paragraph", RichText(text)))
    publish(about)


def load(stdout):
    index = child(
        home_page(),
        SurveyIndexPage,
        "enquetes",
        title="Enquêtes",
        intro="Wat vinden de leden? Hier vul je een open enquête in en lees je de uitslagen, "
        "zoals die van de enquête uit maart 2015 waarmee de vijf thema's van Route 2020 werden "
        "gekozen.",
    )
    survey, created = march_2015(index)
    answered = answer_march_2015(survey)
    open_survey, _created = after_2020(index)
    answer_after_2020(open_survey)
    link_from_about(index, survey)
    if created or answered:
        stdout.write(f"Enquêtes: {answered} bibliotheken beantwoordden de enquête van maart 2015.")
