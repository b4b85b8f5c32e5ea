from django.urls import path

from route2020 import urls as site_urls

from .baseline import baseline

urlpatterns = [
    path("bench/baseline/<int:size>/", baseline, name="bench-baseline"),
    *site_urls.urlpatterns,
]
# The site's error views, if it names any.
for _name in ("handler400", "handler403", "handler404", "handler500"):
    if hasattr(site_urls, _name):
        globals()[_name] = getattr(site_urls, _name)
