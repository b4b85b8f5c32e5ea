"""What the questions app keeps about a person: the questions they asked, their answers and
their flags.

On deletion a question and an answer stay with the organisation they were written for (as
everything shared for an organisation does) without the person; flags go with the account.
"""


def export(user):
    from .models import Answer, Flag, QuestionPage

    return {
        "vragen": {
            "gesteld": [
                {
                    "vraag": question.title,
                    "toelichting": question.body,
                    "namens": question.organisation.name if question.organisation else None,
                    "gesteld_op": question.first_published_at.isoformat()
                    if question.first_published_at
                    else None,
                    "opgelost_op": question.solved_at.isoformat() if question.solved_at else None,
                }
                for question in QuestionPage.objects.filter(asker=user).select_related(
                    "organisation"
                )
            ],
            "antwoorden": [
                {
                    "bij_vraag": answer.question.title,
                    "antwoord": answer.text,
                    "geplaatst_op": answer.created_at.isoformat(),
                    "nuttig": answer.helpful,
                    "verborgen_met_reden": answer.hidden_reason or None,
                }
                for answer in Answer.objects.filter(author=user).select_related("question")
            ],
            "meldingen": [
                {
                    "bij_vraag": flag.question.title,
                    "reden": flag.reason,
                    "gemeld_op": flag.created_at.isoformat(),
                }
                for flag in Flag.objects.filter(user=user).select_related("question")
            ],
        }
    }


def forget(user):
    from .models import Answer, QuestionPage

    QuestionPage.objects.filter(asker=user).update(asker=None)
    QuestionPage.objects.filter(owner=user).update(owner=None)
    Answer.objects.filter(author=user).update(author=None)
    Answer.objects.filter(hidden_by=user).update(hidden_by=None)
