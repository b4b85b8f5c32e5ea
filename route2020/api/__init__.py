"""The public read API at /api/v1/: one django-ninja API to which every app adds its own endpoints.

An app adds endpoints by having an `api.py` module with a `router` (a `ninja.Router`) whose
operations carry their full path (`@router.get("/practices/")`). `urls()` finds the `api`
module of every installed route2020 app (as core finds `home.py` and `privacy.py`) and mounts
its router at /api/v1/; nothing here names an app. docs/api.md says how, and why django-ninja.

What every answer shares (CORS, the licence in a Link header, ETag and Last-Modified with 304
answers) is done for the whole of /api/ by `route2020.api.http.ApiMiddleware`.
"""

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from ninja import NinjaAPI, Swagger
from ninja.throttling import AnonRateThrottle
from pydantic import BaseModel

from route2020.core.registry import app_modules

VERSION = "1"
LICENCE = {
    "name": "CC BY 4.0",
    "identifier": "CC-BY-4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
LICENCE_LINK = f'<{LICENCE["url"]}>; rel="license"'
# What a path id and a slug filter may be: anything else is a 422, never a database error
# (PostgreSQL's bigint ends at 2**63 - 1 and its text refuses a NUL character).
MAX_ID = 2**63 - 1
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"

DESCRIPTION = """\
Read-only open data of **Route 2020**, the shared innovation agenda of the Dutch public
libraries: practices (what a library did, how, and what did not work), their adoptions by
other libraries, events with their programme, news, themes, Reisflitsen (the newsletter) and
organisations. Only what the website shows to every visitor is here: no contact details, no
drafts, nothing behind a view restriction.

**Licence.** The content is published under
[CC BY 4.0](https://creativecommons.org/licenses/by/4.0/): reuse it, and name Route 2020 as
the source with a link to the page (`url` in every object). Every response says so in its
`Link: <https://creativecommons.org/licenses/by/4.0/>; rel="license"` header.

**Pages.** Lists are paginated with a cursor: follow `next` (and `previous`) as they are
given; `page_size` is 1 to 100 (20 by default). A cursor stays valid while the data it points
at exists, whatever is added meanwhile.

**Caching.** Every answer has an `ETag` and a `Last-Modified`; send `If-None-Match` or
`If-Modified-Since` and an unchanged answer is a `304 Not Modified` without a body.

**Cross-origin.** Any website may read the API from the browser (CORS: `*`, GET only).

**Rate limit.** Answers the server has to compute are limited per client address (by default
120 a minute); past the limit the answer is `429 Too Many Requests` with `Retry-After`.
Answers served from the server's cache do not count.

Filters carry the names and values of the website's listings: the query string of
`/praktijkvoorbeelden/?thema=...&provincie=...` works unchanged on `/api/v1/practices/`.
"""


class ClientRateThrottle(AnonRateThrottle):
    """Per client address, at the rate of settings.API_RATE_LIMIT (empty: no limit), read at
    each request so that a deployment (and a test) can change it."""

    def __init__(self):
        self.rate = None

    def allow_request(self, request):
        rate = getattr(settings, "API_RATE_LIMIT", "")
        if not rate:
            return True
        if rate != self.rate:
            self.rate = rate
            self.num_requests, self.duration = self.parse_rate(rate)
        return super().allow_request(request)


api = NinjaAPI(
    title="Route 2020 API",
    version=VERSION,
    description=DESCRIPTION,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs/",
    # The docs are Swagger UI as django-ninja ships it, served from our static files. Its
    # validator badge would send the document to validator.swagger.io: switched off.
    docs=Swagger(settings={"validatorUrl": None, "defaultModelsExpandDepth": 0}),
    throttle=[ClientRateThrottle()],
    openapi_extra={
        "info": {"license": LICENCE},
    },
)


def page_url(page, request):
    """A page's address on the website (absolute), or None when it has none."""
    return page.get_full_url(request)


class PageUrls:
    """The addresses of many pages of one answer, from their `url_path` and `slug`.

    Wagtail's `get_full_url` for every row is a model instance and a `reverse()` each; a
    page's address is its parent's plus its slug (as its `url_path` is), so Wagtail is asked
    once per parent and the rest is string work.
    """

    def __init__(self, request):
        self.request = request
        self.parents = {}

    def __call__(self, url_path, slug):
        from wagtail.models import Page

        parent_path = url_path[: -len(slug) - 1]
        if not url_path.endswith(f"/{slug}/"):
            return Page(url_path=url_path).get_full_url(self.request)
        if parent_path not in self.parents:
            self.parents[parent_path] = Page(url_path=parent_path).get_full_url(self.request)
        parent = self.parents[parent_path]
        return None if parent is None else f"{parent}{slug}/"


def render_html(value):
    """A StreamField or rich text as the HTML the website shows."""
    from wagtail.rich_text import RichText

    if value is None:
        return ""
    if isinstance(value, str):
        return str(RichText(value))
    return str(value)


def not_found(request, exc):
    # Django's own message names the model ("No EventPage matches ..."): not an API's words.
    return api.create_response(request, {"detail": "Not found."}, status=404)


api.add_exception_handler(Http404, not_found)


class Message(BaseModel):
    """An error: what went wrong, in one sentence."""

    detail: str


class InvalidParameters(BaseModel):
    """A parameter that does not match this document: which one and why."""

    detail: list[dict]


def answers(ok, *, one=False):
    """The answers an operation documents: `ok`, and what any request may get instead."""
    documented = {
        200: ok,
        422: InvalidParameters,
        429: Message,
    }
    documented[404 if one else 400] = Message
    return documented


class ApiIndex(BaseModel):
    title: str
    version: str
    licence: dict
    openapi: str
    documentation: str
    endpoints: list[str]


@api.get(
    "/",
    response=answers(ApiIndex),
    summary="What the API offers",
    operation_id="index",
    tags=["index"],
)
def index(request):
    """The licence, the OpenAPI document, the docs and the list endpoints."""
    prefix = reverse("api:api-root")
    endpoints = sorted(
        request.build_absolute_uri(prefix + path.lstrip("/"))
        for path in list_paths()
        if path != "/"
    )
    return {
        "title": api.title,
        "version": VERSION,
        "licence": LICENCE,
        "openapi": request.build_absolute_uri(reverse("api:openapi-json")),
        "documentation": request.build_absolute_uri(reverse("api:openapi-view")),
        "endpoints": endpoints,
    }


def list_paths():
    """The paths without parameters: the lists an index can point at."""
    return [
        path
        for bound in api._get_bound_routers()
        for path in bound.path_operations
        if "{" not in path
    ]


_mounted = False


def urls():
    """The API's URL patterns, with the router of every app that has an `api.py`."""
    global _mounted
    if not _mounted:
        for module in app_modules("api"):
            api.add_router("", module.router)
        _mounted = True
        declare_query_parameters()
    return api.urls


def declare_query_parameters():
    """Tell the page cache which query parameters the API reads: every query parameter of
    every operation in the OpenAPI document (route2020.core.cache)."""
    from route2020.core.cache import read_query_parameters

    schema = api.get_openapi_schema(path_prefix="")
    read_query_parameters(
        *{
            parameter["name"]
            for operations in schema["paths"].values()
            for operation in operations.values()
            for parameter in operation.get("parameters", ())
            if parameter["in"] == "query"
        }
    )
