"""The map of the libraries taking part in the campaign (drawn with core/maps.py) and the
table beside it: libraries per province."""

from django.core.cache import cache
from django.db.models import FloatField
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import mark_safe

from route2020.core import cache as page_cache
from route2020.core.maps import colour_scale, outlines, point, province_shapes, svg_number

from .models import CACHE_SCOPE, CampaignPeriodPage, CampaignSignup

MAX_DOTS = 1000


def participants_map(campaign):
    """Kept in the cache until a page is published or a sign-up changes (the campaign's
    cache scope): a thousand libraries take longer to draw than the rest of the page."""
    key = (
        f"campaign:map:{campaign.pk}:{page_cache.generation()}:"
        f"{page_cache.scope_generation(CACHE_SCOPE)}"
    )
    drawn = cache.get(key)
    if drawn is None:
        drawn = draw_participants_map(campaign)
        cache.set(key, drawn, 60 * 60)
    return drawn


def draw_participants_map(campaign):
    """One query, whatever the number of sign-ups: each library once, however many periods
    it takes part in."""
    provinces, _project, view_box = outlines()
    periods = CampaignPeriodPage.objects.live().child_of(campaign)
    rows = list(
        CampaignSignup.objects.filter(period__in=periods)
        .order_by("organisation__name", "organisation_id")
        .values(
            "organisation_id",
            "organisation__name",
            "organisation__province__code",
        )
        .annotate(
            # Floats, not Decimals: converting a thousand Decimals costs more than drawing.
            latitude=Cast("organisation__latitude", FloatField()),
            longitude=Cast("organisation__longitude", FloatField()),
        )
        .distinct()[:MAX_DOTS]
    )
    counts = {}
    dots = []
    for row in rows:
        code = row["organisation__province__code"]
        counts[code] = counts.get(code, 0) + 1
        where = point(row["latitude"], row["longitude"], code)
        if where:
            # Made here rather than in a template loop: a thousand dots render ten times faster.
            dots.append(
                f'<circle class="r2020-map__dot" cx="{svg_number(where[0])}" '
                f'cy="{svg_number(where[1])}" r="4"><title>'
                f"{escape(row['organisation__name'])}</title></circle>"
            )
    shade, legend = colour_scale([counts.get(code, 0) for code in provinces])
    shapes = province_shapes(counts, shade)
    table = sorted(shapes, key=lambda shape: shape["name"])
    return {
        "view_box": view_box,
        "shapes": shapes,
        "dots": mark_safe("".join(dots)),  # noqa: S308 (every name is escaped above)
        "dot_count": len(dots),
        "table": table,
        "legend": legend,
        "total": len(rows),
    }
