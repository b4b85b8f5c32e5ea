"""The task worker, for either queue (TASK_BACKEND): run it under systemd, one or more per
machine. Before it takes its first task it puts back what dead workers left running, so a
worker restarted after a crash resumes its own work at once (docs/deploy.md)."""

from django.core.management.base import BaseCommand, CommandError

from route2020.operations import recovery, workers


class Command(BaseCommand):
    help = (
        "Voert achtergrondtaken uit (mails, Reisflitsen, zoekindex) en zet eerst de taken "
        "van gestopte verwerkers terug in de wachtrij."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue-name",
            default="*",
            help="Wachtrijen, met komma's gescheiden; '*' is alle (standaard).",
        )
        parser.add_argument(
            "--interval", type=float, default=1, help="Seconden wachten op nieuw werk."
        )
        parser.add_argument("--batch", action="store_true", help="Stop zodra de wachtrij leeg is.")
        parser.add_argument("--max-tasks", type=int, default=None, help="Stop na zoveel taken.")
        parser.add_argument(
            "--no-startup-delay",
            action="store_false",
            dest="startup_delay",
            help="Niet even wachten bij het starten.",
        )

    def handle(self, *args, **options):
        kind = recovery.backend_kind()
        worker_id = workers.new_worker_id()
        report = recovery.recover_tasks()
        if options["verbosity"] > 0:
            found = " ".join(f"{key}={value}" for key, value in report.items())
            self.stdout.write(f"worker={worker_id} {found}")
        if kind == "database":
            self.run_database(worker_id, options)
        elif kind == "rq":
            self.run_rq(worker_id, options)
        else:
            raise CommandError("TASKS gebruikt geen wachtrij die een verwerker nodig heeft.")

    def run_database(self, worker_id, options):
        from django_tasks_db.management.commands.db_worker import Worker

        queues = options["queue_name"].split(",")
        worker = Worker(
            queue_names=queues,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=recovery.backend().alias,
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        with workers.running(worker_id):
            worker.configure_signals()
            worker.run()

    def run_rq(self, worker_id, options):
        import django_rq
        from django.db import close_old_connections
        from django_tasks.signals import task_finished, task_started
        from rq.worker import SimpleWorker

        # The task runs in this process (as in the database queue): a killed worker leaves
        # no child behind that might still finish it, and database connections are never
        # shared across a fork. Connections are checked around every task, as per request.
        task_started.connect(lambda **kwargs: close_old_connections(), weak=False)
        task_finished.connect(lambda **kwargs: close_old_connections(), weak=False)
        names = options["queue_name"]
        queues = sorted(recovery.backend().queues) if names == "*" else names.split(",")
        worker = django_rq.get_worker(
            *queues,
            job_class="django_tasks_rq.Job",
            worker_class=SimpleWorker,
            name=worker_id,
        )
        logging_level = "WARNING" if options["verbosity"] == 0 else "INFO"
        with workers.running(worker_id, rq_worker=worker):
            worker.work(
                burst=options["batch"],
                max_jobs=options["max_tasks"],
                with_scheduler=True,
                logging_level=logging_level,
            )
