from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from route2020.campaign.models import CampaignPage, CampaignPeriodPage, CampaignSignup


def make_campaign(home):
    campaign = CampaignPage(title="Campagne de Bibliotheek maakt je rijker", slug="campagne")
    home.add_child(instance=campaign)
    campaign.save_revision().publish()
    return CampaignPage.objects.get(pk=campaign.pk)


def make_period(campaign, *, title="Glansrijk", starts_on=None, ends_on=None, **fields):
    today = timezone.localdate()
    period = CampaignPeriodPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        starts_on=starts_on or today - timedelta(days=7),
        ends_on=ends_on or today + timedelta(days=30),
        target_group=fields.pop("target_group", "Eindexamenkandidaten"),
        message=fields.pop("message", "Haal je examen met de Bibliotheek."),
        media_budget=fields.pop("media_budget", Decimal("85000")),
        **fields,
    )
    campaign.add_child(instance=period)
    period.save_revision().publish()
    return CampaignPeriodPage.objects.get(pk=period.pk)


def make_past_period(campaign, title="Glansrijk 2017"):
    return make_period(campaign, title=title, starts_on=date(2017, 5, 1), ends_on=date(2017, 6, 30))


def sign_up(period, organisation, activity="Posters in de vestiging."):
    return CampaignSignup.objects.create(
        period=period, organisation=organisation, activity=activity
    )
