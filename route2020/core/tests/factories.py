"""Small helpers that make test data; every app's tests may use them."""

import itertools

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from wagtail.models import Site

from route2020.core import roles
from route2020.core.models import HomePage, Organisation, Province, SiteSettings, User
from route2020.core.pages import tree_root

_counter = itertools.count(1)
PASSWORD = "geheim-wachtwoord-123"


def make_home():
    site = Site.objects.filter(is_default_site=True).first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    root = tree_root()
    home = HomePage(title="Route 2020", slug="route-2020-home")
    root.add_child(instance=home)
    home.save_revision().publish()
    site, _created = Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "testserver", "port": 80, "root_page": home},
    )
    SiteSettings.for_site(site)  # created on first use otherwise, mid-request
    return home


def province(code="PV23"):
    roles.ensure_provinces()
    return Province.objects.get(code=code)


def make_organisation(name=None, province_code="PV23", kind=Organisation.Kind.LIBRARY, **fields):
    number = next(_counter)
    return Organisation.objects.create(
        name=name or f"Bibliotheek Teststad {number}",
        slug=f"organisatie-{number}",
        kind=kind,
        province=province(province_code) if province_code else None,
        **fields,
    )


def make_user(role=roles.MEMBER, organisation=None, provinces=(), email=None, **fields):
    """A verified person in a role (Lid, Regiogids, Redactie or None)."""
    roles.ensure_roles()
    number = next(_counter)
    email = email or f"persoon{number}@example.org"
    if role == roles.MEMBER and organisation is None:
        organisation = make_organisation()
    user = User.objects.create_user(
        username=f"persoon{number}",
        email=email,
        password=PASSWORD,
        organisation=organisation,
        **fields,
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if role:
        user.groups.add(Group.objects.get(name=role))
    if provinces:
        user.provinces.set(Province.objects.filter(code__in=provinces))
    return user
