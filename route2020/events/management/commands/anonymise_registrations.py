from django.core.management.base import BaseCommand

from route2020.events.tasks import anonymise_past_registrations


class Command(BaseCommand):
    help = (
        "Haalt naam, e-mailadres, organisatie en account weg uit aanmeldingen voor "
        "bijeenkomsten die langer dan EVENTS_ANONYMISE_AFTER_DAYS dagen (standaard 365) "
        "geleden zijn afgelopen; de aantallen blijven. Draai dit elke dag (cron), met --queue "
        "doet de worker het."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue", action="store_true", help="Zet het werk in de takenwachtrij."
        )

    def handle(self, *args, **options):
        if options["queue"]:
            anonymise_past_registrations.enqueue()
            self.stdout.write("In de wachtrij gezet.")
            return
        count = anonymise_past_registrations.call()
        self.stdout.write(f"Geanonimiseerde aanmeldingen: {count}.")
