"""The map of how practices spread, drawn as SVG on the server from the province outlines.

Equirectangular projection with x scaled by cos(52.2°), the latitude of the middle of the
Netherlands: good enough at this size, and no tile server or JavaScript is needed.
"""

import math
from functools import lru_cache

from django.db.models import Count

from route2020.core import roles
from route2020.core.models import Province

from .models import Adoption, PracticePage

WIDTH = 560
MARGIN = 10
COS_LAT = math.cos(math.radians(52.2))
MAX_LINES = 400


def _rings(geometry):
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


@lru_cache(maxsize=1)
def outlines():
    """Per province: its SVG path, label position; plus the projection and the view box."""
    features = roles.province_features()
    points = [
        (lon * COS_LAT, -lat)
        for feature in features
        for ring in _rings(feature["geometry"])
        for lon, lat in ring
    ]
    min_x, max_x = min(p[0] for p in points), max(p[0] for p in points)
    min_y, max_y = min(p[1] for p in points), max(p[1] for p in points)
    scale = (WIDTH - 2 * MARGIN) / (max_x - min_x)
    height = round((max_y - min_y) * scale + 2 * MARGIN)

    def project(lon, lat):
        return (
            round((lon * COS_LAT - min_x) * scale + MARGIN, 1),
            round((-lat - min_y) * scale + MARGIN, 1),
        )

    provinces = {}
    for feature in features:
        rings = _rings(feature["geometry"])
        parts, xs, ys = [], [], []
        for ring in rings:
            projected = [project(lon, lat) for lon, lat in ring]
            # Drop points closer than half a pixel to the previous one: a much smaller SVG.
            kept = [projected[0]]
            for point in projected[1:]:
                if abs(point[0] - kept[-1][0]) + abs(point[1] - kept[-1][1]) >= 0.5:
                    kept.append(point)
            if len(kept) < 3:
                continue
            parts.append("M" + "L".join(f"{x},{y}" for x, y in kept) + "Z")
            xs += [x for x, _ in kept]
            ys += [y for _, y in kept]
        provinces[feature["properties"]["statcode"]] = {
            "name": feature["properties"]["statnaam"],
            "path": "".join(parts),
            "cx": round((min(xs) + max(xs)) / 2, 1) if xs else 0,
            "cy": round((min(ys) + max(ys)) / 2, 1) if ys else 0,
        }
    return provinces, project, f"0 0 {WIDTH} {height}"


def _point(organisation_row, provinces, project, code_by_id):
    lat, lon, province_id = organisation_row
    if lat is not None and lon is not None:
        return project(float(lon), float(lat))
    code = code_by_id.get(province_id)
    if code in provinces:
        return provinces[code]["cx"], provinces[code]["cy"]
    return None


def spread_context():
    provinces, project, view_box = outlines()
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
        start = _point(row[:3], provinces, project, code_by_id)
        end = _point(row[3:], provinces, project, code_by_id)
        if start and end and start != end:
            lines.append({"x1": start[0], "y1": start[1], "x2": end[0], "y2": end[1]})
    max_count = max(origin_counts.values(), default=0) or 1
    shapes, table = [], []
    for province in province_rows:
        outline = provinces.get(province.code)
        origin = origin_counts.get(province.pk, 0)
        adopted = adopter_counts.get(province.pk, 0)
        table.append({"province": province, "origin": origin, "adopted": adopted})
        if outline:
            shapes.append(
                {
                    **outline,
                    "origin": origin,
                    "adopted": adopted,
                    # Five shades: the more practices, the darker.
                    "shade": min(4, math.ceil(4 * origin / max_count)),
                }
            )
    return {
        "view_box": view_box,
        "shapes": shapes,
        "lines": lines,
        "table": table,
        "total_adoptions": sum(adopter_counts.values()),
    }
