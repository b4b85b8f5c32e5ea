"""The shared drawing of the Netherlands (core/maps.py), used by the adoption map and the
campaign map."""

from django.utils import translation

from route2020.core import maps


def test_coordinates_are_never_localised():
    with translation.override("nl"):
        assert maps.svg_number(464.44) == "464.4"


def test_a_place_is_its_own_point_or_else_the_middle_of_its_province():
    provinces, project, view_box = maps.outlines()
    assert len(provinces) == 12 and view_box.startswith("0 0 560 ")
    zwolle = maps.point(52.5168, 6.083, "PV23")
    assert zwolle == project(6.083, 52.5168)
    assert maps.point(None, None, "PV23") == (provinces["PV23"]["cx"], provinces["PV23"]["cy"])
    assert maps.point(None, None, None) is None


def test_province_shapes_are_shaded_by_their_count():
    shade, legend = maps.colour_scale([0, 5, 10])
    shapes = {shape["code"]: shape for shape in maps.province_shapes({"PV23": 10}, shade)}
    assert shapes["PV23"]["count"] == 10 and shapes["PV23"]["shade"] == 4
    assert shapes["PV20"]["count"] == 0 and shapes["PV20"]["shade"] == 0
    assert "," not in shapes["PV23"]["cx"]
