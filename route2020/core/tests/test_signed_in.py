"""The signed-in person kept per process (route2020.core.signed_in) and the sessions read from
the cache: cheaper, and every change to who someone is acts on their very next request."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from django.test.utils import CaptureQueriesContext

from route2020.core import roles, signed_in
from route2020.core.models import User
from route2020.core.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

PERSON_SQL = ("django_session", "core_user", "auth_group")


def signed_in_client(user):
    client = Client()
    assert client.login(username=user.email, password=PASSWORD)
    return client


def header(client, path="/"):
    html = client.get(path).content.decode()
    return html[html.index("r2020-header__account") : html.index("r2020-nav")]


def person_queries(client, path="/"):
    from django.db import connection

    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return [q["sql"] for q in captured.captured_queries if any(t in q["sql"] for t in PERSON_SQL)]


def test_a_member_is_read_once_then_kept(home, make_user):
    client = signed_in_client(make_user())
    assert "Mijn profiel" in header(client)
    assert person_queries(client) == []  # no session row, no user, no groups


def test_the_kept_person_is_a_copy(home, make_user, rf):
    member = make_user()
    client = signed_in_client(member)
    client.get("/")
    request = rf.get("/")
    request.session = client.session
    first = signed_in.get_user(request)
    first.first_name = "Veranderd"  # what a form does to request.user before it is valid
    second = signed_in.get_user(request)
    assert second.pk == member.pk and second is not first
    assert second.first_name != "Veranderd"


def test_a_new_role_shows_at_once(home, make_user):
    person = make_user()
    client = signed_in_client(person)
    assert "Beheer" not in header(client)
    person.groups.add(Group.objects.get(name=roles.EDITOR))
    assert "Beheer" in header(client)


def test_a_removed_role_goes_at_once(home, make_user):
    editor = make_user(role=roles.EDITOR)
    client = signed_in_client(editor)
    assert "Beheer" in header(client)
    editor.groups.remove(Group.objects.get(name=roles.EDITOR))
    assert "Beheer" not in header(client)
    editor.groups.add(Group.objects.get(name=roles.EDITOR))
    assert "Beheer" in header(client)
    editor.groups.clear()
    assert "Beheer" not in header(client)


def test_removing_a_person_from_the_group_side_acts_at_once(home, make_user):
    editor = make_user(role=roles.EDITOR)
    client = signed_in_client(editor)
    assert "Beheer" in header(client)
    Group.objects.get(name=roles.EDITOR).user_set.remove(editor)
    assert "Beheer" not in header(client)


def test_a_deactivated_person_is_signed_out_at_once(home, make_user):
    member = make_user()
    client = signed_in_client(member)
    assert "Mijn profiel" in header(client)
    member.is_active = False
    member.save()
    assert "Inloggen" in header(client)


def test_a_bulk_deactivation_acts_at_once(home, make_user):
    """Wagtail's "set active state" bulk action updates the rows without a signal."""
    member = make_user()
    client = signed_in_client(member)
    assert "Mijn profiel" in header(client)
    User.objects.filter(pk=member.pk).update(is_active=False)
    assert "Inloggen" in header(client)


def test_wagtails_bulk_deactivation_acts_at_once(home, make_user):
    from wagtail.users.views.bulk_actions.set_active_state import SetActiveStateBulkAction

    member = make_user()
    client = signed_in_client(member)
    assert "Mijn profiel" in header(client)
    SetActiveStateBulkAction.execute_action([member], mark_as_active=False, model=User)
    assert "Inloggen" in header(client)


def test_a_deleted_organisation_ends_its_members_rights_at_once(home, make_user, rf):
    from route2020.core.permissions import confirmed_organisation_id

    member = make_user()
    client = signed_in_client(member)
    client.get("/")
    request = rf.get("/")
    request.session = client.session
    assert confirmed_organisation_id(signed_in.get_user(request)) == member.organisation_id
    member.organisation.delete()
    assert confirmed_organisation_id(signed_in.get_user(request)) is None


def test_a_deleted_person_is_signed_out_at_once(home, make_user):
    member = make_user()
    client = signed_in_client(member)
    assert "Mijn profiel" in header(client)
    member.delete()
    assert "Inloggen" in header(client)


def test_a_new_password_signs_out_the_other_sessions(home, make_user):
    member = make_user()
    client = signed_in_client(member)
    assert "Mijn profiel" in header(client)
    member.set_password("een-heel-ander-wachtwoord-456")
    member.save()
    assert "Inloggen" in header(client)


def test_a_forged_session_hash_is_refused_while_the_person_is_kept(home, make_user):
    member = make_user()
    client = signed_in_client(member)
    assert "Mijn profiel" in header(client)
    session = client.session
    session["_auth_user_hash"] = "0" * 64
    session.save()
    assert "Inloggen" in header(client)


def test_signing_out_is_immediate_also_for_a_copied_cookie(home, make_user, settings):
    member = make_user()
    client = signed_in_client(member)
    assert "Mijn profiel" in header(client)
    copy = Client()
    copy.cookies[settings.SESSION_COOKIE_NAME] = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert "Mijn profiel" in header(copy)
    client.post("/account/logout/")
    assert "Inloggen" in header(client)
    assert "Inloggen" in header(copy)


def test_a_session_survives_an_emptied_cache(home, make_user):
    client = signed_in_client(make_user())
    assert "Mijn profiel" in header(client)
    cache.clear()
    signed_in.clear()
    assert "Mijn profiel" in header(client)


def test_a_change_moves_the_generation_now_and_after_the_commit(
    make_user, django_capture_on_commit_callbacks
):
    member = make_user()
    before = signed_in.generation()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        member.groups.remove(Group.objects.get(name=roles.MEMBER))
        during = signed_in.generation()
    assert during != before  # at once: this request sees it
    assert callbacks  # and once more when committed: what others read meanwhile is stale
    for callback in callbacks:
        callback()
    assert signed_in.generation() != during


def test_people_kept_per_process_are_bounded(home, make_user, monkeypatch):
    monkeypatch.setattr(signed_in, "MAX_PEOPLE", 2)
    clients = [signed_in_client(make_user()) for _ in range(3)]
    for client in clients:
        client.get("/")
    assert len(signed_in._people) == 2
