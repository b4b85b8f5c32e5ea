class AdminFramesMiddleware:
    """Frames are denied site-wide; only the CMS may frame itself (Wagtail's live preview)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/beheer/"):
            response.setdefault("X-Frame-Options", "SAMEORIGIN")
        return response
