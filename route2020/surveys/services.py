"""Saving a draft and submitting: each in one transaction, checked again here whatever the
view checked, because the survey may close or a second tab may submit in between.

"One submission per person (or organisation)" is the database's `Participation` constraint:
two submits at the same moment both try to insert it, one wins, the other gets
`AlreadySubmitted` and its transaction (submission and answers) is rolled back.
"""

import hashlib
import re
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from route2020.core.cache import invalidate_scope

from . import permissions
from .models import Answer, Draft, Participation, Question, Submission, results_cache_scope

Kind = Question.Kind

# A visitor who submits a survey for anyone gets a random token in this first-party cookie
# (functionally necessary, no consent needed; listed in the privacy statement): the
# database keeps one submission per survey and token.
VISITOR_COOKIE = "r2020_enquete"
VISITOR_COOKIE_AGE = 60 * 60 * 24 * 365
_TOKEN = re.compile(r"[0-9a-f]{32}")


def visitor_token(request):
    """The valid survey token in this browser's cookie, or None."""
    value = request.COOKIES.get(VISITOR_COOKIE, "")
    return value if _TOKEN.fullmatch(value) else None


def new_visitor_token():
    return secrets.token_hex(16)


def remember_visitor(request, response, token):
    response.set_cookie(
        VISITOR_COOKIE,
        token,
        max_age=VISITOR_COOKIE_AGE,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=True,
    )


def _visitor_key(survey, token):
    """What the database keeps of the token: a hash of it with the survey, so a copy of the
    database names no browser, nor shows which surveys one browser took part in."""
    return hashlib.sha256(f"{survey.pk}:{token}".encode()).hexdigest()


class AlreadySubmitted(ValidationError):
    def __init__(self, survey):
        message = (
            _("Je organisatie heeft deze enquête al ingevuld. Per organisatie telt één inzending.")
            if survey.per_organisation
            else _("Je hebt deze enquête al ingevuld. Versturen kan één keer.")
        )
        super().__init__(message, code="duplicate")


class NotOpen(ValidationError):
    def __init__(self, survey, state):
        if state == "not-yet":
            opens = formats.date_format(timezone.localtime(survey.opens_at), "j F Y H:i")
            message = _("Deze enquête is nog niet open. Invullen kan vanaf %(opens)s.") % {
                "opens": opens
            }
        else:
            message = _("Deze enquête is gesloten. Er kunnen geen antwoorden meer bij.")
        super().__init__(message, code=state)


class NotAllowed(ValidationError):
    def __init__(self, message=None):
        super().__init__(
            message or _("Deze enquête is alleen voor leden. Log in met je account als lid."),
            code="forbidden",
        )


def has_participated(*, survey, user, token=None):
    """Whether this person, or for a per-organisation survey their organisation, or the
    visitor with this survey token, answered."""
    if user is None or not user.is_authenticated:
        return (
            token is not None
            and Participation.objects.filter(
                survey=survey, visitor=_visitor_key(survey, token)
            ).exists()
        )
    if survey.per_organisation:
        organisation = permissions.acting_organisation(user)
        return (
            organisation is not None
            and Participation.objects.filter(survey=survey, organisation=organisation).exists()
        )
    return Participation.objects.filter(survey=survey, user=user).exists()


def _check(survey, user, now):
    state = survey.state(now)
    if state != "open":
        raise NotOpen(survey, state)
    if not permissions.may_answer(user, survey):
        raise NotAllowed()


def _answer_rows(survey, answers):
    """Answer rows from plain answers (question pk -> value), checked against the questions:
    the form already did, but a service must not store an option of another question."""
    questions = survey.get_questions()
    rows = []
    for question in questions:
        value = answers.get(str(question.pk))
        if value in (None, "", []):
            if question.required:
                raise ValidationError(_("Niet alle verplichte vragen zijn beantwoord."))
            continue
        options = {option.pk for option in question.options.all()}
        if question.kind == Kind.SINGLE:
            chosen = [value]
        elif question.kind in (Kind.MULTIPLE, Kind.RANKING):
            chosen = list(value)
        else:
            chosen = []
        if chosen and (not set(chosen) <= options or len(set(chosen)) != len(chosen)):
            raise ValidationError(_("Kies alleen uit de mogelijkheden van de vraag."))
        if question.kind == Kind.RANKING and set(chosen) != options:
            raise ValidationError(_("Geef elke mogelijkheid een plaats."))
        if question.kind in (Kind.SINGLE, Kind.MULTIPLE):
            rows += [Answer(question=question, option_id=pk) for pk in chosen]
        elif question.kind == Kind.RANKING:
            rows += [
                Answer(question=question, option_id=pk, value=place)
                for place, pk in enumerate(chosen, start=1)
            ]
        elif question.kind == Kind.SCALE:
            if value not in Question.SCALE_VALUES:
                raise ValidationError(_("Kies een getal van 1 tot en met 5."))
            rows.append(Answer(question=question, value=value))
        elif question.kind == Kind.NUMBER:
            if not isinstance(value, int) or not question.lowest <= value <= question.highest:
                raise ValidationError(_("Een getal valt buiten het bereik van de vraag."))
            rows.append(Answer(question=question, value=value))
        else:
            rows.append(Answer(question=question, text=str(value)))
    return rows


@transaction.atomic
def draft_save(*, survey, user, answers, now=None):
    """Keep a signed-in person's answers so far; they can come back and change them."""
    if user is None or not user.is_authenticated:
        raise NotAllowed(_("Log in om je antwoorden tussendoor op te slaan."))
    _check(survey, user, now or timezone.now())
    if has_participated(survey=survey, user=user):
        raise AlreadySubmitted(survey)
    draft, _created = Draft.objects.update_or_create(
        survey=survey, user=user, defaults={"answers": answers}
    )
    return draft


@transaction.atomic
def submit(*, survey, user, answers, now=None, token=None):
    """Store the answers, final. `user` is None for a visitor on a survey for anyone, who
    has a survey `token` (the view makes one and sets the cookie)."""
    now = now or timezone.now()
    if user is not None and not user.is_authenticated:
        user = None
    _check(survey, user, now)
    organisation = permissions.acting_organisation(user)
    rows = _answer_rows(survey, answers)
    try:
        with transaction.atomic():
            if survey.per_organisation:
                Participation.objects.create(survey=survey, organisation=organisation)
            elif user is not None:
                Participation.objects.create(survey=survey, user=user)
            elif token is not None:
                Participation.objects.create(survey=survey, visitor=_visitor_key(survey, token))
    except IntegrityError:
        raise AlreadySubmitted(survey) from None
    keep_organisation = survey.per_organisation or not survey.anonymous
    submission = Submission.objects.create(
        survey=survey,
        user=None if survey.anonymous else user,
        organisation=organisation if keep_organisation else None,
        province_id=organisation.province_id if organisation else None,
        organisation_kind=organisation.kind if organisation else "",
        partner_type=organisation.partner_type if organisation else "",
        submitted_on=timezone.localdate(now),
    )
    for row in rows:
        row.submission = submission
    Answer.objects.bulk_create(rows)
    if user is not None:
        Draft.objects.filter(survey=survey, user=user).delete()
    invalidate_scope(results_cache_scope(survey.pk))
    return submission
