import re
import uuid

from django.conf import settings

from . import logs, routers

# A request id from the proxy in front (nginx: proxy_set_header X-Request-ID $request_id) is
# kept, so its access log and ours share it; anything else gets a new one.
INCOMING_ID = re.compile(r"[A-Za-z0-9._-]{8,128}")
PRIMARY_COOKIE = "r2020_primary"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request.id = incoming if INCOMING_ID.fullmatch(incoming) else uuid.uuid4().hex
        token = logs.request_id.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            logs.request_id.reset(token)
        response["X-Request-ID"] = request.id
        return response


class PrimaryAfterWriteMiddleware:
    """With read replicas: a request that may write reads from the primary, and so does the
    same browser for DATABASE_REPLICA_PIN_SECONDS after it, so a person always sees what
    they just changed, even while a replica lags behind."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        writes = request.method not in SAFE_METHODS
        token = routers.use_primary.set(writes or PRIMARY_COOKIE in request.COOKIES)
        try:
            response = self.get_response(request)
        finally:
            routers.use_primary.reset(token)
        if writes:
            response.set_cookie(
                PRIMARY_COOKIE,
                "1",
                max_age=settings.DATABASE_REPLICA_PIN_SECONDS,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
        return response
