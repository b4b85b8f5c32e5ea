"""Who may log visits and write a Reisadvies: a regiogids, for their own provinces only."""

from route2020.core.models import Organisation
from route2020.core.permissions import is_guide


def may_explore(user):
    return is_guide(user) and user.is_active


def libraries_of(user):
    """The libraries a guide may visit: the member libraries of their provinces."""
    if not may_explore(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        kind=Organisation.Kind.LIBRARY, province__in=user.provinces.all()
    ).order_by("province__name", "name")


def visits_of(user):
    """The visits a guide may change: their own, at libraries still in their provinces."""
    from .models import Visit

    if not may_explore(user):
        return Visit.objects.none()
    return Visit.objects.filter(guide=user, organisation__province__in=user.provinces.all())
