"""The map of how practices spread: province outlines and projection from core/maps.py."""

from django.db.models import Count

from route2020.core.maps import colour_scale, outlines, point, svg_number
from route2020.core.models import Province

from .models import Adoption, PracticePage

__all__ = ["colour_scale", "spread_context", "svg_number"]

MAX_LINES = 400


def _point(organisation_row, code_by_id):
    lat, lon, province_id = organisation_row
    return point(lat, lon, code_by_id.get(province_id))


def spread_context():
    provinces, _project, view_box = outlines()
    province_rows = list(Province.objects.all())
    code_by_id = {province.pk: province.code for province in province_rows}
    origin_counts = dict(
        PracticePage.objects.live()
        .order_by()
        .values_list("province_id")
        .annotate(n=Count("pk"))
        .values_list("province_id", "n")
    )
    adopter_counts = dict(
        Adoption.objects.order_by()
        .values_list("organisation__province_id")
        .annotate(n=Count("pk"))
        .values_list("organisation__province_id", "n")
    )
    adoptions = Adoption.objects.filter(practice__live=True).values_list(
        "practice__organisation__latitude",
        "practice__organisation__longitude",
        "practice__organisation__province_id",
        "organisation__latitude",
        "organisation__longitude",
        "organisation__province_id",
    )[:MAX_LINES]
    lines = []
    for row in adoptions:
        start = _point(row[:3], code_by_id)
        end = _point(row[3:], code_by_id)
        if start and end and start != end:
            lines.append(
                {
                    "x1": svg_number(start[0]),
                    "y1": svg_number(start[1]),
                    "x2": svg_number(end[0]),
                    "y2": svg_number(end[1]),
                }
            )
    shade, legend = colour_scale([origin_counts.get(p.pk, 0) for p in province_rows])
    shapes, table = [], []
    for province in province_rows:
        outline = provinces.get(province.code)
        origin = origin_counts.get(province.pk, 0)
        adopted = adopter_counts.get(province.pk, 0)
        table.append(
            {"province": province, "origin": origin, "adopted": adopted, "shade": shade(origin)}
        )
        if outline:
            shapes.append(
                {
                    "name": outline["name"],
                    "path": outline["path"],
                    # Computed as text here: the template would localise a float.
                    "cx": svg_number(outline["cx"]),
                    "cy": svg_number(outline["cy"]),
                    "origin": origin,
                    "adopted": adopted,
                    "shade": shade(origin),
                }
            )
    return {
        "view_box": view_box,
        "shapes": shapes,
        "lines": lines,
        "table": table,
        "legend": legend,
        "total_adoptions": sum(adopter_counts.values()),
    }
