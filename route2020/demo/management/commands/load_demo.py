import io

from django.core.management import call_command
from django.core.management.base import BaseCommand

from route2020.demo.content.core import DEMO_PASSWORD
from route2020.demo.loader import load


class Command(BaseCommand):
    help = "Laadt de demo-inhoud (de echte tekst van Route 2020 plus gegenereerde gegevens)."

    def handle(self, *args, **options):
        logins = load(self.stdout)
        # The search index is normally kept up to date by the task worker; build it now so
        # search works the moment the site is served.
        call_command("update_index", verbosity=0, stdout=io.StringIO())
        self.stdout.write(self.style.SUCCESS("Demo-inhoud geladen."))
        self.stdout.write("Inloggen op http://127.0.0.1:8000/account/login/ (beheer: /beheer/):")
        for role, user in logins:
            self.stdout.write(f"  {role:<48} {user.email}  wachtwoord: {DEMO_PASSWORD}")
