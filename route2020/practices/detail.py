"""What the detail page of a practice shows besides its own fields."""

from .models import PracticePage


def is_member(user):
    return user.is_authenticated and user.is_member


def can_edit(user, practice):
    """Members edit their own organisation's practices; the redactie edits all of them."""
    if not user.is_authenticated:
        return False
    if user.is_editor:
        return True
    return user.is_member and practice.organisation_id == user.organisation_id


def related_practices(practice, limit=3):
    """Practices sharing a theme, most adopted first: one query, run only when shown."""
    links = PracticePage.themes.through.objects
    own_themes = links.filter(practicepage_id=practice.pk).values("themepage_id")
    return (
        PracticePage.objects.live()
        .filter(pk__in=links.filter(themepage_id__in=own_themes).values("practicepage_id"))
        .exclude(pk=practice.pk)
        .only(*PracticePage.CARD_FIELDS)
        .order_by("-adoption_count", "-sort_date")[:limit]
    )


def detail_context(practice, request):
    from .forms import AdoptionForm, LogbookForm

    user = request.user
    member = is_member(user)
    # Lazy: the public parts of the page come from a cached fragment, so a visitor's request
    # runs none of these queries; only a member's needs to know about their own adoption.
    adoptions = practice.adoptions.select_related("organisation").order_by("created_at")
    adopted_by_me = member and adoptions.filter(organisation_id=user.organisation_id).exists()
    own = member and practice.organisation_id == user.organisation_id
    context = {
        "steps": practice.steps.all(),
        "partners": practice.partners.all(),
        "images": practice.images.select_related("image"),
        "documents": practice.documents.select_related("document"),
        "adoptions": adoptions,
        "logbook": practice.logbook.all()[:50] if practice.kind == "proeftuin" else [],
        "related": related_practices(practice),
        "show_contact": member,
        "can_edit": can_edit(user, practice),
        "can_adopt": member and not own and not adopted_by_me,
        "can_log": own and practice.kind == "proeftuin",
    }
    if context["can_adopt"]:
        context["adoption_form"] = AdoptionForm()
    if context["can_log"]:
        context["logbook_form"] = LogbookForm()
    return context
