"""What every app shares: provinces, organisations, people, the home page, content pages
and the site-wide settings editors manage in /beheer/."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from . import roles
from .blocks import BodyBlock


class Province(models.Model):
    """One of the twelve provinces, with the CBS code used in the map data (PV20–PV31)."""

    code = models.CharField(_("CBS-code"), max_length=4, unique=True)
    name = models.CharField(_("naam"), max_length=40, unique=True)
    slug = models.SlugField(_("slug"), max_length=40, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("provincie")
        verbose_name_plural = _("provincies")

    def __str__(self):
        return self.name


class Organisation(index.Indexed, models.Model):
    class Kind(models.TextChoices):
        LIBRARY = "bibliotheek", _("Lidbibliotheek")
        PARTNER = "partner", _("Partner")

    class PartnerType(models.TextChoices):
        ASSOCIATION = "vereniging", _("Vereniging")
        NATIONAL_LIBRARY = "kb", _("Koninklijke Bibliotheek")
        SUPPORT = "poi", _("Provinciale ondersteuningsinstelling")
        SUPPLIER = "leverancier", _("Leverancier")
        EDUCATION = "onderwijs", _("Onderwijs")
        MUNICIPALITY = "gemeente", _("Gemeente")
        CULTURE = "cultuur", _("Culturele instelling")
        AGENCY = "bureau", _("Bureau of adviseur")
        OTHER = "anders", _("Anders")

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.LIBRARY)
    partner_type = models.CharField(
        _("soort partner"), max_length=20, choices=PartnerType.choices, blank=True
    )
    municipality = models.CharField(_("gemeente"), max_length=100, blank=True)
    province = models.ForeignKey(
        Province,
        verbose_name=_("provincie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    latitude = models.DecimalField(
        _("breedtegraad"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(50), MaxValueValidator(54)],
    )
    longitude = models.DecimalField(
        _("lengtegraad"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(3), MaxValueValidator(8)],
    )
    website = models.URLField(_("website"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("partner_type"),
        MultiFieldPanel(
            [
                FieldPanel("municipality"),
                FieldPanel("province"),
                FieldPanel("latitude"),
                FieldPanel("longitude"),
            ],
            heading=_("Locatie"),
        ),
        FieldPanel("website"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("municipality"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:200]
        super().save(*args, **kwargs)


class User(AbstractUser):
    """A person. Members belong to one organisation; a regiogids covers one or more provinces."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    job_title = models.CharField(_("functie"), max_length=120, blank=True)
    provinces = models.ManyToManyField(
        Province,
        verbose_name=_("provincies (regiogids)"),
        blank=True,
        related_name="guides",
        help_text=_("De provincies waarvoor deze regiogids inzendingen beoordeelt."),
    )
    language = models.CharField(
        _("taal"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("De taal van de e-mails die je van Route 2020 krijgt."),
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self):
        return self.get_full_name() or self.email or self.username

    @cached_property
    def role_names(self):
        return {group.name for group in self.groups.all()}

    @property
    def role_labels(self):
        """The roles as the site shows them, in the active language (the group names are data)."""
        return sorted(str(roles.role_label(name)) for name in self.role_names)

    @property
    def is_member(self):
        return roles.MEMBER in self.role_names and self.organisation_id is not None

    @property
    def is_guide(self):
        return roles.GUIDE in self.role_names

    @property
    def is_editor(self):
        return self.is_superuser or roles.EDITOR in self.role_names


class BasePage(Page):
    """Every public content page: shows "Laatst bijgewerkt op", can be printed and shared."""

    intro = models.TextField(_("inleiding"), blank=True, max_length=600)

    search_fields = Page.search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or self.intro

    def get_cache_key_components(self):
        """Fragments cached with {% wagtailpagecache %} are renewed by any publish."""
        from .pages import with_generation

        return with_generation(super().get_cache_key_components())


class HomePage(BasePage):
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("startpagina")

    def route(self, request, path_components):
        """Find the deepest page on the path in one query, instead of one query per level.

        The query uses the slug index (url_path has none): every page below this one whose
        slug is one of the path's components at the matching depth; the chain is then
        followed here. The page found routes what is left of the path itself, so routable
        pages (an event's calendar file) and Wagtail's own checks (live, 404) work as before.
        """
        if not path_components:
            return super().route(request, path_components)
        candidates = {}
        for page in Page.objects.filter(
            slug__in=set(path_components),
            depth__gt=self.depth,
            depth__lte=self.depth + len(path_components),
            path__startswith=self.path,
        ):
            candidates.setdefault((page.depth, page.slug), []).append(page)
        found, parent_path = None, self.path
        for level, slug in enumerate(path_components, start=self.depth + 1):
            match = next(
                (p for p in candidates.get((level, slug), ()) if p.path.startswith(parent_path)),
                None,
            )
            if match is None:
                break
            found, parent_path = match, match.path
        if found is None:
            raise Http404
        return found.specific.route(request, path_components[found.depth - self.depth :])

    def get_context(self, request, *args, **kwargs):
        from .home import home_sections

        context = super().get_context(request, *args, **kwargs)
        context.update(home_sections(self))
        return context


class ContentPage(BasePage):
    """A standard page: about, privacy statement, accessibility statement, campaign text."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    class Meta:
        verbose_name = _("standaardpagina")
        verbose_name_plural = _("standaardpagina's")


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    association_name = models.CharField(
        _("naam vereniging"), max_length=200, default="Vereniging van Openbare Bibliotheken"
    )
    footer_text = RichTextField(
        _("tekst in de voettekst"), blank=True, features=["bold", "italic", "link"]
    )
    contact_email = models.EmailField(_("e-mailadres voor contact"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacyverklaring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cookie_text = models.TextField(
        _("tekst van de cookievraag"),
        blank=True,
        default="Deze website maakt gebruik van cookies voor statistiek-doeleinden. "
        "Gaat u hiermee akkoord?",
    )

    panels = [
        FieldPanel("association_name"),
        FieldPanel("footer_text"),
        FieldPanel("contact_email"),
        FieldPanel("privacy_page"),
        FieldPanel("cookie_text"),
    ]

    class Meta:
        verbose_name = _("website-instellingen")
