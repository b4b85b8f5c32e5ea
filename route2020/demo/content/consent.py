"""Demo content: the privacy statement at /privacy/, linked from the footer."""

from wagtail.models import Site

from route2020.consent.statement import load_privacy_statement
from route2020.core.models import SiteSettings

from .core import home_page

SEED = True


def load(stdout):
    page = load_privacy_statement(home_page())
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    if settings.privacy_page_id is None:
        settings.privacy_page = page
        settings.save()
    stdout.write(f"Privacyverklaring: {page.url}")
