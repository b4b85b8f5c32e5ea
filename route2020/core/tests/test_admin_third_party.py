"""The CMS (/beheer/) asks nothing of another host (issue 11, finding 7).

Wagtail loads each editor's avatar from gravatar.com by default, sending a hash of the e-mail
address to a third party on every listing of users; WAGTAIL_GRAVATAR_PROVIDER_URL = None
switches that off. This test opens every admin page without a parameter, plus the pages of
one user, page, image and document, and fails on any reference to another host that a
browser would follow by itself (src, srcset, stylesheets and icons, form actions, URLs in
data attributes, styles or inline scripts). Plain links an editor may choose to click are
allowed only to the hosts listed in ALLOWED_LINK_HOSTS.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# Wagtail's help menu (the editor guide) and its <noscript> advice: links, never loaded.
ALLOWED_LINK_HOSTS = {"guide.wagtail.org", "www.enable-javascript.com"}
URL_IN_TEXT = re.compile(r"""(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?[^\s"'<>)]*""")
# Routes that are not pages to look at: logout is a POST, failwhale raises on purpose.
SKIPPED = {"/beheer/logout/", "/beheer/failwhale/"}


class References(HTMLParser):
    """Every URL in the page with how it is used: ("link", url) for <a href>, ("load", url)
    for anything a browser or the admin's JavaScript fetches."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.in_script_or_style = False

    def handle_starttag(self, tag, attrs):
        self.in_script_or_style = tag in ("script", "style")
        for name, value in attrs:
            if not value or name == "xmlns" or name.startswith("xmlns:"):
                continue
            kind = "link" if tag == "a" and name == "href" else "load"
            for url in URL_IN_TEXT.findall(value):
                self.found.append((kind, url))

    def handle_endtag(self, tag):
        self.in_script_or_style = False

    def handle_data(self, data):
        if self.in_script_or_style:
            for url in URL_IN_TEXT.findall(data):
                if "www.w3.org/" not in url:  # namespace names in inline SVG scripts
                    self.found.append(("load", url))


def other_hosts(html):
    parser = References()
    parser.feed(html)
    problems = []
    for kind, url in parser.found:
        host = urlsplit(url if "://" in url else "http:" + url).hostname
        if host in ("testserver", None) or (kind == "link" and host in ALLOWED_LINK_HOSTS):
            continue
        problems.append((kind, url))
    return problems


def admin_paths_without_parameters():
    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif not any(mark in route for mark in "<(\\[*+?"):
                yield "/" + route.replace("^", "").replace("$", "")

    return sorted(
        {path for path in walk(get_resolver().url_patterns, "") if path.startswith("/beheer/")}
    )


@pytest.fixture
def cms_with_content(home, make_user, settings, tmp_path):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    settings.MEDIA_ROOT = tmp_path / "media"
    admin = make_user(role="Redactie", is_superuser=True, email="redacteur@example.org")
    other = make_user(role="Redactie", email="collega@example.org")
    image = get_image_model().objects.create(title="Foto", file=get_test_image_file())
    document = get_document_model().objects.create(
        title="Verslag", file=ContentFile(b"Verslag van de ALV\n", name="verslag.txt")
    )
    return {
        "admin": admin,
        "objects": [
            f"/beheer/users/{other.pk}/",
            f"/beheer/pages/{home.pk}/edit/",
            f"/beheer/pages/{home.pk}/",
            f"/beheer/images/{image.pk}/",
            f"/beheer/documents/edit/{document.pk}/",
        ],
    }


def test_no_admin_page_refers_to_another_host(client, cms_with_content):
    client.force_login(cms_with_content["admin"])
    users = client.get("/beheer/users/")
    assert "collega@example.org" in users.content.decode()
    assert "gravatar" not in users.content.decode()
    checked = 0
    for path in admin_paths_without_parameters() + cms_with_content["objects"]:
        if path in SKIPPED:
            continue
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        checked += 1
        assert other_hosts(response.content.decode()) == [], path
    assert checked >= 40  # the walk found the admin, not an empty list
