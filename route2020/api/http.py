"""What every answer under /api/ carries: CORS for any origin, the licence, ETag and
Last-Modified with 304 answers.

The middleware sits outside the anonymous page cache, so an answer served from that cache is
answered with a 304 just the same, without a query.

Last-Modified is when the content the API shows last changed: the page cache's content
generation moves on every publish, unpublish, move, view restriction, organisation, adoption
and Reisflits sending (route2020.core.cache), and the first time the API sees a generation it
notes the time. That is never earlier than the change itself; a list whose content depends on
the clock (upcoming events) sets a later Last-Modified itself and the later of the two wins.
"""

import time

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import http_date, parse_http_date_safe

from route2020.core.cache import generation

from . import LICENCE_LINK

PREFIX = "/api/"
MAX_AGE = 60
MODIFIED_KEY = "api:modified:{}"
LATEST_MODIFIED_KEY = "api:modified:latest"
MODIFIED_SECONDS = 7 * 24 * 60 * 60
ALLOWED_REQUEST_HEADERS = "Accept, Accept-Language, If-None-Match, If-Modified-Since"
EXPOSED_HEADERS = "ETag, Last-Modified, Link, Retry-After"


def content_modified_at():
    """The time (seconds since the epoch) the current content generation was first seen.

    Each new generation gets a time later than the one before, also within one second, so
    `If-Modified-Since` never answers 304 across a change. Should the cache lose the time,
    it is noted anew: later, never earlier, so a client at worst downloads again.
    """
    key = MODIFIED_KEY.format(generation())
    stamp = cache.get(key)
    if stamp is None:
        latest = cache.get(LATEST_MODIFIED_KEY) or 0
        cache.add(key, max(int(time.time()), latest + 1), MODIFIED_SECONDS)
        stamp = cache.get(key) or max(int(time.time()), latest + 1)
        cache.set(LATEST_MODIFIED_KEY, stamp, None)
    return stamp


def is_api_request(request):
    return request.path.startswith(PREFIX)


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_api_request(request):
            return self.get_response(request)
        if request.method == "OPTIONS":
            # A browser asks before a cross-origin request with If-None-Match.
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = ALLOWED_REQUEST_HEADERS
            response["Access-Control-Max-Age"] = "86400"
            return self.finish(response)
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        # Read before the answer is made: should a publish happen meanwhile, the answer is
        # dated before it, and the next conditional request gets the new content.
        modified = content_modified_at() if request.method == "GET" else None
        response = self.get_response(request)
        if request.method == "GET" and response.status_code == 200 and not response.streaming:
            response = self.conditional(request, response, modified)
        if head and not response.streaming:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return self.finish(response)

    @staticmethod
    def conditional(request, response, modified):
        if not response.has_header("ETag"):
            set_response_etag(response)
        own = parse_http_date_safe(response.get("Last-Modified", ""))
        if own is not None:
            modified = max(modified, own)
        response["Last-Modified"] = http_date(modified)
        response["Cache-Control"] = f"public, max-age={MAX_AGE}"
        return get_conditional_response(
            request, etag=response["ETag"], last_modified=modified, response=response
        )

    @staticmethod
    def finish(response):
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        response["Link"] = ", ".join(filter(None, [response.get("Link"), LICENCE_LINK]))
        return response
