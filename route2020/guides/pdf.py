"""The PDF of a Reisadvies, made by the platform with fpdf2 (docs/guides.md says why).

The font is the site's own Noto Sans (OFL, `static/guides/fonts/`), embedded as a subset, so
the PDF looks like the site and needs nothing from elsewhere. fpdf2 writes the document's
title (shown by readers instead of the file name), its language, and an outline (bookmarks)
with the advice's title and every recommendation; it tags only images and links, so the text
itself is not tagged. Text is drawn in reading order, one column.
"""

from pathlib import Path

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

FONTS = Path(__file__).parent / "static" / "guides" / "fonts"
FAMILY = "NotoSans"
INK = (33, 33, 33)
ACCENT = (0, 85, 150)
MUTED = (90, 90, 90)


class ReisadviesDocument(FPDF):
    def __init__(self, footer_text):
        super().__init__(format="A4", unit="mm")
        self.footer_text = footer_text
        self.add_font(FAMILY, "", FONTS / "NotoSans-400.ttf")
        self.add_font(FAMILY, "B", FONTS / "NotoSans-700.ttf")
        self.set_margins(20, 20, 20)
        self.set_auto_page_break(auto=True, margin=20)

    def footer(self):
        self.set_y(-14)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 6, self.footer_text, align="L")
        self.cell(0, 6, str(self.page_no()), align="R")

    def heading(self, text, size, level, colour=INK, space_before=4):
        self.ln(space_before)
        self.start_section(text, level=level)
        self.set_font(FAMILY, "B", size)
        self.set_text_color(*colour)
        self.multi_cell(0, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1.5)

    def paragraph(self, text, size=10.5, colour=INK, bold=False):
        self.set_font(FAMILY, "B" if bold else "", size)
        self.set_text_color(*colour)
        for part in [line for line in text.splitlines() if line.strip()] or [""]:
            self.multi_cell(
                0, size * 0.5, part.strip(), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
            self.ln(1.5)

    def bullets(self, items, size=10.5):
        """Items are text, or (text, address): a linked item, its address under it."""
        for item in items:
            text, link = item if isinstance(item, tuple) else (item, None)
            self.set_font(FAMILY, "", size)
            self.set_text_color(*INK)
            self.set_x(self.l_margin + 4)
            self.multi_cell(
                0, size * 0.5, f"•  {text}", align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
            if link:
                self.set_font(FAMILY, "", 8.5)
                self.set_text_color(*ACCENT)
                self.set_x(self.l_margin + 8)
                self.multi_cell(
                    0, 4.5, link, align="L", link=link, new_x=XPos.LMARGIN, new_y=YPos.NEXT
                )
        self.ln(1.5)


def reisadvies_pdf(page, *, recommendations=None, visits=None, base_url=None):
    """The PDF of one Reisadvies as bytes, in the language the page is served in."""
    base_url = base_url if base_url is not None else settings.SITE_URL.rstrip("/")
    recommendations = recommendations if recommendations is not None else page.recommendation_list()
    visits = visits if visits is not None else list(page.visit_list())
    date = formats.date_format(page.date, "j F Y")
    pdf = ReisadviesDocument(f"Route 2020 · {page.title} · {date}")
    pdf.set_title(page.title)
    pdf.set_lang(translation.get_language() or settings.LANGUAGE_CODE)
    pdf.set_author(str(page.author) if page.author_id else "Route 2020")
    pdf.set_subject(page.intro[:200])
    pdf.set_creator("Route 2020")
    pdf.add_page()

    pdf.paragraph(_("Route 2020 · Reisadvies"), size=10, colour=ACCENT, bold=True)
    pdf.heading(page.title, 22, 0, space_before=0)
    pdf.paragraph(date, size=10, colour=MUTED)
    if page.intro:
        pdf.paragraph(page.intro, size=12)

    for number, item in enumerate(recommendations, start=1):
        pdf.heading(f"{number}. {item['heading']}", 14, 1, colour=ACCENT, space_before=6)
        pdf.paragraph(item["text"])
        if item["practices"]:
            pdf.paragraph(_("Praktijkvoorbeelden"), size=10.5, bold=True)
            pdf.bullets(
                (
                    practice.title
                    + (f" ({practice.organisation.name})" if practice.organisation else ""),
                    f"{base_url}{practice.url}",
                )
                for practice in item["practices"]
            )
        if item["pilots"]:
            pdf.paragraph(_("Voorgestelde proeftuinen"), size=10.5, bold=True)
            pdf.bullets(item["pilots"])

    if visits:
        pdf.heading(_("De verkenning"), 14, 1, space_before=6)
        pdf.paragraph(
            _("Dit advies steunt op de bezoeken van de regiogidsen aan deze bibliotheken:"),
        )
        pdf.bullets(
            f"{formats.date_format(visit.visited_on, 'j F Y')}: {visit.organisation.name}"
            + (f" ({visit.organisation.province})" if visit.organisation.province_id else "")
            for visit in visits
        )
    pdf.ln(4)
    pdf.paragraph(f"{base_url}{page.url}", size=9, colour=MUTED)
    return bytes(pdf.output())
