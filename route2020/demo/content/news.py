"""The seed's timeline as news items: twelve dated items from February 2015 to November 2017.

An item's first paragraph is its lead (shown above the body), so the body starts with the
second. The two "Lees meer" sentences of the seed link to what they name: the ledenbrief as a
PDF document, and the verkenning to its page (the Reisadvies, once a later app made it; the
practices the regiogidsen gathered until then), linked after every app has loaded.
"""

from django.core.files.base import ContentFile
from django.utils.html import escape
from wagtail.documents.models import Document
from wagtail.models import Collection, Page

from route2020.core.pages import child, publish
from route2020.news.models import NewsIndexPage, NewsItemPage

from .. import seed
from .core import home_page

SEED = True
MENU = {"nieuws": 30}

LEDENBRIEF = "Ga mee op reis: eerste 4 acties Route 2020"
LEDENBRIEF_SENTENCE = f"Lees meer in de ledenbrief '{LEDENBRIEF}'."
VERKENNING_SENTENCE = "Lees meer over de verkenning."
LEAD_MAX = 600  # NewsItemPage.intro's length


def paragraph_html(paragraph, links):
    """One paragraph or list of the seed as rich text, with the seed's "Lees meer" linked."""
    if isinstance(paragraph, list):
        items = "".join(f"<li>{escape(item)}</li>" for item in paragraph)
        return f"<ul>{items}</ul>"
    html = escape(paragraph)
    for sentence, (link, words) in links.items():
        if sentence in paragraph:
            linked = escape(sentence).replace(escape(words), f"{link}{escape(words)}</a>")
            html = html.replace(escape(sentence), linked)
    return f"<p>{html}</p>"


def ledenbrief():
    """The ledenbrief of April 2016 as a one-page PDF, as the office would attach it."""
    existing = Document.objects.filter(title=f"Ledenbrief: {LEDENBRIEF}").first()
    if existing:
        return existing
    news = next(item for item in seed.NEWS if item[0] == "Ga mee op reis: eerste acties")
    lines = ["Ledenbrief april 2016", "", LEDENBRIEF, ""]
    for paragraph in news[3]:
        if paragraph == LEDENBRIEF_SENTENCE:
            continue
        for text in paragraph if isinstance(paragraph, list) else [paragraph]:
            lines += wrap(text, 90) + [""]
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    document = Document(title=f"Ledenbrief: {LEDENBRIEF}", collection=root)
    document.file.save("ledenbrief-ga-mee-op-reis-2016.pdf", ContentFile(pdf(lines)), save=False)
    document.save()
    return document


def wrap(text, width):
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + [line] if line else lines


def pdf(lines):
    """A one-page A4 PDF with these lines in Helvetica (WinAnsi covers the Dutch accents)."""

    def literal(text):
        raw = text.encode("cp1252", "replace")
        return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    stream = (
        b"BT /F1 11 Tf 56 790 Td 15 TL "
        + b"".join(b"(" + literal(line) + b") '\n" for line in lines)
        + b"ET"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def body_of(paragraphs, links):
    lead = paragraphs[0] if isinstance(paragraphs[0], str) else ""
    rest = paragraphs[1:] if lead and len(lead) <= LEAD_MAX else paragraphs
    lead = lead if rest is not paragraphs else lead[:LEAD_MAX]
    html = "".join(paragraph_html(paragraph, links) for paragraph in rest)
    return lead, [("paragraph", html)] if html else []


def load(stdout):
    news_index = child(
        home_page(),
        NewsIndexPage,
        "nieuws",
        title="Nieuws",
        show_in_menus=True,
        intro="Het nieuws van Route 2020, de ontwikkelagenda van de openbare bibliotheken.",
    )
    document = ledenbrief()
    links = {
        LEDENBRIEF_SENTENCE: (
            f'<a linktype="document" id="{document.pk}">',
            f"ledenbrief '{LEDENBRIEF}'",
        )
    }
    for title, day, precision, paragraphs in seed.NEWS:
        if NewsItemPage.objects.filter(title=title).exists():
            continue
        intro, body = body_of(paragraphs, links)
        item = NewsItemPage(title=title, date=day, date_precision=precision, intro=intro, body=body)
        news_index.add_child(instance=item)
        publish(item)


def exploration_page():
    """The page about the verkenning: the Reisadvies if an app made it, else the practices."""
    pages = Page.objects.live().exclude(content_type__model="newsitempage")
    for words in ("reisadvies", "verkenning"):
        found = pages.filter(slug__icontains=words).order_by("depth", "path").first()
        if found:
            return found
    return pages.filter(slug="praktijkvoorbeelden").first()


def after(stdout):
    """Once every app has loaded: link "Lees meer over de verkenning" to its page."""
    item = NewsItemPage.objects.filter(title="Verkenning door regiogidsen").first()
    target = exploration_page()
    if item is None or target is None:
        return
    paragraphs = next(news[3] for news in seed.NEWS if news[0] == item.title)
    links = {
        VERKENNING_SENTENCE: (
            f'<a linktype="page" id="{target.pk}">',
            "Lees meer over de verkenning",
        )
    }
    _intro, body = body_of(paragraphs, links)
    if item.body.raw_data and item.body.raw_data[0]["value"] == body[0][1]:
        return
    item.body = body
    publish(item)
