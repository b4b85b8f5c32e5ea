"""What a person can download and what goes when they delete their account."""

import pytest

from route2020.core.services import user_data_export, user_delete
from route2020.surveys import services
from route2020.surveys.models import Audience, Draft, Participation, Question, Submission

from .conftest import questions_of

pytestmark = pytest.mark.django_db
Kind = Question.Kind


def some_answers(survey, text="Meer over lezen."):
    q = questions_of(survey)
    return {
        str(q[Kind.SINGLE].pk): q[Kind.SINGLE].options.last().pk,
        str(q[Kind.RANKING].pk): [o.pk for o in q[Kind.RANKING].options.all()][::-1],
        str(q[Kind.TEXT].pk): text,
    }


def test_export_has_named_answers_drafts_and_anonymous_participation(make_survey, member):
    named = make_survey(title="Op naam", anonymous=False, required=False)
    anonymous = make_survey(title="Anoniem", anonymous=True, required=False)
    draft = make_survey(title="Half af", required=False)
    services.submit(survey=named, user=member, answers=some_answers(named))
    services.submit(survey=anonymous, user=member, answers=some_answers(anonymous, "Geheim"))
    services.draft_save(survey=draft, user=member, answers=some_answers(draft, "Later meer"))
    data = user_data_export(user=member)["enquêtes"]
    [given] = data["ingevuld_op_naam"]
    assert given["enquête"] == "Op naam"
    assert given["antwoorden"]["Wat moet de agenda opleveren?"] == "Lobby"
    assert given["antwoorden"]["Zet de thema's in volgorde."] == [
        "Ontwikkeling",
        "Ondernemerschap",
        "Marketing",
    ]
    assert data["anoniem_meegedaan_aan"] == ["Anoniem"]
    assert "Geheim" not in str(data)  # not linked to the person, so not theirs to export
    [saved] = data["concepten"]
    assert saved["antwoorden"]["Wat mist er nog?"] == "Later meer"
    assert saved["antwoorden"]["Wat moet de agenda opleveren?"] == "Lobby"


def test_forget_deletes_own_named_answers_and_keeps_the_organisations(
    make_survey, make_user, member
):
    own = make_survey(anonymous=False, required=False)
    for_organisation = make_survey(audience=Audience.ORGANISATIONS, anonymous=False, required=False)
    anonymous = make_survey(anonymous=True, required=False)
    drafted = make_survey(required=False)
    services.submit(survey=own, user=member, answers=some_answers(own))
    services.submit(survey=for_organisation, user=member, answers=some_answers(for_organisation))
    services.submit(survey=anonymous, user=member, answers=some_answers(anonymous))
    services.draft_save(survey=drafted, user=member, answers={})
    organisation = member.organisation
    user_delete(user=member)
    assert not Submission.objects.filter(survey=own).exists()
    kept = Submission.objects.get(survey=for_organisation)
    assert kept.user is None and kept.organisation == organisation
    assert Submission.objects.filter(survey=anonymous).count() == 1  # never linked to them
    assert Participation.objects.filter(user__isnull=False).count() == 0
    assert Draft.objects.count() == 0
