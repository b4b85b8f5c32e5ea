"""Maps of the Netherlands drawn as SVG on the server from the province outlines
(/work/shared/data/nl-provincies-2023.geojson through `roles.province_features()`).

Equirectangular projection with x scaled by cos(52.2°), the latitude of the middle of the
Netherlands: good enough at this size, and no tile server or JavaScript is needed. Every
number written into the SVG is text made here (`svg_number`), never a float the template
would localise ("464,4" in Dutch breaks the drawing). Each map sits beside a table with its
numbers (templates/includes/map.html draws the outlines and the legend).
"""

import math
from functools import lru_cache

from . import roles

WIDTH = 560
MARGIN = 10
COS_LAT = math.cos(math.radians(52.2))
SHADES = 5


def svg_number(value):
    """A coordinate as SVG reads it: a decimal point whatever the language (never "464,4")."""
    return format(round(float(value), 1), "g")


def colour_scale(counts, shades=SHADES):
    """Classes of equal width between the smallest and the largest count, so the shades tell
    the real counts apart (12 and 15 practices are not both "darkest").

    Returns (class of a count, legend): each legend row has its shade and its range.
    """
    values = [count for count in counts if count is not None]
    low, high = min(values, default=0), max(values, default=0)
    width = max(1, math.ceil((high - low + 1) / shades))
    bounds = []
    start = low
    while start <= high and len(bounds) < shades:
        bounds.append((start, min(high, start + width - 1)))
        start += width
    if not bounds:
        bounds = [(0, 0)]
    # Spread the classes used over the whole range of shades (light to dark).
    steps = len(bounds)
    shade_of_class = [
        round(index * (shades - 1) / (steps - 1)) if steps > 1 else shades - 1
        for index in range(steps)
    ]

    def shade(count):
        for index, (first, last) in enumerate(bounds):
            if first <= count <= last:
                return shade_of_class[index]
        return shade_of_class[0] if count < bounds[0][0] else shade_of_class[-1]

    legend = [
        {"shade": shade_of_class[index], "low": first, "high": last}
        for index, (first, last) in enumerate(bounds)
    ]
    return shade, legend


def _rings(geometry):
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


@lru_cache(maxsize=1)
def outlines():
    """Per province code: its name, SVG path and label position; plus the projection
    (longitude, latitude) -> (x, y) and the view box."""
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
            parts.append("M" + "L".join(f"{svg_number(x)},{svg_number(y)}" for x, y in kept) + "Z")
            xs += [x for x, _ in kept]
            ys += [y for _, y in kept]
        provinces[feature["properties"]["statcode"]] = {
            "name": feature["properties"]["statnaam"],
            "path": "".join(parts),
            "cx": round((min(xs) + max(xs)) / 2, 1) if xs else 0,
            "cy": round((min(ys) + max(ys)) / 2, 1) if ys else 0,
        }
    return provinces, project, f"0 0 {WIDTH} {height}"


def point(latitude, longitude, province_code):
    """Where an organisation sits on the map: its own coordinates, else the middle of its
    province, else None."""
    provinces, project, _view_box = outlines()
    if latitude is not None and longitude is not None:
        return project(float(longitude), float(latitude))
    if province_code in provinces:
        return provinces[province_code]["cx"], provinces[province_code]["cy"]
    return None


def province_shapes(counts_by_code, shade):
    """The provinces to draw, each with its shade for `counts_by_code[code]` (0 when missing)
    and its label position, as text ready for the SVG."""
    provinces, _project, _view_box = outlines()
    shapes = []
    for code, outline in provinces.items():
        count = counts_by_code.get(code, 0)
        shapes.append(
            {
                "code": code,
                "name": outline["name"],
                "path": outline["path"],
                "cx": svg_number(outline["cx"]),
                "cy": svg_number(outline["cy"]),
                "count": count,
                "shade": shade(count),
            }
        )
    return shapes


def view_box():
    return outlines()[2]
