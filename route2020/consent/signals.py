from django.dispatch import Signal

# Sent with `statistics_id` (the random id the browser held) when a visitor answers "Nee"
# after "Ja": whoever kept something under that id forgets it (route2020.stats does).
statistics_refused = Signal()
