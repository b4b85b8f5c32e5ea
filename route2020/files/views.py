import posixpath

from django.conf import settings
from django.http import Http404
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views import static
from wagtail.documents.views import serve as wagtail_serve

# What of MEDIA_ROOT may be fetched by its path: images (their names are random), their
# renditions and the CMS's profile pictures. Documents are served by `serve_document` only,
# after the access check; Wagtail's temporary uploads (uploaded_files/) and anything added
# later, never.
PUBLIC_MEDIA = ("images/", "original_images/", "avatar_images/")


def serve_document(request, document_id, document_filename):
    """Wagtail's document view; a private document's answer is not for shared caches."""
    response = wagtail_serve.serve(request, document_id, document_filename)
    if getattr(request, "route2020_private_file", False):
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
    return response


def media(request, path):
    """MEDIA in development (DEBUG), as the web server serves it in production: the public
    folders only (docs/deploy.md)."""
    path = posixpath.normpath(path).lstrip("/")
    if not settings.DEBUG or not path.startswith(PUBLIC_MEDIA):
        raise Http404
    return static.serve(request, path, document_root=settings.MEDIA_ROOT)
