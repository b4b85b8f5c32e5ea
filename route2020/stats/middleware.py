import logging

from . import counting

logger = logging.getLogger(__name__)


class StatisticsMiddleware:
    """Counts page views, also those served from the page cache (it sits outside it).

    Only the cache is touched; a failure to count never fails the page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        try:
            counting.count_page_view(request, response)
        except Exception:
            logger.exception("Paginaweergave niet geteld")
        return response
