import pytest

from route2020.core.tests.factories import PASSWORD

from .factories import make_themes


@pytest.fixture
def themes(home):
    """The theme index and two themes (persoonlijke ontwikkeling, collectieve marketing)."""
    return make_themes(home)


@pytest.fixture
def theme(themes):
    return themes[1][1]


@pytest.fixture
def editor_client(client, make_user):
    assert client.login(username=make_user(role="Redactie").username, password=PASSWORD)
    return client


@pytest.fixture
def uncached(settings):
    settings.PAGE_CACHE_ENABLED = False
