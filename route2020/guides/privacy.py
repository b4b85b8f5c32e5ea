"""A regiogids's own visits and the Reisadviezen they wrote, for /account/gegevens/. When the
account goes, both stay (the visit and the advice are the programme's record), without the
guide's name: the foreign keys are SET_NULL."""

from .models import ReisadviesPage, Visit


def export(user):
    return {
        "bezoeken": [
            {
                "bibliotheek": visit.organisation.name,
                "datum": visit.visited_on.isoformat(),
                "wat je aantrof": visit.findings,
                "praktijkvoorbeelden": [practice.title for practice in visit.practices.all()],
            }
            for visit in Visit.objects.filter(guide=user)
            .select_related("organisation")
            .prefetch_related("practices")
        ],
        "reisadviezen": [
            {"titel": page.draft_title, "datum": page.date.isoformat(), "gepubliceerd": page.live}
            for page in ReisadviesPage.objects.filter(author=user)
        ],
    }
