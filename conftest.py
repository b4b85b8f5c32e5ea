import pytest


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Every test starts with an empty cache, so the page cache never leaks between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
