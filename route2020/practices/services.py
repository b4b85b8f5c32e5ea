"""Writes with side effects: saving a submission's steps, submitting, moderating, adopting.

Every function runs in one transaction and queues its mails for after the commit.
"""

import datetime
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from route2020.core.permissions import (
    acts_for,
    confirmed_organisation,
    confirmed_organisation_id,
)
from route2020.files.access import guarded_collection, release
from route2020.themes.models import ThemePage

from .models import (
    RESERVED_SLUGS,
    Adoption,
    LogbookEntry,
    ModerationEvent,
    PartnerType,
    PracticeDocument,
    PracticeImage,
    PracticeIndexPage,
    PracticePage,
    PracticePartner,
    PracticeStep,
    Submission,
)
from .permissions import (
    guides_province,
    may_edit_practice,
    may_edit_submission,
    may_moderate,
    moderators_of,
)
from .tasks import send_moderation_mail

State = Submission.State
Action = ModerationEvent.Action
# The rule (route2020/files/access.py) of the files attached to a submission: private until
# the practice is published.
DRAFT_FILES = "practices.drafts"


def _queue_mail(event, recipients):
    recipients = sorted({address for address in recipients if address})
    if recipients:
        transaction.on_commit(partial(send_moderation_mail.enqueue, event.pk, recipients))


def _json_value(value):
    if isinstance(value, QuerySet | list | tuple):
        return [_json_value(item) for item in value]
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


# --- drafts ------------------------------------------------------------------------------------


@transaction.atomic
def submission_start(*, user, organisation=None):
    """A member submits for their own organisation; a regiogids may start one on behalf of
    a library of their provinces (`organisation`), met on a visit."""
    if organisation is None:
        organisation = confirmed_organisation(user)
    elif not guides_province(user, organisation.province_id):
        raise PermissionDenied
    if organisation is None:
        raise PermissionDenied
    return Submission.objects.create(
        author=user, organisation=organisation, province_id=organisation.province_id
    )


def data_from_practice(page):
    """The submission data of an existing practice (its latest revision), for an edit."""
    steps_text = "\n".join(
        f"{step.title}: {step.description}" if step.description else step.title
        for step in page.steps.all()
    )
    partners = {value: [] for value in PartnerType.values}
    for partner in page.partners.all():
        partners.setdefault(partner.partner_type, []).append(partner.name)
    return {
        "basis": {
            "title": page.title,
            "summary": page.summary,
            "kind": page.kind,
            "status": page.status,
            "phase": page.phase,
            "themes": [theme.pk for theme in page.themes.all()],
            "start_date": page.start_date.isoformat() if page.start_date else None,
            "end_date": page.end_date.isoformat() if page.end_date else None,
        },
        "aanpak": {
            "steps": steps_text,
            "budget_euros": page.budget_euros,
            "staff_hours": page.staff_hours,
            "duration_months": page.duration_months,
        },
        "partners": {
            "participants": [organisation.pk for organisation in page.participants.all()],
            **{f"partner_{key}": ", ".join(names) for key, names in partners.items()},
        },
        "resultaten": {
            "results": page.results,
            "what_worked": page.what_worked,
            "what_did_not_work": page.what_did_not_work,
            "lessons": page.lessons,
            "evidence_level": page.evidence_level,
            "evidence": page.evidence,
            "evaluation": page.evaluation,
        },
        "bijlagen": {
            "contact_name": page.contact_name,
            "contact_email": page.contact_email,
            "contact_phone": page.contact_phone,
        },
        "images": [{"id": image.image_id, "alt": image.alt_text} for image in page.images.all()],
        "documents": [document.document_id for document in page.documents.all()],
        "done": list(Submission.STEPS),
    }


@transaction.atomic
def submission_start_edit(*, user, practice):
    """Reuse the open edit of this practice, or start one from its latest revision."""
    if not may_edit_practice(user, practice):
        raise PermissionDenied
    open_edit = practice.submissions.filter(state__in=[State.DRAFT, State.RETURNED]).first()
    if open_edit:
        return open_edit
    latest = practice.get_latest_revision_as_object()
    organisation = practice.organisation or confirmed_organisation(user)
    try:
        with transaction.atomic():
            return Submission.objects.create(
                author=user,
                organisation=organisation,
                province_id=organisation.province_id if organisation else None,
                practice=practice,
                data=data_from_practice(latest),
            )
    except IntegrityError:
        # Another request opened the edit at the same moment (the database allows one).
        return practice.submissions.get(state__in=[State.DRAFT, State.RETURNED])


