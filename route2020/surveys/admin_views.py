"""The office's CSV of a survey: one row per submission, one column per question (a column
per option for a ranking, with its place). Open answers are in it: the CSV is for the office
only, behind /beheer/ and the permission to view submissions."""

import csv
from itertools import groupby

from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.utils.translation import gettext as _

from route2020.core.csv_export import cell

from . import permissions
from .models import Answer, Question, Submission, SurveyPage

Kind = Question.Kind
BATCH = 1000


class Echo:
    def write(self, value):
        return value


def _header(survey, questions):
    named = not survey.anonymous
    head = [_("inzending"), _("ingevuld op")]
    if named:
        head += [_("naam"), _("e-mailadres")]
    if named or survey.per_organisation:
        head.append(_("organisatie"))
    head += [_("provincie"), _("soort organisatie")]
    place = _("plaats")  # outside the f-string: makemessages does not look into one
    for number, question in enumerate(questions, start=1):
        if question.kind == Kind.RANKING:
            head += [
                f"{number}. {question.text} – {option.label} ({place})"
                for option in question.options.all()
            ]
        else:
            head.append(f"{number}. {question.text}")
    return head


def _rows(survey, questions):
    from route2020.core.models import Organisation

    kinds = dict(Organisation.Kind.choices) | dict(Organisation.PartnerType.choices)
    labels = {option.pk: option.label for q in questions for option in q.options.all()}
    named = not survey.anonymous
    submissions = (
        Submission.objects.filter(survey=survey)
        .select_related("user", "organisation", "province")
        .order_by("submitted_on", "id")
    )
    start = 0
    while True:
        batch = list(submissions[start : start + BATCH])
        if not batch:
            return
        start += BATCH
        answers = (
            Answer.objects.filter(submission__in=[s.pk for s in batch])
            .order_by("submission", "question", "value", "option__sort_order")
            .values_list("submission", "question", "option", "value", "text")
        )
        by_submission = {
            key: list(group) for key, group in groupby(answers, key=lambda row: row[0])
        }
        for submission in batch:
            given = {}
            for _sub, question_id, option_id, value, text in by_submission.get(submission.pk, []):
                given.setdefault(question_id, []).append((option_id, value, text))
            row = [str(submission.pk), submission.submitted_on.isoformat()]
            if named:
                user = submission.user
                row += [user.get_full_name() if user else "", user.email if user else ""]
            if named or survey.per_organisation:
                row.append(submission.organisation.name if submission.organisation else "")
            row += [
                submission.province.name if submission.province else "",
                str(kinds.get(submission.partner_type or submission.organisation_kind, "")),
            ]
            for question in questions:
                values = given.get(question.pk, [])
                if question.kind == Kind.RANKING:
                    places = {option_id: value for option_id, value, _text in values}
                    row += [places.get(option.pk, "") for option in question.options.all()]
                elif question.kind in (Kind.SINGLE, Kind.MULTIPLE):
                    row.append("; ".join(labels[option_id] for option_id, _v, _t in values))
                elif question.kind == Kind.TEXT:
                    row.append(values[0][2] if values else "")
                else:
                    row.append(values[0][1] if values else "")
            yield [cell(value) for value in row]


def answers_csv(request, page_id):
    if not permissions.is_office(request.user):
        raise PermissionDenied
    survey = get_object_or_404(SurveyPage, pk=page_id)
    questions = survey.get_questions()
    writer = csv.writer(Echo())

    def lines():
        yield "\ufeff"  # so spreadsheet programs read the file as UTF-8
        yield writer.writerow([cell(value) for value in _header(survey, questions)])
        for row in _rows(survey, questions):
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    name = slugify(survey.slug or survey.title)[:60] or "enquete"
    response["Content-Disposition"] = f'attachment; filename="antwoorden-{name}.csv"'
    return response
