from django.dispatch import Signal

# Sent with `request` and `query` (the cleaned query) each time a search finds nothing, so
# that the office can see what visitors look for in vain (route2020.stats counts them).
search_without_results = Signal()
