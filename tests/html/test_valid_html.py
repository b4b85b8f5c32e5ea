"""Every page type of the demo content is valid HTML by the W3C Nu Html Checker.

One page of each type is fetched as its user would (visitor, member, regional guide), and all
of them go through vnu.jar in one run.
"""

import io

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from . import vnu

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not vnu.available(), reason="vnu.jar of Java ontbreekt (make install-test)"),
]


def first_url(model, **filters):
    page = model.objects.live().public().filter(**filters).order_by("path").first()
    assert page is not None, model
    return page.url


def fetch(client, url, status=200, method="get", **kwargs):
    response = getattr(client, method)(url, **kwargs)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


@pytest.fixture
def demo(settings):
    settings.PAGE_CACHE_ENABLED = False
    call_command("load_demo", stdout=io.StringIO())


def visitor_pages(client):
    from route2020.campaign.models import CampaignPage, CampaignPeriodPage
    from route2020.core.models import ContentPage
    from route2020.events.models import EventIndexPage, EventPage
    from route2020.groups.models import GroupPage
    from route2020.guides.models import ReisadviesIndexPage, ReisadviesPage
    from route2020.news.models import NewsIndexPage, NewsItemPage
    from route2020.newsletter.models import NewsletterIndexPage, NewsletterIssuePage
    from route2020.practices.models import PracticeIndexPage, PracticePage
    from route2020.questions.models import QuestionIndexPage, QuestionPage
    from route2020.themes.models import ThemeIndexPage, ThemePage

    issue = next(
        page for page in NewsletterIssuePage.objects.live().order_by("path") if page.is_public
    )
    urls = {
        "home": "/",
        "home (English)": "/en/",
        "content page": first_url(ContentPage, slug="over-route-2020"),
        "news index": first_url(NewsIndexPage),
        "news item": first_url(NewsItemPage),
        "themes": first_url(ThemeIndexPage),
        "theme": first_url(ThemePage),
        "group": first_url(GroupPage),
        "group with advice, meetings and documents": first_url(GroupPage, slug="klankbordgroep"),
        "campaign": first_url(CampaignPage),
        "campaign, page 2 of its participants": first_url(CampaignPage) + "?pagina=2",
        "campaign period": first_url(CampaignPeriodPage),
        "practices listing": first_url(PracticeIndexPage),
        "practices listing, filtered": first_url(PracticeIndexPage) + "?q=bibliotheek&parel=1",
        "practice": first_url(PracticePage, is_parel=True),
        "pilot": first_url(PracticePage, kind="proeftuin"),
        "adoption map": "/praktijkvoorbeelden/verspreiding/",
        "Reisadvies index": first_url(ReisadviesIndexPage),
        "Reisadvies": first_url(ReisadviesPage),
        "events index": first_url(EventIndexPage),
        "events index, past": first_url(EventIndexPage) + "?wanneer=geweest",
        "event": first_url(EventPage),
        "Reisflitsen archive": first_url(NewsletterIndexPage),
        "Reisflits": issue.url,
        "questions listing": first_url(QuestionIndexPage) + "?status=opgelost",
        "question (solved)": first_url(QuestionPage, solved_at__isnull=False),
        "search": "/zoeken/?q=bibliotheken",
        "search, nothing found": "/zoeken/?q=qqqzzz",
        "login": "/account/login/",
        "signup": "/account/signup/",
        "password reset": "/account/password/reset/",
        "tip a friend": f"/tip/?pagina={issue.pk}",
    }
    pages = {name: fetch(client, url) for name, url in urls.items()}
    pages["not found (404)"] = fetch(client, "/bestaat-niet/", status=404)
    pages["not found (404, English)"] = fetch(client, "/en/bestaat-niet/", status=404)
    with override_settings(RATE_LIMITS={"search": "0/m"}):
        pages["too many requests (429)"] = fetch(client, "/zoeken/?q=lezen", status=429)
    return pages


