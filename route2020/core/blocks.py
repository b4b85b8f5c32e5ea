"""StreamField blocks shared by every content page."""

import html
import re

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Tekst"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Niveau"), choices=[("h2", "H2"), ("h3", "H3"), ("h4", "H4")], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("Kop")
        template = "blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Afbeelding"))
    alt_text = blocks.CharBlock(
        label=_("Alternatieve tekst"),
        max_length=250,
        help_text=_("Beschrijf wat op de afbeelding te zien is, voor wie haar niet kan zien."),
    )
    caption = blocks.CharBlock(label=_("Bijschrift"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Afbeelding")
        template = "blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Citaat"))
    attribution = blocks.CharBlock(label=_("Wie"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Citaat")
        template = "blocks/quote.html"


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Tekst"), max_length=200)
    page = blocks.PageChooserBlock(label=_("Pagina"), required=False)
    url = blocks.URLBlock(label=_("Of een webadres"), required=False)

    class Meta:
        icon = "link"
        label = _("Link")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"url": [_("Kies een pagina of vul een webadres in.")]}
            )
        return value


class LinkListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Kop"), required=False, max_length=200)
    links = blocks.ListBlock(LinkBlock(), label=_("Links"))

    class Meta:
        icon = "list-ul"
        label = _("Lijst met links")
        template = "blocks/link_list.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Titel"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Alinea"), features=RICH_TEXT_FEATURES, template="blocks/paragraph.html"
    )
    image = ImageBlock()
    quote = QuoteBlock()
    link_list = LinkListBlock()
    document = DocumentBlock()


FIRST_PARAGRAPH = re.compile(r"^\s*<p[^>]*>(.*?)</p>", re.DOTALL)


def _plain(text):
    return " ".join(html.unescape(strip_tags(text)).split())


def drop_repeated_lead(body, intro):
    """`body` as a list of blocks, without a first paragraph whose text is exactly `intro`."""
    children = list(body)
    lead = _plain(intro or "")
    if not children or not lead or children[0].block_type != "paragraph":
        return children
    first = children[0]
    source = first.value.source if isinstance(first.value, RichText) else str(first.value)
    match = FIRST_PARAGRAPH.match(source)
    if not match or _plain(match.group(1)) != lead:
        return children
    rest = source[match.end() :]
    if not _plain(rest):
        return children[1:]
    return [blocks.StreamValue.StreamChild(first.block, RichText(rest), id=first.id), *children[1:]]
