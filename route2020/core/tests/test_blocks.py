import pytest
from wagtail.blocks import StructBlockValidationError
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from route2020.core.blocks import BodyBlock, ImageBlock, LinkBlock

pytestmark = pytest.mark.django_db


def test_an_image_needs_alternative_text():
    image = Image.objects.create(title="Foto", file=get_test_image_file())
    block = ImageBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "caption": ""}))
    assert "alt_text" in error.value.block_errors
    value = block.clean(block.to_python({"image": image.pk, "alt_text": "Lezers", "caption": ""}))
    assert value["alt_text"] == "Lezers"


def test_a_link_needs_a_page_or_an_address():
    block = LinkBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"title": "Meer", "page": None, "url": ""}))
    assert "url" in error.value.block_errors


def test_body_renders_every_block_type(home):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    image = Image.objects.create(title="Foto", file=get_test_image_file())
    document = Document.objects.create(
        title="Ledenbrief", file=ContentFile(b"%PDF-1.4", "brief.pdf")
    )
    body = BodyBlock()
    value = body.to_python(
        [
            {"type": "heading", "value": {"text": "Aanpak", "level": "h2"}},
            {"type": "paragraph", "value": "<p>Stap voor stap.</p>"},
            {"type": "image", "value": {"image": image.pk, "alt_text": "Lezers", "caption": ""}},
            {"type": "quote", "value": {"text": "Delen maakt je rijker", "attribution": "VOB"}},
            {
                "type": "link_list",
                "value": {
                    "heading": "Lees meer",
                    "links": [{"title": "Home", "page": home.pk, "url": ""}],
                },
            },
            {"type": "document", "value": {"document": document.pk, "title": ""}},
        ]
    )
    html = body.render(value)
    assert '<h2 class="utrecht-heading-2">Aanpak</h2>' in html
    assert 'alt="Lezers"' in html
    assert "Delen maakt je rijker" in html
    assert ">Home</a>" in html
    assert "Ledenbrief" in html and "PDF" in html


def test_the_cms_speaks_dutch(home, client, make_user):
    client.force_login(make_user(role="Redactie"))
    html = client.get("/beheer/").content.decode()
    assert "Pagina's" in html
    assert '<html lang="nl"' in html
