from django.urls import path

from . import views
from .feeds import IssueFeed

app_name = "newsletter"
urlpatterns = [
    path("reisflitsen/feed/", IssueFeed(), name="feed"),
    path("reisflitsen/aangemeld/", views.subscribed, name="subscribed"),
    path("reisflitsen/bevestigen/<str:token>/", views.confirm, name="confirm"),
    path("reisflitsen/voorkeuren/<str:token>/", views.preferences, name="preferences"),
    path("reisflitsen/afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("tip/", views.tip, name="tip"),
]
