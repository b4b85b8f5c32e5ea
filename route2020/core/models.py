"""What every app shares: provinces, organisations, people, the home page, content pages
and the site-wide settings editors manage in /beheer/."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from . import roles
from .blocks import BodyBlock
from .stemming import stemmed_search_fields


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


class UserQuerySet(models.QuerySet):
    def update(self, **kwargs):
        """A bulk update sends no signal (Wagtail's "set active state" is one): the people
        kept per process (route2020.core.signed_in) are made stale here instead."""
        from .signed_in import people_changed

        rows = super().update(**kwargs)
        people_changed(using=self.db)
        return rows


class PersonManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A person. Members belong to one organisation; a regiogids covers one or more provinces.

    `organisation` is the *confirmed* organisation: only the office, a regiogids of its
    province (through a MembershipRequest) or an editor in /beheer/ sets it. What a person
    chooses on the profile or at sign-up is a MembershipRequest and grants nothing until
    confirmed. Permission checks ask `route2020.core.permissions`, never this field directly.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie (bevestigd)"),
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

    objects = PersonManager()

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
        """A Lid with a confirmed organisation (see route2020.core.permissions)."""
        from .permissions import is_confirmed_member

        return is_confirmed_member(self)

    @property
    def is_guide(self):
        return roles.GUIDE in self.role_names

    @property
    def is_editor(self):
        return self.is_superuser or roles.EDITOR in self.role_names


class MembershipRequest(models.Model):
    """A person asks to act for an organisation; the office or a regiogids of the
    organisation's province confirms it (then it becomes User.organisation) or declines it
    with a reason the person sees."""

    class State(models.TextChoices):
        PENDING = "aangevraagd", _("Aangevraagd")
        CONFIRMED = "bevestigd", _("Bevestigd")
        DECLINED = "afgewezen", _("Afgewezen")
        WITHDRAWN = "ingetrokken", _("Ingetrokken")

    user = models.ForeignKey(
        User,
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="membership_requests",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="membership_requests",
    )
    state = models.CharField(
        _("status"), max_length=20, choices=State.choices, default=State.PENDING
    )
    reason = models.TextField(
        _("reden"),
        blank=True,
        max_length=1000,
        help_text=_("Bij een afwijzing: waarom. De aanvrager ziet deze tekst."),
    )
    created_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("besloten door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("lidmaatschapsaanvraag")
        verbose_name_plural = _("lidmaatschapsaanvragen")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(state="aangevraagd"),
                name="one_open_membership_request_per_user",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="afgewezen") | ~models.Q(reason=""),
                name="declined_membership_request_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.organisation}"


class BasePage(Page):
    """Every public content page: shows "Laatst bijgewerkt op", can be printed and shared."""

    intro = models.TextField(_("inleiding"), blank=True, max_length=600)

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("interface_labels"),
    ]
    content_panels = Page.content_panels + [FieldPanel("intro")]
    # A section's fixed name (an index page's: "Praktijkvoorbeelden"), translated in the
    # catalogue; menus show it in the visitor's language. The page's title is data.
    menu_label = None

    class Meta:
        abstract = True

    @classmethod
    def get_search_fields(cls):
        """Indexed with the Dutch stems of their words (core.stemming)."""
        return stemmed_search_fields(super().get_search_fields())

    def translated_menu_title(self):
        """The name in menus in the active language, or "" when there is none but the title.

        A section's fixed label comes from the catalogue; a standard page (whose title is
        content) may carry an English title of its own, given by the editors.
        """
        if translation.get_language() == settings.LANGUAGE_CODE:
            return ""
        if self.menu_label:
            return str(self.menu_label)
        return getattr(self, "english_title", "") or ""

    @property
    def menu_title(self):
        """The name in menus: the title in Dutch; the translated name in another language."""
        return self.translated_menu_title() or self.title

    def get_context(self, request, *args, **kwargs):
        """Under /en/ a section, or a standard page with an English title, is called by that
        name wherever the page shows its own title (heading, <title>, breadcrumb), not only in
        the menu. Only this request's copy of the page changes; nothing is saved."""
        translated = self.translated_menu_title()
        if translated:
            self.title = translated
            self.seo_title = ""
        return super().get_context(request, *args, **kwargs)

    def interface_labels(self):
        """The page's menu name in every language, for search: /en/zoeken/?q=practices finds
        the practices listing by the name the English menu gives it."""
        labels = []
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                label = self.translated_menu_title()
            if label and label not in labels:
                labels.append(label)
        return " ".join(labels)

    @property
    def meta_description(self):
        return self.search_description or self.intro

    def get_cache_key_components(self):
        """Fragments cached with {% wagtailpagecache %} are renewed by any publish."""
        from .pages import with_generation

        return with_generation(super().get_cache_key_components())

    def body_after_lead(self):
        """The body's blocks without a first paragraph that only repeats the intro.

        The intro is shown as the lead above the body; a text pasted in whole (or imported,
        as the demo's news timeline) starts its body with the same sentence, which then read
        twice in a row.
        """
        from .blocks import drop_repeated_lead

        return drop_repeated_lead(getattr(self, "body", None) or [], self.intro)


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

        Which page a path leads to is kept per process and content generation
        (route2020.core.fragments: any publish, unpublish or move forgets it); the page
        itself is still read fresh, with one query by its key. A path that leads nowhere
        (a 404) is not kept: made-up paths would push the shared fragments out of the store.
        """
        if not path_components:
            return super().route(request, path_components)
        from django.contrib.contenttypes.models import ContentType

        from . import fragments, pages

        key = fragments.key_for(request, "route", (self.pk, tuple(path_components)))
        entry = fragments.lookup(key)
        found = None
        if entry is not None:
            content_type_id, pk = entry[1]
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            found = pages.page_by_key(model, pk) if model else None
        if found is not None:
            return found.route(request, path_components[found.depth - self.depth :])
        found = self._find(path_components)
        result = found.route(request, path_components[found.depth - self.depth :])
        fragments.store(key, (found.content_type_id, found.pk))
        return result

    def _find(self, path_components):
        """The deepest page on the path (specific), or Http404."""
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
        return found.specific

    def get_context(self, request, *args, **kwargs):
        from django.utils.functional import SimpleLazyObject

        from .registry import home_sections

        context = super().get_context(request, *args, **kwargs)
        # Lazy: when the page's fragment is served, no app builds its querysets at all.
        context["home_sections"] = SimpleLazyObject(home_sections)
        return context


class ContentPage(BasePage):
    """A standard page: about, privacy statement, accessibility statement, campaign text."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("inhoud"))
    # The title is content, in Dutch; the English menu (under /en/) shows this name instead.
    english_title = models.CharField(
        _("titel in het Engels"),
        max_length=255,
        blank=True,
        help_text=_("Voor het menu van de Engelse website. Leeg: de Nederlandse titel."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    promote_panels = BasePage.promote_panels + [FieldPanel("english_title")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    class Meta:
        verbose_name = _("standaardpagina")
        verbose_name_plural = _("standaardpagina's")

    def get_subpages(self):
        """The live, public pages below this one (the groups below "Over Route 2020"): the page
        lists them, so they are not pages only a search or a typed address finds."""
        from .pages import public

        return public(self.get_children().live()).specific().order_by("path")


# The cookie question as installed; left unchanged, the English site shows its translation.
COOKIE_TEXT = gettext_noop(
    "Deze website maakt gebruik van cookies voor statistiek-doeleinden. Gaat u hiermee akkoord?"
)


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
        default=COOKIE_TEXT,
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
