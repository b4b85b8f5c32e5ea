from django.core.management.base import BaseCommand

from route2020.stats.tasks import flush_statistics


class Command(BaseCommand):
    help = (
        "Schrijft de tellingen die in de cache wachten (paginaweergaven, bezoekers, "
        "zoektermen zonder resultaat) naar de database. Draai dit elke paar minuten (cron), "
        "met --queue doet de worker het."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue", action="store_true", help="Zet het werk in de takenwachtrij."
        )

    def handle(self, *args, **options):
        if options["queue"]:
            flush_statistics.enqueue()
            self.stdout.write("In de wachtrij gezet.")
            return
        written = flush_statistics.call()
        self.stdout.write(f"Geschreven tellingen: {written}.")
