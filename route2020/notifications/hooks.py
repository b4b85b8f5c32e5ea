"""Where the items come from. The apps that make them do not know this app: it listens.

- a new question (`questions.signals.question_posted`): members of the organisations the
  platform found experience at, and people who follow one of the question's themes;
- a new answer (`questions.signals.answer_posted`): the asking organisation's members;
- a submission sent for review (a `practices.ModerationEvent` "submitted" is created): the
  people who may moderate it (`practices.services.moderators_of`);
- an event page published for the first time (Wagtail's `page_published`): people whose
  organisation or regiogids provinces are in the event's province;
- a practice published (the same signal): people who follow one of its themes.

Every hook records after the commit, so a rolled-back write tells no one.
"""

from functools import partial

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_save

from route2020.core import roles

from .models import Interest, Kind
from .services import notify


def _members_of(organisation_ids):
    return get_user_model().objects.filter(
        organisation_id__in=organisation_ids, groups__name=roles.MEMBER, is_active=True
    )


def _following(theme_ids):
    return Interest.objects.filter(theme_id__in=theme_ids).values_list("user_id", flat=True)


def question_posted(sender, question, organisation_ids, **kwargs):
    theme_ids = list(question.themes.values_list("pk", flat=True))
    user_ids = set(_members_of(organisation_ids).values_list("pk", flat=True))
    user_ids |= set(_following(theme_ids))
    user_ids.discard(question.asker_id)
    user_ids -= set(_members_of([question.organisation_id]).values_list("pk", flat=True))
    notify(
        kind=Kind.QUESTIONS,
        user_ids=user_ids,
        key=f"question:{question.pk}",
        title=question.title,
        path=question.url,
    )


def answer_posted(sender, answer, **kwargs):
    question = answer.question
    user_ids = set(_members_of([question.organisation_id]).values_list("pk", flat=True))
    if question.asker_id:
        user_ids.add(question.asker_id)
    user_ids.discard(answer.author_id)
    organisation = answer.organisation.name if answer.organisation else ""
    notify(
        kind=Kind.ANSWERS,
        user_ids=user_ids,
        key=f"answer:{answer.pk}",
        title=f"{organisation}: {question.title}" if organisation else question.title,
        path=f"{question.url}#antwoord-{answer.pk}",
    )


def moderation_event_saved(sender, instance, created, **kwargs):
    from route2020.practices.services import moderators_of

    if not created or instance.action != "ingediend":
        return
    submission = instance.submission

    def send():
        notify(
            kind=Kind.MODERATION,
            user_ids=moderators_of(submission).values_list("pk", flat=True),
            key=f"submission:{submission.pk}:{instance.pk}",
            title=submission.title,
            path="/praktijkvoorbeelden/beoordelen/",
        )

    transaction.on_commit(send)


def page_published(sender, instance, **kwargs):
    from route2020.events.models import EventPage
    from route2020.practices.models import PracticePage

    page = instance.specific
    if isinstance(page, EventPage) and page.province_id:
        users = get_user_model().objects.filter(
            Q(organisation__province_id=page.province_id) | Q(provinces=page.province_id),
            is_active=True,
        )
        send = partial(
            notify,
            kind=Kind.EVENTS,
            user_ids=users.values_list("pk", flat=True),
            key=f"event:{page.pk}",
            title=page.title,
            path=page.url,
        )
    elif isinstance(page, PracticePage):
        send = partial(
            notify,
            kind=Kind.PRACTICES,
            user_ids=_following(page.themes.values_list("pk", flat=True)),
            key=f"practice:{page.pk}",
            title=page.title,
            path=page.url,
        )
    else:
        return
    transaction.on_commit(send)


def connect():
    from wagtail.signals import page_published as published

    from route2020.practices.models import ModerationEvent
    from route2020.questions import signals

    signals.question_posted.connect(question_posted, dispatch_uid="notifications-question")
    signals.answer_posted.connect(answer_posted, dispatch_uid="notifications-answer")
    post_save.connect(
        moderation_event_saved, sender=ModerationEvent, dispatch_uid="notifications-moderation"
    )
    published.connect(page_published, dispatch_uid="notifications-page-published")
