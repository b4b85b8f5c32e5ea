"""The five themes on the home page, in their number's order."""

from route2020.core.pages import public
from route2020.core.registry import HomeSection


def home_sections():
    from .models import ThemePage

    themes = (
        public(ThemePage.objects.live())
        .order_by("number", "path")
        .only("title", "url_path", "path", "depth")
    )
    return [HomeSection("themes/includes/home_section.html", {"themes": themes}, region="wide")]
