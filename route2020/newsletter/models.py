"""Reisflitsen: the newsletter's issues (pages), its subscribers and the sending of each issue.

The sending state of an issue lives in `Dispatch`, not on the page: page fields are copied
from revisions on every publish, so a status kept there would be rolled back by an editor
publishing an older draft while the issue is being sent.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from route2020.core.models import BasePage
from route2020.core.pages import index_url, public
from route2020.core.pagination import kept_page

ISSUES_PER_PAGE = 12


class ItemBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("pagina"))
    note = blocks.TextBlock(
        label=_("toelichting"),
        required=False,
        max_length=400,
        help_text=_("Laat leeg om de inleiding van de pagina te gebruiken."),
    )

    class Meta:
        icon = "doc-full"


class NewsItemBlock(ItemBlock):
    page = blocks.PageChooserBlock(label=_("nieuwsbericht"), page_type="news.NewsItemPage")

    class Meta:
        label = _("nieuwsbericht")
        icon = "doc-full"


class PracticeItemBlock(ItemBlock):
    """Any page: practices are their own app, so the issue does not import their model."""

    class Meta:
        label = _("praktijkvoorbeeld")
        icon = "pick"


class EventItemBlock(ItemBlock):
    class Meta:
        label = _("bijeenkomst")
        icon = "date"


class IssueItemsBlock(blocks.StreamBlock):
    news = NewsItemBlock()
    practice = PracticeItemBlock()
    event = EventItemBlock()


class NewsletterIndexPage(BasePage):
    """/reisflitsen/: sign-up form and the archive of sent issues."""

    menu_label = _("Reisflitsen")

    subpage_types = ["newsletter.NewsletterIssuePage"]
    max_count = 1

    class Meta:
        verbose_name = _("Reisflitsen-overzicht")

    def get_issues(self):
        # `public()` reads the view restrictions from the cache, Wagtail's asks the database
        return (
            public(NewsletterIssuePage.objects.child_of(self).live())
            .sent()
            .order_by("-dispatch__started_at", "-pk")
        )

    def get_context(self, request, *args, form=None, **kwargs):
        from .forms import SubscribeForm

        context = super().get_context(request, *args, **kwargs)
        # The count is kept per process until the next publish or sending, so the fragment's
        # key is the page shown, not how `?pagina=` was written (route2020.core.pagination).
        number, issues_page = kept_page(
            request,
            "newsletter-archive",
            [self],
            self.listed_issues,
            ISSUES_PER_PAGE,
            request.GET.get("pagina"),
        )
        # Lazy: the archive's page and the blank sign-up form come from their fragments
        # (route2020.core.fragments) until the next publish or sending; a posted form, with
        # the visitor's input and errors, is rendered every time.
        context.update(
            archive_page_number=number,
            issues_page=issues_page,
            form=form or SimpleLazyObject(SubscribeForm),
            form_posted=form is not None,
        )
        return context

    def listed_issues(self):
        return (
            self.get_issues()
            .select_related("dispatch")
            .only("title", "slug", "url_path", "path", "depth", "intro", "dispatch__started_at")
        )

    def serve(self, request, *args, **kwargs):
        """The sign-up form posts to the page itself, so errors show beside the archive."""
        if request.method == "POST":
            from route2020.core.ratelimit import exceeded, too_many_requests

            from . import services
            from .forms import SubscribeForm

            # Keeps the form from being used to mail thousands of strangers.
            if exceeded(request, "newsletter-subscribe"):
                return too_many_requests(request)
            form = SubscribeForm(request.POST)
            if form.is_valid():
                services.subscribe(
                    language=translation.get_language(),
                    email=form.cleaned_data["email"],
                    name=form.cleaned_data["name"],
                    organisation=form.cleaned_data["organisation"],
                    themes=form.cleaned_data["themes"],
                )
                return redirect("newsletter:subscribed")
            return TemplateResponse(
                request,
                self.get_template(request),
                self.get_context(request, form=form),
            )
        return super().serve(request, *args, **kwargs)


class IssueQuerySet(PageQuerySet):
    def sent(self):
        """Issues whose sending has started: only those are online and in the archive."""
        return self.filter(dispatch__status__in=Dispatch.ONLINE)


class NewsletterIssuePage(BasePage):
    """One Reisflits. Online once sending has started; the archive lists it from then on."""

    introduction = RichTextField(
        _("inleidende tekst"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Staat bovenaan de Reisflits, onder de korte inleiding."),
    )
    items = StreamField(
        IssueItemsBlock(),
        blank=True,
        verbose_name=_("onderwerpen"),
        help_text=_("Kies nieuwsberichten, praktijkvoorbeelden en bijeenkomsten."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("items"),
        HelpPanel(
            content=_(
                "Publiceer de Reisflits en kies daarna in de paginalijst ‘Verzenden’ om een "
                "testmail te sturen, direct te verzenden of een tijdstip in te plannen."
            )
        ),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("introduction")]
    parent_page_types = ["newsletter.NewsletterIndexPage"]
    subpage_types = []
    preview_modes = [("", _("Webpagina")), ("mail", _("E-mail"))]

    objects = PageManager.from_queryset(IssueQuerySet)()

    class Meta:
        verbose_name = _("Reisflits")
        verbose_name_plural = _("Reisflitsen")

    @property
    def sending_state(self):
        try:
            return self.dispatch
        except Dispatch.DoesNotExist:
            return None

    @property
    def is_public(self):
        dispatch = self.sending_state
        return dispatch is not None and dispatch.status in Dispatch.ONLINE

    @property
    def sent_on(self):
        dispatch = self.sending_state
        return dispatch.started_at if dispatch else None

    def chosen_page_ids(self):
        """The ids of the chosen pages, read from the stored data: loading the blocks would
        fetch every chosen page once more (the page chooser's own query per kind of item)."""
        return [
            block["value"]["page"] for block in self.items.raw_data if block["value"].get("page")
        ]

    # Foreign keys the card of a chosen page shows (a practice's meta line names its
    # organisation); fetched with one query per kind instead of one per page.
    CARD_RELATIONS = ("organisation",)
    # The events an issue lists are those around its own date: held in the month before it
    # went out, or starting in the year after. An issue of November 2017 does not announce
    # events of 2027, also not when it is read (or its archive is rebuilt) years later.
    EVENTS_BEFORE = datetime.timedelta(days=31)
    EVENTS_AFTER = datetime.timedelta(days=366)

    @property
    def issue_date(self):
        """When the issue went out; an issue not sent yet is about now."""
        return self.sent_on or timezone.now()

    def is_timely(self, event, date):
        start = getattr(event, "start", None)
        return start is None or date - self.EVENTS_BEFORE <= start <= date + self.EVENTS_AFTER

    @cached_property
    def entries(self):
        """The chosen pages, live and public ones only, with their kind.

        One query for the pages' kinds, one per kind of page, one per relation a card shows;
        never one per chosen page. Cached on the instance: the page and the mail both use it.
        """
        from wagtail.models import Page

        pages = public(Page.objects.live().filter(pk__in=self.chosen_page_ids()))
        pages = pages.specific().in_bulk()
        _prefetch_card_relations(pages.values(), self.CARD_RELATIONS)
        labels = {
            "news": _("Nieuws"),
            "practice": _("Praktijkvoorbeelden"),
            "event": _("Bijeenkomsten"),
        }
        entries = []
        date = self.issue_date
        for block in self.items.raw_data:
            value = block["value"]
            live = pages.get(value.get("page"))
            if live is None or block["type"] not in labels:
                continue
            if block["type"] == "event" and not self.is_timely(live, date):
                continue
            entries.append(
                {
                    "kind": block["type"],
                    "label": labels[block["type"]],
                    "title": live.title,
                    "text": value.get("note")
                    or getattr(live, "intro", "")
                    or getattr(live, "summary", "")
                    or "",
                    "url": live.full_url,
                    "when": getattr(live, "display_when", None)
                    or getattr(live, "display_date", None)
                    or getattr(live, "card_meta", None),
                }
            )
        return entries

    def archive_url(self, request=None):
        """The archive and sign-up page: this page's parent, whose URL is this page's URL
        without its own slug. No query; `index_url()` (cached) when this page has no URL yet."""
        url = self.get_url(request) if self.url_path else None
        if url and self.slug and url.rstrip("/").endswith("/" + self.slug):
            return url[: url.rstrip("/").rfind("/") + 1]
        return index_url(NewsletterIndexPage) or "/"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: the issue's article is a fragment (route2020.core.fragments) until the next
        # publish or sending.
        context["entries"] = SimpleLazyObject(lambda: self.entries)
        context["archive_url"] = SimpleLazyObject(lambda: self.archive_url(request))
        return context

    def is_online(self, request):
        """`is_public`, kept per content generation: an issue goes online when its sending
        starts, and that moves the generation (the Dispatch is saved, or `invalidate`)."""
        from route2020.core import fragments

        return fragments.memo(request, "newsletter-issue-online", [self], lambda: self.is_public)

    def serve(self, request, *args, **kwargs):
        if not (
            self.is_online(request)
            or getattr(request, "is_preview", False)
            or self.permissions_for_user(request.user).can_edit()
        ):
            raise Http404
        return super().serve(request, *args, **kwargs)

    def serve_preview(self, request, mode_name):
        if mode_name == "mail":
            from .mail import render_issue_preview

            return render_issue_preview(self, request)
        return super().serve_preview(request, mode_name)

    @classmethod
    def get_indexed_objects(cls):
        """Search finds an issue only once it is online, like the archive."""
        return super().get_indexed_objects().filter(dispatch__status__in=Dispatch.ONLINE)

    def get_sitemap_urls(self, request=None):
        return super().get_sitemap_urls(request) if self.is_public else []


def _prefetch_card_relations(pages, names):
    """Fetch the named foreign keys of these pages, one query per kind of page that has them."""
    from collections import defaultdict

    by_model = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page)
    for model, instances in by_model.items():
        fields = {field.name for field in model._meta.concrete_fields if field.many_to_one}
        wanted = [name for name in names if name in fields]
        if wanted:
            models.prefetch_related_objects(instances, *wanted)


