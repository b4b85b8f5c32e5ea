"""Documents (/documenten/), Wagtail's routes with our serve view, and MEDIA in development.

The names are Wagtail's, so `Document.url` and the password form find them.
"""

from django.urls import path, re_path
from wagtail.documents.views import serve as wagtail_serve

from . import views

document_urls = [
    re_path(r"^(\d+)/(.*)$", views.serve_document, name="wagtaildocs_serve"),
    path(
        "authenticate_with_password/<int:restriction_id>/",
        wagtail_serve.authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
]
