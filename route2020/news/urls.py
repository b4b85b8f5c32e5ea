from django.urls import path

from .feeds import NewsFeed

app_name = "news"
urlpatterns = [path("nieuws/feed/", NewsFeed(), name="feed")]
