from django.urls import path

from bench.baseline import baseline

urlpatterns = [path("bench/baseline/<int:size>/", baseline, name="bench-baseline")]
