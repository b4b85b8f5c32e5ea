from django.core.management.base import BaseCommand

from route2020.stats.tasks import prune_statistics


class Command(BaseCommand):
    help = (
        "Verwijdert statistieken die ouder zijn dan dertien maanden. Draai dit elke dag "
        "(cron), met --queue doet de worker het."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue", action="store_true", help="Zet het werk in de takenwachtrij."
        )

    def handle(self, *args, **options):
        if options["queue"]:
            prune_statistics.enqueue()
            self.stdout.write("In de wachtrij gezet.")
            return
        removed = prune_statistics.call()
        self.stdout.write(f"Verwijderde rijen: {removed}.")
