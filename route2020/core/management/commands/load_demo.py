from django.core.management import call_command
from django.core.management.base import BaseCommand

from route2020.core.demo.load import DEMO_PASSWORD, load_seed, order_menu
from route2020.core.extensions import app_modules

# Each app with demo content has a demo.py with load(stdout); called in this order.
DEMO_APPS = ("practices", "events", "newsletter")


class Command(BaseCommand):
    help = "Laadt de demo-inhoud (de echte tekst van Route 2020 plus gegenereerde gegevens)."

    def handle(self, *args, **options):
        logins = load_seed()
        for module in app_modules("demo", DEMO_APPS):
            module.load(self.stdout)
        order_menu()
        # The search index is normally kept up to date by the task worker; build it now so
        # search works the moment the site is served.
        call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo-inhoud geladen."))
        self.stdout.write("Inloggen op http://127.0.0.1:8000/account/login/ (beheer: /beheer/):")
        for role, user in logins:
            self.stdout.write(f"  {role:<48} {user.email}  wachtwoord: {DEMO_PASSWORD}")
