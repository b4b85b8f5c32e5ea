from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerProcess(models.Model):
    """A running `task_worker` of the database queue, with its heartbeat.

    The recovery asks it whether the worker that claimed a task still lives: on the same
    machine by its process (at once), elsewhere by a heartbeat older than
    TASK_WORKER_DEAD_AFTER. RQ keeps its own workers' heartbeats in Redis.
    """

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    host = models.CharField(_("machine"), max_length=255)
    pid = models.PositiveIntegerField(_("proces"))
    process_started = models.CharField(_("processtart"), max_length=32, blank=True)
    started_at = models.DateTimeField(_("gestart"), auto_now_add=True)
    seen_at = models.DateTimeField(_("laatst gezien"), db_index=True)

    class Meta:
        verbose_name = _("taakverwerker")
        verbose_name_plural = _("taakverwerkers")

    def __str__(self):
        return self.worker_id


class TaskMark(models.Model):
    """One side effect of a task that has happened (a mail sent), committed in the same
    transaction as the side effect's own writes: a task run again after its worker died
    finds the mark and does not repeat it. The key holds ids, never personal data."""

    key = models.CharField(_("sleutel"), max_length=200, unique=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("taakmarkering")
        verbose_name_plural = _("taakmarkeringen")

    def __str__(self):
        return self.key
