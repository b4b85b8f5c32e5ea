"""Resume Reisflitsen left behind by a killed worker and start scheduled ones that are due.

django-tasks-db never picks up a task a killed worker left RUNNING, so the work is resumed
from the deliveries instead. Run it when the worker starts (`--stale-after 0` when no other
worker is running) and every few minutes (cron, systemd timer).
"""

from django.core.management.base import BaseCommand

from route2020.newsletter import services


class Command(BaseCommand):
    help = (
        "Hervat onderbroken verzendingen van Reisflitsen en start ingeplande die aan de beurt zijn."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--stale-after",
            type=int,
            default=None,
            help="Seconden zonder voortgang voordat een verzending als gestopt geldt "
            "(standaard NEWSLETTER_LEASE_SECONDS; 0 = er draait nu geen andere worker).",
        )

    def handle(self, *args, stale_after=None, **options):
        report = services.recover(stale_after=stale_after)
        report["purged"] = services.purge_unconfirmed()
        self.stdout.write(" ".join(f"{key}={value}" for key, value in report.items()))