@transaction.atomic
def submission_save_step(*, submission, step, form=None, raw=None):
    """Keep what was typed: the cleaned values of a valid step, the raw input of an invalid one."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    data = submission.data
    data.setdefault("raw", {})
    if form is not None and form.is_valid():
        cleaned = dict(form.cleaned_data)
        if step == "bijlagen":
            _store_uploads(data, cleaned)
        data[step] = {key: _json_value(value) for key, value in cleaned.items()}
        data["raw"].pop(step, None)
        data["done"] = sorted(set(data.get("done", [])) | {step}, key=Submission.STEPS.index)
    elif raw is not None:
        data["raw"][step] = raw
    submission.data = data
    submission.save(update_fields=["data", "updated_at"])
    return submission


def _store_uploads(data, cleaned):
    """Attachments go into the guarded collection of drafts (private until published); the
    image field has already written the image again without metadata."""
    image = cleaned.pop("image", None)
    alt = cleaned.pop("image_alt", "")
    document = cleaned.pop("document", None)
    if not (image or document):
        return
    collection = guarded_collection(DRAFT_FILES)
    if image:
        stored = get_image_model().objects.create(
            title=alt[:255] or image.name, file=image, collection=collection
        )
        data.setdefault("images", []).append({"id": stored.pk, "alt": alt})
    if document:
        stored = get_document_model().objects.create(
            title=document.name[:255], file=document, collection=collection
        )
        data.setdefault("documents", []).append(stored.pk)


def release_attachments(sender, instance, **kwargs):
    """page_published: a published practice's images and documents become public, however it
    was published (moderation on the site or the CMS)."""
    files = [item.image for item in instance.images.select_related("image")]
    files += [item.document for item in instance.documents.select_related("document")]
    files.append(instance.evaluation_report)
    release(files, key=DRAFT_FILES)


def adoption_count_after_publish(sender, instance, **kwargs):
    """page_published: whatever the published revision held, the count is the real one."""
    adoption_count_refresh(practice_id=instance.pk)


def _unique_slug(title, index):
    base = slugify(title)[:70] or "praktijkvoorbeeld"
    slug, number = base, 1
    taken = set(PracticePage.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    while slug in taken or slug in RESERVED_SLUGS:
        number += 1
        slug = f"{base}-{number}"
    return slug


def apply_data(page, data):
    """Fill an (unsaved or revision) practice from submission data, children included."""
    basis, approach = data.get("basis", {}), data.get("aanpak", {})
    partners, results = data.get("partners", {}), data.get("resultaten", {})
    attachments = data.get("bijlagen", {})
    page.title = basis.get("title", "")
    page.draft_title = page.title
    page.summary = basis.get("summary", "")
    page.kind = basis.get("kind", "praktijkvoorbeeld")
    page.status = basis.get("status", "idee")
    page.phase = basis.get("phase") or ""
    page.start_date = _date(basis.get("start_date"))
    page.end_date = _date(basis.get("end_date"))
    page.themes = list(ThemePage.objects.filter(pk__in=basis.get("themes") or []))
    page.budget_euros = approach.get("budget_euros")
    page.staff_hours = approach.get("staff_hours")
    page.duration_months = approach.get("duration_months")
    steps = []
    for line in (approach.get("steps") or "").splitlines():
        title, _sep, description = line.partition(":")
        steps.append(PracticeStep(title=title.strip()[:200], description=description.strip()))
    page.steps = steps
    page.participants = list(
        page.participants.model.objects.filter(pk__in=partners.get("participants") or [])
    )
    page.partners = [
        PracticePartner(partner_type=key, name=name.strip()[:200])
        for key in PartnerType.values
        for name in (partners.get(f"partner_{key}") or "").split(",")
        if name.strip()
    ]
    for field in ("results", "what_worked", "what_did_not_work", "lessons", "evidence"):
        setattr(page, field, results.get(field) or "")
    page.evaluation = results.get("evaluation") or ""
    page.evidence_level = results.get("evidence_level") or "beschreven"
    page.has_failures = bool(page.what_did_not_work.strip())
    page.contact_name = attachments.get("contact_name") or ""
    page.contact_email = attachments.get("contact_email") or ""
    page.contact_phone = attachments.get("contact_phone") or ""
    page.images = [
        PracticeImage(image_id=item["id"], alt_text=item["alt"]) for item in data.get("images", [])
    ]
    page.documents = [PracticeDocument(document_id=pk) for pk in data.get("documents", [])]
    return page


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def preview_page(submission):
    page = PracticePage(organisation=submission.organisation, slug="voorbeeld")
    if submission.practice_id:
        page = submission.practice.get_latest_revision_as_object()
    return apply_data(page, submission.data)


# --- moderation --------------------------------------------------------------------------------


@transaction.atomic
def submission_submit(*, submission, user, step_errors):
    """Submit for review: a draft revision of the page; the published version stays live.

    `step_errors(submission)` validates every step again (`forms.step_errors`; services do
    not know the forms): a submission with errors is refused.

    A second submit (double click, second tab) finds the submission already submitted and
    changes nothing.
    """
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if not may_edit_submission(user, submission):
        raise PermissionDenied
    if submission.state not in (State.DRAFT, State.RETURNED):
        return submission
    errors = step_errors(submission)
    if errors:
        raise ValidationError(_("Niet alle stappen zijn volledig ingevuld."), code="incomplete")
    if submission.practice_id is None:
        index = PracticeIndexPage.objects.first()
        if index is None:
            raise ValidationError(_("Er is nog geen overzicht van praktijkvoorbeelden."))
        page = PracticePage(organisation=submission.organisation, live=False, owner=user)
        apply_data(page, submission.data)
        page.slug = _unique_slug(page.title, index)
        index.add_child(instance=page)
        submission.practice = page
    else:
        page = submission.practice.get_latest_revision_as_object()
        apply_data(page, submission.data)
    page.save_revision(user=user, log_action=True)
    submission.state = State.SUBMITTED
    submission.submitted_at = timezone.now()
    submission.feedback = ""
    submission.save()
    event = ModerationEvent.objects.create(
        submission=submission, actor=user, action=Action.SUBMITTED
    )
    _queue_mail(event, moderators_of(submission).values_list("email", flat=True))
    return submission


def _lock_for_moderation(submission, user):
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if not may_moderate(user, submission):
        raise PermissionDenied
    return submission


def _author_addresses(submission):
    addresses = [submission.author.email] if submission.author else []
    return addresses


@transaction.atomic
def submission_publish(*, submission, user):
    submission = _lock_for_moderation(submission, user)
    if submission.state != State.SUBMITTED:
        return submission
    revision = submission.practice.get_latest_revision()
    # may_moderate() is the rule here: guides hold no Wagtail page permissions.
    revision.publish(user=user, skip_permission_checks=True)
    submission.state = State.PUBLISHED
    submission.data.pop("raw", None)
    submission.save()
    event = ModerationEvent.objects.create(
        submission=submission, actor=user, action=Action.PUBLISHED
    )
    _queue_mail(event, _author_addresses(submission))
    return submission


@transaction.atomic
def submission_return(*, submission, user, feedback):
    submission = _lock_for_moderation(submission, user)
    if submission.state != State.SUBMITTED:
        return submission
    submission.state = State.RETURNED
    submission.feedback = feedback
    submission.save()
    event = ModerationEvent.objects.create(
        submission=submission, actor=user, action=Action.RETURNED, note=feedback
    )
    _queue_mail(event, _author_addresses(submission))
    return submission


# --- adoption and logbook ----------------------------------------------------------------------


class AlreadyAdopted(ValidationError):
    pass


@transaction.atomic
def adoption_create(*, practice, user, how_it_went):
    organisation_id = confirmed_organisation_id(user)
    if organisation_id is None or practice.organisation_id == organisation_id:
        raise PermissionDenied
    try:
        with transaction.atomic():
            adoption = Adoption.objects.create(
                practice=practice,
                organisation_id=organisation_id,
                user=user,
                how_it_went=how_it_went,
            )
    except IntegrityError as error:
        raise AlreadyAdopted(_("Je organisatie heeft dit voorbeeld al overgenomen.")) from error
    adoption_count_refresh(practice_id=practice.pk)
    return adoption


def adoption_count_refresh(*, practice_id):
    """The one place that counts a practice's adoptions into `adoption_count` (which the
    listing sorts and filters on): one UPDATE with the count as a subquery, so two adoptions
    at once cannot both write the count they read."""
    count = (
        Adoption.objects.filter(practice_id=OuterRef("pk"))
        .order_by()
        .values("practice_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    PracticePage.objects.filter(pk=practice_id).update(adoption_count=Coalesce(Subquery(count), 0))


@transaction.atomic
def logbook_add(*, practice, user, date, text):
    if not (acts_for(user, practice.organisation_id) and practice.kind == "proeftuin"):
        raise PermissionDenied
    return LogbookEntry.objects.create(practice=practice, author=user, date=date, text=text)
