"""Background work of the statistics, queued by the commands (cron) and the dashboard."""

from django_tasks import task

from . import services


@task()
def flush_statistics():
    return services.statistics_flush()


@task()
def prune_statistics():
    return services.statistics_prune()
