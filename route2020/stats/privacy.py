"""The statistics keep nothing about an account. What they keep about a browser that said
"Ja" (a keyed hash of its random id, the first and last day of a visit) is in the export made
from that browser, and goes, with the cookies, when the account is deleted from it."""

from route2020.consent import cookies

from .counting import visitor_key
from .models import Visitor
from .services import visitor_forget


def export_browser(request):
    statistics_id = cookies.statistics_id(request)
    visitor = (
        Visitor.objects.filter(key=visitor_key(statistics_id)).first() if statistics_id else None
    )
    return {
        "statistiek": {
            "antwoord op de cookievraag": cookies.choice(request) or None,
            "statistiek-id (cookie in deze browser)": statistics_id,
            "eerste bezoek": visitor.first_seen.isoformat() if visitor else None,
            "laatste bezoek": visitor.last_seen.isoformat() if visitor else None,
        }
    }


def forget_browser(request, response):
    statistics_id = cookies.statistics_id(request)
    if statistics_id:
        visitor_forget(key=visitor_key(statistics_id))
    cookies.forget_choice(response)
