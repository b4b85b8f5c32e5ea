"""The office edits a group in /beheer/: members-only documents become private when the page
is saved, and an incomplete response of the board gets a Dutch message next to its field."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from route2020.agenda.tests.factories import make_plan, make_themes
from route2020.core.tests.factories import PASSWORD, make_user
from route2020.groups.models import Advice, GroupPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def editor_client(client, without_workflow):
    assert client.login(username=make_user(role="Redactie").username, password=PASSWORD)
    return client


def group_form(documents=(), advice=(), **overrides):
    data = {
        "title": "Klankbordgroep Route 2020",
        "slug": "klankbordgroep",
        "intro": "",
        "members": inline_formset([]),
        "body": streamfield([]),
        "meetings": inline_formset([]),
        "documents": inline_formset(
            [
                {"document": str(document.pk), "members_only": "on" if private else ""}
                for document, private in documents
            ]
        ),
        "advice": inline_formset(list(advice)),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_office_marks_a_document_for_members_and_visitors_get_no_file(editor_client, home):
    document = get_document_model().objects.create(
        title="Verslag 28 april 2016",
        file=ContentFile(b"Vertrouwelijk verslag.", name="verslag.txt"),
        collection=Collection.get_first_root_node(),
    )
    assert Client().get(document.url).status_code == 200
    response = editor_client.post(
        f"/beheer/pages/add/groups/grouppage/{home.pk}/", group_form(documents=[(document, True)])
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert GroupPage.objects.get(slug="klankbordgroep").live
    response = Client().get(document.url)
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_a_response_without_its_date_is_refused_next_to_the_date(editor_client, home):
    plan = make_plan(make_themes(home)[1][1])
    advice = {
        "plan": str(plan.pk),
        "given_on": "2016-04-28",
        "text": "Kies één landelijke campagne.",
        "response": Advice.Response.FOLLOWED,
        "responded_on": "",
        "explanation": "Overgenomen.",
    }
    response = editor_client.post(
        f"/beheer/pages/add/groups/grouppage/{home.pk}/", group_form(advice=[advice])
    )
    assert response.status_code == 200
    errors = response.context["form"].formsets["advice"].forms[0].errors
    assert errors["responded_on"] == ["Vul de datum van de reactie in."]
    assert not GroupPage.objects.exists()  # nothing half-saved

    advice["responded_on"] = str(date(2016, 6, 9))
    response = editor_client.post(
        f"/beheer/pages/add/groups/grouppage/{home.pk}/", group_form(advice=[advice])
    )
    assert response.status_code == 302
    assert GroupPage.objects.get().advice.get().response == "opgevolgd"
