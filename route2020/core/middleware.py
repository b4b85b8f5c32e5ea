from django.contrib.messages.storage.base import BaseStorage
from django.contrib.messages.storage.fallback import FallbackStorage
from django.utils.functional import cached_property


class AdminFramesMiddleware:
    """Frames are denied site-wide; only the CMS may frame itself (Wagtail's live preview)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/beheer/"):
            response.setdefault("X-Frame-Options", "SAMEORIGIN")
        return response


class LazyFallbackStorage(FallbackStorage):
    """Django's message storage (cookie, then session), made only when a request adds or
    reads a message (MESSAGE_STORAGE). Django's own makes both at the start of every request;
    the cookie storage's signer alone was a twentieth of the cheapest request through the
    site's middleware, and most requests never touch a message."""

    def __init__(self, request, *args, **kwargs):
        BaseStorage.__init__(self, request, *args, **kwargs)
        self._storage_arguments = ((request, *args), kwargs)
        self._used_storages = set()

    @cached_property
    def storages(self):
        args, kwargs = self._storage_arguments
        return [storage_class(*args, **kwargs) for storage_class in self.storage_classes]
