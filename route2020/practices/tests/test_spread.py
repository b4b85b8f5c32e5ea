"""The adoption map: SVG numbers that a browser can read in Dutch, shades by the real counts."""

import re
from decimal import Decimal

import pytest

from route2020.practices.models import Adoption
from route2020.practices.spread import colour_scale

pytestmark = pytest.mark.django_db

NUMBER = r"-?\d+(\.\d+)?"
PATH = re.compile(rf"(M{NUMBER},{NUMBER}(L{NUMBER},{NUMBER})*Z)+")


@pytest.fixture
def spread(make_practice, make_organisation):
    """Two practices from Zwolle (Overijssel), one from Utrecht; Utrecht adopts from Zwolle."""
    zwolle = make_organisation(
        name="Stadkamer", province_code="PV23", latitude=Decimal("52.51"), longitude=Decimal("6.09")
    )
    utrecht = make_organisation(
        name="Bibliotheek Utrecht",
        province_code="PV26",
        latitude=Decimal("52.09"),
        longitude=Decimal("5.12"),
    )
    first = make_practice(organisation=zwolle)
    make_practice(organisation=zwolle)
    make_practice(organisation=utrecht)
    Adoption.objects.create(practice=first, organisation=utrecht, how_it_went="Goed.")


def test_svg_numbers_have_a_decimal_point_in_dutch(client, spread):
    html = client.get("/praktijkvoorbeelden/verspreiding/").content.decode()
    assert 'lang="nl"' in html
    svg = html[html.index("<svg") : html.index("</svg>")]
    for name, value in re.findall(r'\b(x|y|x1|y1|x2|y2)="([^"]*)"', svg):
        assert re.fullmatch(NUMBER, value), f'{name}="{value}"'
    paths = re.findall(r'\bd="([^"]*)"', svg)
    assert len(paths) == 12
    for path in paths:
        assert PATH.fullmatch(path), path[:80]
    # One line from Zwolle to Utrecht.
    assert len(re.findall(r"<line ", svg)) == 1


def test_shades_follow_the_real_counts_with_a_legend_and_a_table(client, spread):
    html = client.get("/praktijkvoorbeelden/verspreiding/").content.decode()
    shade_of = {
        name: int(shade)
        for shade, name in re.findall(r'shade-(\d)" d="[^"]*"><title>([^:]+):', html)
    }
    assert shade_of["Overijssel"] > shade_of["Utrecht"] > shade_of["Drenthe"]
    start = html.index("r2020-map__legend")
    legend = html[start : html.index("</ul>", start)]
    assert "0 voorbeelden" in legend and "1 voorbeeld<" in legend and "2 voorbeelden" in legend
    table = html[html.index("<table") : html.index("</table>")]
    assert re.search(r"Overijssel</a></th><td[^>]*>2</td><td[^>]*>0</td>", table)
    assert re.search(r"Utrecht</a></th><td[^>]*>1</td><td[^>]*>1</td>", table)


def test_colour_scale_tells_close_counts_apart():
    shade, legend = colour_scale([12, 13, 14, 15, 12])
    assert [shade(count) for count in (12, 13, 14, 15)] == sorted(
        {shade(count) for count in (12, 13, 14, 15)}
    )
    assert len({shade(count) for count in (12, 13, 14, 15)}) == 4
    assert [(row["low"], row["high"]) for row in legend] == [(12, 12), (13, 13), (14, 14), (15, 15)]
    shade, legend = colour_scale([0, 3, 50, 100])
    assert len(legend) == 5 and legend[0]["low"] == 0 and legend[-1]["high"] == 100
    assert shade(0) == 0 and shade(100) == 4
