"""Demo open questions: libraries asking "we want to start X: who has done it?", answered by
other demo libraries; some solved, with the practices they led to.

Asked through the questions service, so the suggestions are the platform's own (the
practices' search index is up to date by now: the practices module indexes them). Runs
once: a second run finds the questions and stops.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from route2020.core import roles
from route2020.core.models import User
from route2020.core.pages import child
from route2020.practices.models import PracticePage
from route2020.questions import services
from route2020.questions.models import Answer, QuestionIndexPage, QuestionPage
from route2020.themes.models import ThemePage

from .core import home_page

MENU = {"vragen": 15}

# (question, explanation, theme slugs, answers, solved: words of the practice it led to)
QUESTIONS = [
    (
        "We willen een taalcafé starten: wie heeft dat al gedaan?",
        "We zien steeds meer nieuwkomers in onze vestigingen. Een taalcafé met vrijwilligers "
        "lijkt ons een goede eerste stap. Hoe vonden jullie vrijwilligers, en hoe vaak komt "
        "de groep bij elkaar?",
        ["maatschappelijk-domein"],
        [
            "Wij draaien sinds 2016 elke dinsdagochtend een taalcafé met zes vrijwilligers, "
            "geworven via het vrijwilligerscentrum. Begin klein: één tafel, vaste begeleider.",
            "Bij ons werkte samenwerking met het Taalhuis en VluchtelingenWerk het best: zij "
            "verwijzen door, wij bieden de plek en de koffie.",
        ],
        "Taalhuis",
    ),
    (
        "Wie heeft een makerspace voor jongeren opgezet, en wat kostte dat?",
        "Onze gemeente wil jongeren meer techniek laten doen. We denken aan een makerspace met "
        "3D-printers en programmeren. We zoeken vooral ervaring met de begroting en coaches.",
        ["persoonlijke-ontwikkeling"],
        [
            "Ons FabLab kostte in het eerste jaar ongeveer € 25.000 aan inrichting; de coaches "
            "zijn vrijwilligers van een hogeschool. Bel gerust!",
        ],
        "FabLab",
    ),
    (
        "We willen met de gemeente een Digitaal Hulpplein beginnen. Ervaringen?",
        "Inwoners komen met vragen over DigiD en toeslagen. Hoe hebben jullie de afspraken met "
        "gemeente en belastingdienst gemaakt, en wie doet het spreekuur?",
        ["maatschappelijk-domein"],
        [
            "Wij hebben een convenant met de gemeente; het spreekuur doen getrainde "
            "vrijwilligers, twee dagdelen per week. De training komt van de belastingdienst.",
            "Let op privacy: wij laten inwoners zelf inloggen en kijken alleen mee.",
        ],
        "Hulpplein",
    ),
    (
        "Hoe krijg je scholen mee in de Bibliotheek op school?",
        "Twee schoolbesturen twijfelen. Wie heeft cijfers over leesplezier of een goede "
        "aanpak om directeuren te overtuigen?",
        ["persoonlijke-ontwikkeling"],
        [
            "De monitor van de Bibliotheek op school gaf ons de cijfers die directeuren wilden "
            "zien. Begin met één enthousiaste school als voorbeeld.",
        ],
        None,
    ),
    (
        "We willen een ondernemersspreekuur in de bibliotheek: wie heeft dat al?",
        "We hebben flexwerkplekken en merken dat starters elkaar zoeken. Wie werkt samen met "
        "de KvK of een ondernemersvereniging?",
        ["maatschappelijk-ondernemerschap"],
        [],
        None,
    ),
    (
        "Wie combineert de bibliotheek met een muziekschool onder één dak?",
        "Er komt een nieuw cultuurgebouw. Hoe regel je één balie voor twee organisaties, en "
        "wie is de baas van het programma?",
        ["multifunctionele-organisaties"],
        [
            "In ons kulturhus delen drie organisaties de balie; we hebben één "
            "programmeringsoverleg per maand en een gezamenlijke jaaragenda.",
        ],
        None,
    ),
    (
        "Hoe bereik je laaggeletterden die niet uit zichzelf komen?",
        "Onze cursussen lopen goed, maar we bereiken vooral mensen die de bibliotheek al "
        "kennen. Wie werkt met huisartsen of schuldhulp als verwijzers?",
        ["maatschappelijk-domein"],
        [],
        None,
    ),
    (
        "Wie doet mee met de campagne en heeft materiaal voor kleine vestigingen?",
        "Voor de periode Glansrijk willen we meedoen, maar onze kleine vestigingen hebben weinig "
        "ruimte voor posters. Wie heeft een slimme oplossing?",
        ["collectieve-marketing"],
        [
            "Wij gebruikten de digitale schermen en de ansichtkaarten uit de campagnekit; "
            "posters alleen in de hoofdvestiging.",
        ],
        None,
    ),
]


def members():
    return list(
        User.objects.filter(groups__name=roles.MEMBER, organisation__isnull=False)
        .select_related("organisation")
        .order_by("email")
    )


def load(stdout):
    index = child(
        home_page(),
        QuestionIndexPage,
        "vragen",
        title="Vragen",
        intro="Wil je iets starten en weet je nog niet hoe? Vraag wie het al gedaan heeft. "
        "Bibliotheken helpen elkaar met ervaring, cijfers en contactpersonen.",
        show_in_menus=True,
    )
    if QuestionPage.objects.child_of(index).exists():
        stdout.write("Vragen: al aanwezig.")
        return
    people = members()
    if len(people) < 3:
        stdout.write("Vragen: te weinig leden; overgeslagen.")
        return
    themes = {theme.slug: theme for theme in ThemePage.objects.live()}
    now = timezone.now()
    solved = 0
    with transaction.atomic():
        for number, (title, body, theme_slugs, answers, led_to) in enumerate(QUESTIONS):
            asker = people[(number * 5 + 1) % len(people)]
            question = services.question_ask(
                user=asker,
                title=title,
                body=body,
                themes=[themes[slug] for slug in theme_slugs if slug in themes],
            )
            asked_at = now - timedelta(days=60 - number * 7, hours=number)
            QuestionPage.objects.filter(pk=question.pk).update(
                first_published_at=asked_at, last_published_at=asked_at
            )
            answerers = [p for p in people if p.organisation_id != asker.organisation_id]
            for place, text in enumerate(answers):
                answer = services.answer_create(
                    question=question,
                    user=answerers[(number + place * 3) % len(answerers)],
                    text=text,
                )
                Answer.objects.filter(pk=answer.pk).update(
                    created_at=asked_at + timedelta(days=place + 1, hours=3)
                )
            if led_to:
                first = Answer.objects.filter(question=question).first()
                services.answer_mark_helpful(answer=first, user=asker)
                practices = PracticePage.objects.live().filter(title__icontains=led_to)[:1]
                services.question_solve(question=question, user=asker, practices=list(practices))
                solved += 1
    stdout.write(f"Vragen: {len(QUESTIONS)} vragen van bibliotheken, {solved} opgelost.")
