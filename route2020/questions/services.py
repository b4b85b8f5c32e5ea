"""Writes with side effects: asking, answering, marking helpful, solving, hiding, flagging.

Each runs in one transaction, checks its permission again whatever the view checked, and
tells others (signals.py) only after the commit.
"""

from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from route2020.core.cache import invalidate_scope
from route2020.core.models import Organisation

from . import permissions, signals, suggest
from .models import RESERVED_SLUGS, Answer, Flag, QuestionIndexPage, QuestionPage, Suggestion


class Solved(ValidationError):
    def __init__(self):
        super().__init__(
            _("Deze vraag is opgelost. Er kunnen geen antwoorden meer bij."), code="solved"
        )


OWN_QUESTION = gettext_lazy(
    "Je kunt geen antwoord geven op een vraag van je eigen organisatie: andere "
    "bibliotheken geven antwoord."
)
HIDDEN_ANSWER = gettext_lazy("Dit antwoord is verborgen; je kunt het niet als nuttig markeren.")


class OwnQuestion(ValidationError):
    def __init__(self):
        super().__init__(OWN_QUESTION, code="own-question")


class HiddenAnswer(ValidationError):
    def __init__(self):
        super().__init__(HIDDEN_ANSWER, code="hidden")


class AlreadyFlagged(ValidationError):
    def __init__(self):
        super().__init__(_("Je hebt dit al gemeld. De redactie kijkt ernaar."), code="duplicate")


def scope(question_id):
    """The page-cache scope of a question page: answers change it without a publish."""
    return f"question:{question_id}"


def _unique_slug(title, index):
    base = slugify(title)[:60].strip("-") or "vraag"
    if base in RESERVED_SLUGS or base.isdigit():
        base = f"vraag-{base}"
    taken = set(index.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def store_suggestions(question):
    """Ask suggest.py once, at posting, and keep what it found."""
    practices, organisations = suggest.suggest(
        text=f"{question.title} {question.body}",
        theme_ids=[theme.pk for theme in question.themes.all()],
        exclude_organisation_id=question.organisation_id,
    )
    rows = [
        Suggestion(
            question=question,
            practice_id=item.pk,
            rank=rank,
            text_match=item.text_match,
            shared_themes=item.shared_themes,
            adoptions=item.adoptions,
        )
        for rank, item in enumerate(practices)
    ] + [
        Suggestion(question=question, organisation_id=item.pk, rank=rank)
        for rank, item in enumerate(organisations)
    ]
    Suggestion.objects.bulk_create(rows)
    return [item.pk for item in organisations]


@transaction.atomic
def question_ask(*, user, title, body, themes):
    if not permissions.may_ask(user):
        raise PermissionDenied
    index = QuestionIndexPage.objects.live().first()
    if index is None:
        raise ValidationError(_("Er is nog geen overzicht van vragen."))
    organisation = Organisation.objects.get(pk=permissions.acting_organisation_id(user))
    question = QuestionPage(
        title=title,
        body=body,
        organisation=organisation,
        asker=user,
        owner=user,
        slug=_unique_slug(title, index),
    )
    question.themes = list(themes)
    index.add_child(instance=question)
    question.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    question = QuestionPage.objects.get(pk=question.pk)
    organisation_ids = store_suggestions(question)
    transaction.on_commit(
        partial(
            signals.question_posted.send,
            sender=QuestionPage,
            question=question,
            organisation_ids=organisation_ids,
        )
    )
    return question


@transaction.atomic
def answer_create(*, question, user, text):
    question = QuestionPage.objects.select_for_update().get(pk=question.pk)
    if question.is_solved:
        raise Solved()
    if permissions.may_manage(user, question):
        raise OwnQuestion()
    if not permissions.may_answer(user, question):
        raise PermissionDenied
    answer = Answer.objects.create(
        question=question,
        author=user,
        organisation_id=permissions.acting_organisation_id(user),
        text=text,
    )
    invalidate_scope(scope(question.pk))
    transaction.on_commit(partial(signals.answer_posted.send, sender=Answer, answer=answer))
    return answer


@transaction.atomic
def answer_mark_helpful(*, answer, user, helpful=True):
    answer = Answer.objects.select_for_update().select_related("question").get(pk=answer.pk)
    if not permissions.may_manage(user, answer.question):
        raise PermissionDenied
    if answer.is_hidden:
        raise HiddenAnswer()
    answer.helpful = helpful
    answer.save(update_fields=["helpful"])
    invalidate_scope(scope(answer.question_id))
    return answer


@transaction.atomic
def question_solve(*, question, user, practices=()):
    """Mark solved and link the practices it led to; the page is published again, so the
    listing and search see it."""
    question = QuestionPage.objects.select_for_update().get(pk=question.pk)
    if not permissions.may_manage(user, question):
        raise PermissionDenied
    if question.is_solved:
        return question
    page = question.get_latest_revision_as_object()
    page.solved_at = timezone.now()
    page.led_to = list(practices)
    page.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    invalidate_scope(scope(question.pk))
    return QuestionPage.objects.get(pk=question.pk)


@transaction.atomic
def answer_hide(*, answer, user, reason):
    answer = (
        # Lock the answer only: the organisation is a nullable join, which PostgreSQL
        # cannot lock (FOR UPDATE on the nullable side of an outer join).
        Answer.objects.select_for_update(of=("self",))
        .select_related("question__organisation")
        .get(pk=answer.pk)
    )
    if not permissions.may_hide(user, answer.question):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Schrijf op waarom je dit antwoord verbergt."))
    if answer.is_hidden:
        return answer
    answer.hidden_at = timezone.now()
    answer.hidden_reason = reason.strip()
    answer.hidden_by = user
    answer.helpful = False
    answer.save()
    invalidate_scope(scope(answer.question_id))
    return answer


@transaction.atomic
def flag_create(*, question, user, reason, answer=None):
    if not permissions.may_flag(user):
        raise PermissionDenied
    if answer is not None and answer.question_id != question.pk:
        raise PermissionDenied
    try:
        with transaction.atomic():
            return Flag.objects.create(question=question, answer=answer, user=user, reason=reason)
    except IntegrityError as error:
        raise AlreadyFlagged() from error