def member_pages(client):
    from route2020.core.models import User
    from route2020.practices.forms import STEP_NAMES
    from route2020.practices.models import PracticePage, Submission

    client.force_login(User.objects.get(email="lid@route2020.example"))
    pages = {
        "profile": fetch(client, "/account/profiel/"),
        "account e-mail": fetch(client, "/account/email/"),
        "password change": fetch(client, "/account/password/change/"),
        "account delete": fetch(client, "/account/verwijderen/"),
        "submission start": fetch(client, "/praktijkvoorbeelden/nieuw/"),
        "campaign sign-up": fetch(client, "/campagne/aanmelden/"),
        "campaign sign-up, refused": fetch(
            client, "/campagne/aanmelden/", method="post", status=400, data={"activity": ""}
        ),
        "ask a question": fetch(client, "/vragen/nieuw/"),
        "question (member, open)": fetch(client, open_question_url()),
        "unsubscribe": fetch(client, unsubscribe_path()),
        # The contact and the adoption form (a kept fragment, its CSRF token outside).
        "practice (member)": fetch(client, first_url(PracticePage, is_parel=True)),
    }
    client.post("/praktijkvoorbeelden/nieuw/")
    submission = Submission.objects.latest("pk")
    for step in STEP_NAMES:
        pages[f"submission step {step}"] = fetch(
            client, f"/praktijkvoorbeelden/inzending/{submission.pk}/{step}/"
        )
    pages["submission preview"] = fetch(
        client, f"/praktijkvoorbeelden/inzending/{submission.pk}/voorbeeld/"
    )
    # A member opening a regional guide's page gets the site's own 403 page.
    pages["forbidden (403)"] = fetch(client, "/praktijkvoorbeelden/beoordelen/", status=403)
    return pages


def open_question_url():
    from route2020.questions.models import QuestionPage

    return QuestionPage.objects.live().filter(solved_at__isnull=True).order_by("path").first().url


def unsubscribe_path():
    from django.urls import reverse

    from route2020.core.models import User
    from route2020.notifications import links

    user = User.objects.get(email="lid@route2020.example")
    return reverse("notifications:unsubscribe", args=[links.token(user, "antwoorden")])


def guide_pages(client):
    from route2020.core.models import User
    from route2020.guides.models import Visit
    from route2020.questions.models import Answer

    guide = User.objects.get(email="oosterveld@route2020.example")
    client.force_login(guide)
    visit = Visit.objects.filter(guide=guide).first()
    answer = (
        Answer.objects.filter(question__organisation__province__in=guide.provinces.all())
        .order_by("pk")
        .first()
    )
    return {
        "review queue": fetch(client, "/praktijkvoorbeelden/beoordelen/"),
        "guide's exploration": fetch(client, "/regiogids/"),
        "visit form": fetch(client, "/regiogids/bezoeken/nieuw/"),
        "visit edit": fetch(client, f"/regiogids/bezoeken/{visit.pk}/"),
        "Reisadvies form": fetch(client, "/regiogids/reisadvies/nieuw/"),
        "question (guide)": fetch(client, answer.question.url),
        "hide an answer": fetch(client, f"/vragen/antwoord/{answer.pk}/verbergen/"),
        "flag an answer": fetch(client, f"/vragen/{answer.question_id}/melden/{answer.pk}/"),
    }


def error_pages():
    from django.test import RequestFactory
    from django.urls import get_resolver
    from django.utils import translation

    handler = get_resolver().resolve_error_handler(500)
    pages = {"server error (500)": handler(RequestFactory().get("/")).content.decode()}
    with translation.override("en"):
        pages["server error (500, English)"] = handler(
            RequestFactory().get("/en/")
        ).content.decode()
    return pages


def test_every_page_type_is_valid_html(demo):
    pages = visitor_pages(Client())
    pages.update(error_pages())
    pages.update(member_pages(Client()))
    pages.update(guide_pages(Client()))
    errors = vnu.validate(pages)
    report = "\n".join(
        f"{name}:\n  " + "\n  ".join(messages) for name, messages in sorted(errors.items())
    )
    assert not errors, report
