from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from wagtail import hooks

from .access import guard_of, may_view_file


@hooks.register("before_serve_document")
def serve_guarded_documents_to_those_allowed(document, request):
    """The app's rule of a guarded collection (access.py), on top of Wagtail's own check of
    the collection's view restriction. Someone signed in who may not see the document gets
    a 404, so a guessed URL does not even confirm that the document exists."""
    guard = guard_of(document.collection)
    if guard is not None and not may_view_file(request.user, document, guard=guard):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    request.route2020_private_file = (
        guard is not None or document.collection.get_view_restrictions().exists()
    )
    return None
