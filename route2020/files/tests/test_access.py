"""The one rule for private files (access.py), as another app would use it, and Wagtail's
own collection privacy; documents are served by Django only (issue 11, finding 8)."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from route2020.files.access import FileRule, guarded_collection, release

from . import samples

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def document_in(collection, name="notulen.pdf"):
    return get_document_model().objects.create(
        title=name, file=ContentFile(samples.PDF, name=name), collection=collection
    )


def status(user, url):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(url).status_code


def sounding_board_rule():
    """What a groups app would register: documents for the members of a group."""
    return FileRule(
        key="groups.klankbordgroep",
        name="Klankbordgroep (besloten)",
        may_view=lambda user, file: user.email.endswith("@klankbord.example"),
    )


def test_an_app_guards_its_collection_with_a_rule_of_its_own(make_user):
    member = make_user(email="directeur@klankbord.example")
    outsider = make_user(email="iemand@bieb.example")
    editor = make_user(role="Redactie", organisation=None)
    with hooks.register_temporarily("register_file_rule", sounding_board_rule):
        collection = guarded_collection("groups.klankbordgroep")
        assert guarded_collection("groups.klankbordgroep") == collection  # made once
        url = document_in(collection).url
        assert status(None, url) == 302  # to the sign-in page
        assert status(outsider, url) == 404
        assert status(member, url) == 200
        assert status(editor, url) == 200

        # Renamed in the CMS, the collection stays guarded.
        collection.name = "Klankbord"
        collection.save()
        assert status(outsider, url) == 404

        # A sub-collection is guarded by the same rule.
        sub = document_in(collection.add_child(name="2017"), "verslag.pdf")
        assert status(outsider, sub.url) == 404 and status(member, sub.url) == 200

        # Released files are public.
        release([get_document_model().objects.get(pk=sub.pk)], key="groups.klankbordgroep")
        assert status(None, sub.url) == 200


def test_wagtail_collection_privacy_holds_for_documents(make_user):
    """A collection made private in the CMS (Wagtail's own view restriction, no rule)."""
    private = Collection.get_first_root_node().add_child(name="Bestuur")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get_or_create(name="Redactie")[0])
    url = document_in(private).url
    editor = make_user(role="Redactie", organisation=None)
    assert status(None, url) == 302
    assert status(make_user(), url) != 200
    client = Client()
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200 and "private" in response["Cache-Control"]


def test_documents_are_streamed_by_django_never_redirected_to_storage():
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    document = document_in(Collection.get_first_root_node())
    response = Client().get(document.url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
