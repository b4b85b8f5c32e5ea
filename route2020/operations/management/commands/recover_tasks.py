"""Put the tasks of dead workers back in the queue now (every `task_worker` does this at its
start and every half TASK_WORKER_DEAD_AFTER; this is for cron or by hand)."""

from django.core.management.base import BaseCommand

from route2020.operations.recovery import recover_tasks


class Command(BaseCommand):
    help = "Zet de taken van gestopte verwerkers terug in de wachtrij."

    def handle(self, *args, **options):
        report = recover_tasks()
        self.stdout.write(" ".join(f"{key}={value}" for key, value in report.items()))
