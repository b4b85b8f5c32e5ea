"""What other apps tell the statistics (connected in apps.py)."""

from . import counting, services


def search_without_results(sender, request, query, **kwargs):
    counting.count_search_without_results(request, query)


def statistics_refused(sender, statistics_id, **kwargs):
    services.visitor_forget(key=counting.visitor_key(statistics_id))
