"""The campaign page and its sign-up form, both routes of CampaignPage (models.py).

A refused sign-up renders the form again with a Dutch message next to the field, the text
typed kept, and a 4xx status; nothing is stored half. Past the limit "campaign-signup"
(core/ratelimit.py) the form comes back with a 429 and the text typed.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from route2020.core.pagination import kept_page
from route2020.core.permissions import confirmed_organisation
from route2020.core.ratelimit import exceeded, limit_for

from . import services
from .forms import SignupForm
from .models import SIGNUPS_PER_PAGE
from .participants import participants_map


def campaign(request, page, signups_version):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    number, signups = kept_page(
        request,
        "campaign-signups",
        [page, signups_version],
        page.get_signups,
        SIGNUPS_PER_PAGE,
        request.GET.get("pagina"),
    )
    return page.render(
        request,
        context_overrides={
            # Lazy: made only when the page's fragments are rendered, not when served.
            "map": SimpleLazyObject(lambda: participants_map(page)),
            "signups": signups,
            "signups_number": number,
            "signups_version": signups_version,
        },
    )


def signup(request, page):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    organisation = confirmed_organisation(request.user)
    if organisation is None:
        return _render(request, page, None, status=403)
    form = SignupForm(
        request.POST if request.method == "POST" else None,
        campaign=page,
        organisation=organisation,
    )
    if request.method != "POST":
        return _render(request, page, form, organisation)
    if exceeded(request, "campaign-signup"):
        form.is_valid()
        form.add_error(
            None,
            _(
                "Je hebt in korte tijd erg vaak aangemeld. Wacht een paar minuten en probeer "
                "het dan opnieuw; je tekst staat hieronder nog."
            ),
        )
        response = _render(request, page, form, organisation, status=429)
        response["Retry-After"] = str(limit_for("campaign-signup")[1])
        response["Cache-Control"] = "private, no-store"
        return response
    if form.is_valid():
        try:
            services.signup_create(
                period=form.cleaned_data["period"],
                organisation=organisation,
                user=request.user,
                activity=form.cleaned_data["activity"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(organisation)s doet mee aan %(period)s. Bedankt!")
                % {"organisation": organisation.name, "period": form.cleaned_data["period"].title},
            )
            return redirect(page.url)
    return _render(request, page, form, organisation, status=400)


def _render(request, page, form, organisation=None, status=200):
    response = page.render(
        request,
        template="campaign/signup.html",
        context_overrides={"form": form, "organisation": organisation},
    )
    response.status_code = status
    return response
