from datetime import timedelta

import pytest
from django.utils import timezone

from route2020.core.pages import child
from route2020.surveys.models import Audience, Option, Question, SurveyIndexPage, SurveyPage

Kind = Question.Kind

# One question of every kind, as the office builds them.
EVERY_KIND = [
    (
        Kind.SINGLE,
        "Wat moet de agenda opleveren?",
        ["Actieplannen", "Praktijkvoorbeelden", "Lobby"],
    ),
    (Kind.MULTIPLE, "Hoe wil je bijdragen?", ["Delen", "Proeftuin", "Klankbordgroep"]),
    (Kind.SCALE, "Route 2020 helpt ons vernieuwen.", []),
    (Kind.RANKING, "Zet de thema's in volgorde.", ["Marketing", "Ondernemerschap", "Ontwikkeling"]),
    (Kind.NUMBER, "Hoeveel fte werkt aan vernieuwing?", []),
    (Kind.TEXT, "Wat mist er nog?", []),
]


@pytest.fixture
def survey_index(home):
    return child(home, SurveyIndexPage, "enquetes", title="Enquêtes")


@pytest.fixture
def make_survey(survey_index):
    counter = iter(range(1, 100_000))

    def make(questions=EVERY_KIND, *, required=True, **fields):
        number = next(counter)
        now = timezone.now()
        defaults = {
            "title": f"Enquête {number}",
            "slug": f"enquete-{number}",
            "opens_at": now - timedelta(days=1),
            "closes_at": now + timedelta(days=30),
            "audience": Audience.MEMBERS,
            "anonymous": False,
        }
        defaults.update(fields)
        survey = SurveyPage(**defaults)
        for position, (kind, text, labels) in enumerate(questions):
            question = Question(
                kind=kind,
                text=text,
                sort_order=position,
                required=required and kind != Kind.TEXT,
                min_value=0 if kind == Kind.NUMBER else None,
                max_value=40 if kind == Kind.NUMBER else None,
            )
            for place, label in enumerate(labels):
                question.options.add(Option(label=label, sort_order=place))
            survey.questions.add(question)
        survey_index.add_child(instance=survey)
        survey.save_revision().publish()
        return SurveyPage.objects.get(pk=survey.pk)

    return make


@pytest.fixture
def member(make_user):
    return make_user()


def questions_of(survey):
    return {question.kind: question for question in survey.get_questions()}


def option(question, label):
    return next(o for o in question.options.all() if o.label == label)


def form_data(survey, *, action="versturen", **overrides):
    """A complete, valid POST for a survey built from EVERY_KIND; `overrides` by kind name
    replace (or with None, leave out) a question's fields."""
    q = questions_of(survey)
    data = {"actie": action}
    values = {
        "single": {f"vraag-{q[Kind.SINGLE].pk}": str(option(q[Kind.SINGLE], "Lobby").pk)},
        "multiple": {
            f"vraag-{q[Kind.MULTIPLE].pk}": [
                str(option(q[Kind.MULTIPLE], "Delen").pk),
                str(option(q[Kind.MULTIPLE], "Proeftuin").pk),
            ]
        },
        "scale": {f"vraag-{q[Kind.SCALE].pk}": "4"},
        "ranking": {
            f"vraag-{q[Kind.RANKING].pk}-{option(q[Kind.RANKING], label).pk}": place
            for label, place in (
                ("Marketing", "2"),
                ("Ondernemerschap", "1"),
                ("Ontwikkeling", "3"),
            )
        },
        "number": {f"vraag-{q[Kind.NUMBER].pk}": "12"},
        "text": {f"vraag-{q[Kind.TEXT].pk}": "Meer over leesbevordering."},
    }
    for name, fields in values.items():
        if name in overrides:
            if overrides[name] is not None:
                data.update(overrides[name])
        else:
            data.update(fields)
    return data
