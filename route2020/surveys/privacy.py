"""What the surveys app keeps about a person: drafts, named answers, and the fact that they
took part in an anonymous survey (never what they answered there: that is not linked to them).
"""


def _answer_text(question, answers):
    from .models import Question

    if question.kind == Question.Kind.RANKING:
        ordered = sorted(answers, key=lambda answer: answer.value or 0)
        return [answer.option.label for answer in ordered]
    if question.kind == Question.Kind.MULTIPLE:
        return [answer.option.label for answer in answers]
    answer = answers[0]
    if question.kind == Question.Kind.SINGLE:
        return answer.option.label
    if question.kind == Question.Kind.TEXT:
        return answer.text
    return answer.value


def _draft_text(draft, questions):
    """A draft's stored answers (question pk -> value or option pks) in words."""
    readable = {}
    for question in questions.get(draft.survey_id, []):
        value = draft.answers.get(str(question.pk))
        if value is None:
            continue
        labels = {option.pk: option.label for option in question.options.all()}
        if isinstance(value, list):
            value = [labels.get(key, key) for key in value]
        elif question.has_options:
            value = labels.get(value, value)
        readable[question.text] = value
    return readable


def export(user):
    from .models import Answer, Draft, Participation, Question, Submission

    submissions = list(
        Submission.objects.filter(user=user).select_related("survey", "organisation")
    )
    answers = {}
    for answer in (
        Answer.objects.filter(submission__in=submissions)
        .select_related("question", "option")
        .order_by("question__sort_order", "value", "option__sort_order")
    ):
        answers.setdefault(answer.submission_id, {}).setdefault(answer.question, []).append(answer)
    named = {submission.survey_id for submission in submissions}
    drafts = list(Draft.objects.filter(user=user).select_related("survey"))
    draft_questions = {}
    for question in Question.objects.filter(
        survey__in=[draft.survey_id for draft in drafts]
    ).prefetch_related("options"):
        draft_questions.setdefault(question.survey_id, []).append(question)
    return {
        "enquêtes": {
            "ingevuld_op_naam": [
                {
                    "enquête": submission.survey.title,
                    "ingevuld_op": submission.submitted_on.isoformat(),
                    "namens": submission.organisation.name if submission.organisation else None,
                    "antwoorden": {
                        question.text: _answer_text(question, given)
                        for question, given in answers.get(submission.pk, {}).items()
                    },
                }
                for submission in submissions
            ],
            "anoniem_meegedaan_aan": [
                participation.survey.title
                for participation in Participation.objects.filter(user=user)
                .exclude(survey_id__in=named)
                .select_related("survey")
            ],
            "concepten": [
                {
                    "enquête": draft.survey.title,
                    "bewaard_op": draft.updated_at.isoformat(),
                    "antwoorden": _draft_text(draft, draft_questions),
                }
                for draft in drafts
            ],
        }
    }


def forget(user):
    """Before an account is deleted. Drafts and participations go with the account (CASCADE).
    Answers the person gave for themselves, on their name, are deleted; answers given for an
    organisation (one per organisation) stay with the organisation, without the person — as
    everything shared for an organisation does."""
    from .models import Audience, Submission

    Submission.objects.filter(user=user).exclude(survey__audience=Audience.ORGANISATIONS).delete()
    Submission.objects.filter(user=user).update(user=None)
