"""The shared fragment tag: what may be shared is shared, and nothing else."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.utils import timezone, translation

from route2020.core import cache as page_cache
from route2020.core import fragments

COUNTER = {"n": 0}


def counted():
    COUNTER["n"] += 1
    return COUNTER["n"]


def render(source, request, **values):
    template = Template("{% load fragments %}" + source)
    return template.render(Context({"request": request, "count": counted, **values}))


@pytest.fixture
def get(rf):
    def make(path="/"):
        request = rf.get(path)
        request.user = AnonymousUser()
        return request

    return make


def test_a_fragment_is_rendered_once_and_then_served(get, db):
    source = '{% fragment "t" %}{{ count }}{% endfragment %}'
    first = render(source, get())
    assert render(source, get()) == first


def test_a_publish_makes_every_fragment_stale_after_the_commit(
    get, db, django_capture_on_commit_callbacks
):
    """The generation moves now and again once committed: a request that rendered the old
    content during the transaction has stored it under the in-between generation."""
    source = '{% fragment "t" %}{{ count }}{% endfragment %}'
    before = render(source, get())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page_cache.invalidate()
        during = render(source, get())  # another request while the transaction is open
        assert during != before
    assert render(source, get()) == during  # not committed yet: same generation
    for callback in callbacks:
        callback()
    after = render(source, get())
    assert after not in (before, during)


def test_a_publish_in_this_request_is_seen_by_the_rest_of_it(get, db):
    source = '{% fragment "t" %}{{ count }}{% endfragment %}'
    request = get()
    token = page_cache._request_generation.set(page_cache.generation())
    try:
        first = render(source, request)
        page_cache.invalidate()
        assert render(source, request) != first
    finally:
        page_cache._request_generation.reset(token)


def test_two_roles_never_share_a_fragment_that_varies_by_role(get, db):
    source = (
        '{% fragment "header" role %}{% if role == "editor" %}Beheer{% else %}Profiel{% endif %}'
        "{% endfragment %}"
    )
    assert render(source, get(), role="editor") == "Beheer"
    assert render(source, get(), role="member") == "Profiel"
    assert render(source, get(), role="editor") == "Beheer"


def test_the_language_is_part_of_the_key(get, db):
    source = (
        '{% load i18n %}{% fragment "t" %}{% get_current_language as L %}{{ L }}{% endfragment %}'
    )
    with translation.override("nl"):
        assert render(source, get()) == "nl"
    with translation.override("en"):
        assert render(source, get()) == "en"
    with translation.override("nl"):
        assert render(source, get()) == "nl"


def test_a_model_instance_varies_by_its_pk(get, home):
    source = '{% fragment "meta" page %}{{ page.pk }}{% endfragment %}'
    other = home.get_children().first() or home
    assert render(source, get(), page=home) == str(home.pk)
    if other.pk != home.pk:
        assert render(source, get(), page=other) == str(other.pk)


def test_an_object_without_a_stable_key_is_refused(get, db):
    with pytest.raises(TypeError):
        render('{% fragment "t" thing %}x{% endfragment %}', get(), thing=object())


def test_a_csrf_token_is_never_shared(get, db):
    source = '{% fragment "form" %}{% csrf_token %}{% endfragment %}'
    assert "alice" in render(source, get(), csrf_token="alice")
    assert "bob" in render(source, get(), csrf_token="bob")


def test_no_fragment_on_a_preview(get, db):
    source = '{% fragment "t" %}{{ count }}{% endfragment %}'
    request = get()
    request.is_preview = True
    assert render(source, request) != render(source, request)


def test_a_fragment_keeps_and_passes_on_its_moment(get, db):
    """A fragment that limits how long the page may be cached (an event that begins) limits
    every page it is served to, and is kept no longer itself."""
    moment = timezone.now() + timedelta(minutes=5)
    source = (
        '{% load page_cache %}{% fragment "t" %}{% page_cache_until moment %}{{ count }}'
        "{% endfragment %}"
    )
    first_request = get()
    first = render(source, first_request, moment=moment)
    assert first_request._page_cache_until == moment
    second_request = get()
    assert render(source, second_request, moment=moment) == first
    assert second_request._page_cache_until == moment
    past = timezone.now() - timedelta(seconds=1)
    assert render(source.replace('"t"', '"u"'), get(), moment=past) != render(
        source.replace('"t"', '"u"'), get(), moment=past
    )


def test_a_kept_value_keeps_and_passes_on_its_moment(get, db):
    """`memo` as the fragment tag: a value computed under `cache_until` is kept no longer
    and marks every page it is used on; one marked with a passed moment is not kept."""
    moment = timezone.now() + timedelta(minutes=5)

    def until(moment):
        def factory():
            page_cache.cache_until(fragments_request[0], moment)
            return counted()

        return factory

    fragments_request = [get()]
    first = fragments.memo(fragments_request[0], "m", (), until(moment))
    assert fragments_request[0]._page_cache_until == moment
    second_request = get()
    assert fragments.memo(second_request, "m", (), until(moment)) == first
    assert second_request._page_cache_until == moment

    fragments_request[0] = get()
    now = fragments.memo(fragments_request[0], "n", (), until(timezone.now()))
    fragments_request[0] = get()
    assert fragments.memo(fragments_request[0], "n", (), until(timezone.now())) != now


def test_kept_html_counts_against_the_size_limit(get, db, monkeypatch):
    """HTML kept with `memo` (a listing, search results) is bounded by MAX_CHARS too."""
    monkeypatch.setattr(fragments, "MAX_CHARS", 1000)
    for number in range(5):
        fragments.memo(get(), "html", (number,), lambda: "x" * 400)
    assert fragments._size <= 1000
    assert len(fragments._entries) == 2


def test_seconds_limit_the_fragment(get, db, monkeypatch):
    source = '{% fragment "t" seconds=60 %}{{ count }}{% endfragment %}'
    first = render(source, get())
    assert render(source, get()) == first
    now = fragments.time.monotonic()
    monkeypatch.setattr(fragments.time, "monotonic", lambda: now + 61)
    assert render(source, get()) != first


def test_the_store_is_bounded(get, db, monkeypatch):
    monkeypatch.setattr(fragments, "MAX_ENTRIES", 3)
    for number in range(10):
        render('{% fragment "t" n %}x{% endfragment %}', get(), n=number)
    assert len(fragments._entries) == 3


def test_a_memo_s_text_counts_against_the_store_s_size(get, db, monkeypatch):
    """A memo may keep HTML per query a visitor typed (the search's results): it counts by
    its length, as a fragment does, or made-up queries could fill the process's memory."""
    monkeypatch.setattr(fragments, "MAX_CHARS", 2500)
    for number in range(5):
        fragments.memo(get(), "results", (number,), lambda: "x" * 1000)
        fragments.memo(get(), "ids", (number,), lambda: (list(range(300)), False))
    assert fragments._size <= 2500
    assert len(fragments._entries) < 10


# --- the chrome: shared per language and state, never per person -----------------------------


def beheer_link(response):
    return 'href="/beheer/"' in response.content.decode()


def test_the_header_never_shows_one_role_s_links_to_another(client, home):
    from route2020.core import roles
    from route2020.core.tests.factories import make_user

    editor, member = make_user(role=roles.EDITOR), make_user(role=roles.MEMBER)
    client.force_login(editor)
    assert beheer_link(client.get("/"))
    client.force_login(member)
    response = client.get("/")
    assert not beheer_link(response)
    assert "Uitloggen" in response.content.decode()
    client.logout()
    response = client.get("/")
    assert not beheer_link(response)
    assert "Uitloggen" not in response.content.decode()
    client.force_login(editor)
    assert beheer_link(client.get("/"))


def test_each_member_gets_their_own_csrf_token_in_the_shared_header(client, home):
    import re

    from route2020.core.tests.factories import make_user

    tokens = []
    for user in (make_user(), make_user()):
        client.force_login(user)
        html = client.get("/").content.decode()
        tokens.append(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1))
    assert tokens[0] != tokens[1]


def test_the_cookie_form_returns_to_the_page_it_is_on(client, home, settings):
    settings.PAGE_CACHE_ENABLED = False  # (the page cache leaves undeclared parameters out)
    first = client.get("/?a=1").content.decode()
    second = client.get("/?b=2").content.decode()
    assert 'name="next" value="/?a=1#cookievraag"' in first
    assert 'name="next" value="/?b=2#cookievraag"' in second


def test_the_footer_follows_the_cookie_choice(client, home):
    client.cookies[page_cache.CONSENT_COOKIE] = "ja"
    assert "Je hebt ingestemd" in client.get("/").content.decode()
    client.cookies[page_cache.CONSENT_COOKIE] = "nee"
    assert "Je hebt statistiekcookies geweigerd" in client.get("/").content.decode()


def test_the_current_menu_item_is_marked_per_section(client, home):
    from route2020.core.models import ContentPage

    section = ContentPage(title="Over ons", slug="over-ons", show_in_menus=True)
    home.add_child(instance=section)
    section.save_revision().publish()
    in_section = client.get(section.url).content.decode()
    at_home = client.get("/").content.decode()
    assert 'aria-current="page">Over ons' in in_section
    assert 'aria-current="page">Over ons' not in at_home
