"""What the detail page of a practice shows besides its own fields."""

from functools import partial

from route2020.core import fragments
from route2020.core.pages import public
from route2020.core.permissions import acts_for, confirmed_organisation_id

from .models import Adoption, PracticePage
from .permissions import may_edit_practice, may_see_contact_and_adopt


def related_practices(practice, limit=3):
    """Public practices sharing a theme, most adopted first: one query, run only when shown
    (in a fragment every visitor is served)."""
    links = PracticePage.themes.through.objects
    own_themes = links.filter(practicepage_id=practice.pk).values("themepage_id")
    return (
        public(PracticePage.objects.live())
        .filter(pk__in=links.filter(themepage_id__in=own_themes).values("practicepage_id"))
        .exclude(pk=practice.pk)
        .only(*PracticePage.CARD_FIELDS)
        .order_by("-adoption_count", "-sort_date")[:limit]
    )


def detail_context(practice, request):
    """What the page shows besides the practice's fields. The public parts (adoptions,
    logbook, related practices) and the blank forms are in cached fragments of the template:
    they are given as functions (a form as its class), which the template calls only when a
    fragment is rendered, so a request that finds them kept builds no queryset or form."""
    from .forms import AdoptionForm, LogbookForm

    user = request.user
    member = may_see_contact_and_adopt(user)
    pilot = practice.kind == "proeftuin"
    adopted_by_me = member and practice.pk in adopted_practices(
        request, confirmed_organisation_id(user)
    )
    own = acts_for(user, practice.organisation_id)
    context = {
        "adoptions": partial(adoptions_of, practice),
        "logbook": partial(logbook_of, practice) if pilot else None,
        "related": partial(related_practices, practice),
        "show_contact": member,
        "can_edit": may_edit_practice(user, practice),
        "can_adopt": member and not own and not adopted_by_me,
        "can_log": own and pilot,
    }
    if context["can_adopt"]:
        context["adoption_form"] = AdoptionForm
    if context["can_log"]:
        context["logbook_form"] = LogbookForm
    return context


def adopted_practices(request, organisation_id):
    """The ids of the practices the organisation has adopted, kept per process and content
    generation (an adoption saved or deleted moves it: practices/apps.py): one set per
    organisation, asked by every practice page its members open."""
    return fragments.memo(
        request,
        "adopted-practices",
        (organisation_id,),
        lambda: frozenset(
            Adoption.objects.filter(organisation_id=organisation_id).values_list(
                "practice_id", flat=True
            )
        ),
    )


def adoptions_of(practice):
    return list(practice.adoptions.select_related("organisation").order_by("created_at"))


def logbook_of(practice):
    return list(practice.logbook.all()[:50])
