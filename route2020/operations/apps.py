from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """What the platform needs to run in production: the task worker and the recovery of
    the tasks of a worker that died, once-only side effects, health, logs, replicas."""

    name = "route2020.operations"
    label = "operations"
    verbose_name = _("Bedrijfsvoering")

    def ready(self):
        from django_tasks.signals import task_finished, task_started

        from . import once, routers

        once.connect_task_signals()
        task_started.connect(routers.start_task, dispatch_uid="route2020-replica-task")
        task_finished.connect(routers.finish_task, dispatch_uid="route2020-replica-task-end")
