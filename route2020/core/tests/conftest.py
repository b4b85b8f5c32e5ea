"""Fixtures the core tests share."""

import pytest


@pytest.fixture
def about(home):
    """A published content page in the menu, with a rich-text link in its body."""
    from route2020.core.models import ContentPage
    from route2020.core.pages import child

    return child(
        home,
        ContentPage,
        "over-route-2020",
        title="Over Route 2020",
        show_in_menus=True,
        intro="Van, voor en door de bibliotheken.",
        body=[("paragraph", "<p>Een <a href='https://example.org/x'>link</a>.</p>")],
    )
