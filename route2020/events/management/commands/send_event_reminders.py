from django.core.management.base import BaseCommand

from route2020.events.tasks import (
    expire_unconfirmed_registrations,
    send_event_reminders,
    send_practice_followups,
)


class Command(BaseCommand):
    help = (
        "Stuurt herinneringen voor bijeenkomsten van morgen en, drie maanden na afloop, de "
        "vraag of deelnemers een gepresenteerd praktijkvoorbeeld hebben toegepast. Elke mail "
        "gaat één keer. Aanmeldingen van bezoekers die na 48 uur niet zijn bevestigd, "
        "vervallen en hun gegevens worden gewist. Draai dit elk uur (cron) of laat de worker "
        "het doen met --queue."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue", action="store_true", help="Zet het werk in de takenwachtrij."
        )

    def handle(self, *args, **options):
        if options["queue"]:
            expire_unconfirmed_registrations.enqueue()
            send_event_reminders.enqueue()
            send_practice_followups.enqueue()
            self.stdout.write("In de wachtrij gezet.")
            return
        expired = expire_unconfirmed_registrations.call()
        reminders = send_event_reminders.call()
        followups = send_practice_followups.call()
        self.stdout.write(
            f"Vervallen aanmeldingen: {expired}; herinneringen: {reminders}; "
            f"vervolgmails: {followups}."
        )
