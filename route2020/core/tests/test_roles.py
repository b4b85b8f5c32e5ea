"""Each role in the CMS (/beheer/), asked as that role: what the office, a regiogids and a
member can open, and that a page goes live only through the redactie's approval."""

import json
import re

import pytest
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Page, WorkflowPage

from route2020.core import roles
from route2020.core.models import ContentPage
from route2020.core.pages import child

pytestmark = pytest.mark.django_db

OFFICE_SCREENS = [
    "/beheer/images/",
    "/beheer/images/multiple/add/",
    "/beheer/documents/",
    "/beheer/documents/multiple/add/",
    "/beheer/users/",
    "/beheer/users/new/",
    "/beheer/reisflitsen/",
]


def menu_urls(response):
    """The URLs of the CMS's main menu, as its sidebar is told them."""
    html = response.content.decode()
    props = re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)
    assert props, "no sidebar"
    urls = re.findall(r'"(/beheer/[^"]*)"', json.dumps(json.loads(props.group(1))))
    return sorted(set(urls) - {"/beheer/logout/"})


@pytest.fixture
def editor(make_user):
    return make_user(roles.EDITOR)


@pytest.fixture
def guide(make_user):
    from route2020.core.tests.factories import province

    return make_user(roles.GUIDE, provinces=[province("PV23")])


@pytest.mark.parametrize("url", OFFICE_SCREENS)
def test_the_redactie_manages_images_documents_users_and_reisflitsen(client, home, editor, url):
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200, url


def test_the_redactie_can_add_a_member(client, home, editor):
    client.force_login(editor)
    response = client.get("/beheer/users/new/")
    assert b'name="groups"' in response.content
    assert roles.MEMBER.encode() in response.content


@pytest.mark.parametrize("role", [roles.EDITOR, roles.GUIDE])
def test_every_menu_item_a_role_sees_opens(client, home, make_user, role):
    from route2020.core.tests.factories import province

    user = make_user(role, provinces=[province("PV23")] if role == roles.GUIDE else ())
    client.force_login(user)
    urls = menu_urls(client.get("/beheer/"))
    assert urls
    for url in urls:
        # A screen may redirect (the site settings to the site's own), never to "no access"
        # (the dashboard with an error) or to the login.
        response = client.get(url, follow=True)
        final = response.redirect_chain[-1][0] if response.redirect_chain else url
        assert response.status_code == 200, (role, url, response.status_code)
        assert final != "/beheer/" or url == "/beheer/", (role, url)
        assert "login" not in final, (role, url)


def test_a_guide_is_not_shown_the_offices_screens(client, home, guide):
    client.force_login(guide)
    urls = menu_urls(client.get("/beheer/"))
    assert "/beheer/reisflitsen/" not in urls
    assert not any(url.startswith(("/beheer/users/", "/beheer/images/")) for url in urls)
    for url in OFFICE_SCREENS:
        assert client.get(url).status_code in (302, 403), url


def test_a_member_has_no_cms(client, home, make_user):
    client.force_login(make_user(roles.MEMBER))
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert "/beheer/" not in response.headers["Location"] or "login" in response.headers["Location"]


def test_the_approval_step_belongs_to_the_redactie(home):
    roles.ensure_roles()
    workflow = WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow
    tasks = [task.specific for task in workflow.tasks]
    approvals = [task for task in tasks if isinstance(task, GroupApprovalTask)]
    assert approvals
    for task in approvals:
        assert [group.name for group in task.groups.all()] == [roles.EDITOR]


def test_an_editor_cannot_skip_the_workflow_but_can_approve(client, home, editor, make_user):
    page = child(home, ContentPage, "over", title="Over", intro="Eerst.")
    client.force_login(editor)
    edit_url = f"/beheer/pages/{page.pk}/edit/"
    form = client.get(edit_url).content.decode()
    assert 'name="action-publish"' not in form
    assert 'name="action-submit"' in form
    data = {
        "title": "Over",
        "slug": "over",
        "intro": "Daarna.",
        "body-count": "0",
        "action-publish": "1",
    }
    client.post(edit_url, data)
    page.refresh_from_db()
    assert page.intro == "Eerst."  # "Publiceren" did not publish
    data.pop("action-publish")
    client.post(edit_url, {**data, "action-submit": "1"})
    page.refresh_from_db()
    assert page.intro == "Eerst."
    state = page.current_workflow_state
    assert state is not None
    # Another member of the redactie approves; then it is live.
    colleague = make_user(roles.EDITOR)
    client.force_login(colleague)
    task_state = state.current_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": ""},
    )
    assert response.status_code in (200, 302), response.status_code
    task_state.refresh_from_db()
    page.refresh_from_db()
    assert task_state.status == "approved"
    assert page.intro == "Daarna."
