from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "route2020.stats"
    label = "stats"
    verbose_name = _("Statistieken")

    def ready(self):
        from route2020.consent.signals import statistics_refused
        from route2020.search.signals import search_without_results

        from . import receivers

        search_without_results.connect(
            receivers.search_without_results, dispatch_uid="stats-search-without-results"
        )
        statistics_refused.connect(
            receivers.statistics_refused, dispatch_uid="stats-statistics-refused"
        )