class Subscriber(models.Model):
    """One address on the list. Only what sending and the person's own choices need."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op bevestiging")
        CONFIRMED = "confirmed", _("aangemeld")
        UNSUBSCRIBED = "unsubscribed", _("afgemeld")

    email = models.EmailField(_("e-mailadres"), max_length=254)
    name = models.CharField(_("naam"), max_length=100, blank=True)
    organisation = models.CharField(_("organisatie"), max_length=150, blank=True)
    themes = models.ManyToManyField(
        "themes.ThemePage", blank=True, related_name="+", verbose_name=_("thema's")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    # The language of the page the address was signed up on: every mail to it, the
    # Reisflits's own frame included, is in this language.
    language = models.CharField(
        _("taal"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    # Part of every signed personal link; a new key makes all earlier links invalid.
    link_key = models.CharField(max_length=22, editable=False)
    created_at = models.DateTimeField(_("aangemeld op"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("abonnee")
        verbose_name_plural = _("abonnees")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="newsletter_subscriber_email_ci"),
        ]
        indexes = [models.Index(fields=["status"], name="newsletter_sub_status")]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        if not self.link_key:
            from .links import new_link_key

            self.link_key = new_link_key()
        super().save(*args, **kwargs)


class Dispatch(models.Model):
    """The sending of one issue: scheduled, under way or done."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("ingepland")
        SENDING = "sending", _("wordt verzonden")
        SENT = "sent", _("verzonden")
        CANCELLED = "cancelled", _("geannuleerd")

    ONLINE = (Status.SENDING, Status.SENT)

    issue = models.OneToOneField(
        NewsletterIssuePage,
        on_delete=models.CASCADE,
        related_name="dispatch",
        verbose_name=_("Reisflits"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    send_at = models.DateTimeField(_("verzenden op"), null=True, blank=True)
    started_at = models.DateTimeField(_("verzending gestart"), null=True, blank=True)
    finished_at = models.DateTimeField(_("verzending klaar"), null=True, blank=True)
    # Moved forward by every batch; recovery only steps in when it has stood still too long.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gestart door"),
    )

    class Meta:
        verbose_name = _("verzending")
        verbose_name_plural = _("verzendingen")
        indexes = [
            # The archive, the feed and the home page list sent issues newest first
            # (ORDER BY started_at DESC, issue DESC): read from here until a page is full
            # instead of sorting every sent issue.
            models.Index(fields=["-started_at", "-issue"], name="newsletter_dispatch_newest"),
        ]

    def __str__(self):
        return f"{self.issue_id}: {self.get_status_display()}"

    def progress(self):
        counts = dict(self.issue.deliveries.values_list("status").annotate(n=models.Count("pk")))
        total = sum(counts.values())
        return {
            "total": total,
            "sent": counts.get(Delivery.Status.SENT, 0),
            "failed": counts.get(Delivery.Status.FAILED, 0),
            "skipped": counts.get(Delivery.Status.SKIPPED, 0),
            "open": total
            - counts.get(Delivery.Status.SENT, 0)
            - counts.get(Delivery.Status.FAILED, 0)
            - counts.get(Delivery.Status.SKIPPED, 0),
        }


class Delivery(models.Model):
    """One issue to one subscriber. The row is the only licence to send that message."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("in de wachtrij")
        CLAIMED = "claimed", _("opgepakt")
        SENDING = "sending", _("wordt verzonden")
        SENT = "sent", _("verzonden")
        FAILED = "failed", _("mislukt")
        SKIPPED = "skipped", _("overgeslagen")

    issue = models.ForeignKey(
        NewsletterIssuePage, on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    claim = models.CharField(max_length=32, blank=True)
    leased_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("bezorging")
        verbose_name_plural = _("bezorgingen")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="newsletter_delivery_once"
            ),
        ]
        indexes = [
            models.Index(fields=["issue", "status"], name="newsletter_delivery_state"),
            models.Index(fields=["claim"], name="newsletter_delivery_claim"),
        ]

    def __str__(self):
        return f"{self.issue_id} → {self.subscriber_id}: {self.status}"
