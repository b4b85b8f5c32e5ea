"""Queue the daily or weekly digests: `manage.py send_digests dagelijks` (every morning) and
`manage.py send_digests wekelijks` (Monday morning); see docs/deploy.md."""

from django.core.management.base import BaseCommand

from route2020.notifications.models import Frequency, Notification, Preference
from route2020.notifications.tasks import send_digest


class Command(BaseCommand):
    help = "Zet de dagelijkse of wekelijkse overzichtsmails in de wachtrij."

    def add_arguments(self, parser):
        parser.add_argument("frequency", choices=[Frequency.DAILY, Frequency.WEEKLY])

    def handle(self, frequency, **options):
        # only people with something waiting: no task (and no mail) for an empty digest
        waiting = Notification.objects.filter(sent_at__isnull=True).values("user_id")
        users = (
            Preference.objects.filter(frequency=frequency, user_id__in=waiting)
            .values_list("user_id", flat=True)
            .distinct()
        )
        count = 0
        for user_id in users:
            send_digest.enqueue(user_id, frequency)
            count += 1
        self.stdout.write(f"{count} overzichten in de wachtrij")
