"""Background work, on Django's task framework: ``django.tasks`` from Django 6, the
django-tasks backport before it. The backend is the site's choice (``TASKS``): the database
backend by default, RQ or Celery backends where a site runs them, the immediate one in tests.
"""

from django.db import transaction

try:
    from django.tasks import task
except ImportError:  # Django < 6
    from django_tasks import task

from meetings import webhooks
from meetings.api import changes
from meetings.models import SyncState


@task()
def sync_changes() -> int:
    return sync_now()


def sync_now() -> int:
    """Record what changed in the public API (``meetings.api.changes.sync``) and the webhook
    deliveries of those changes, in one transaction, with any delivery a stopped worker left
    half-sent; then make sure a sync runs when passing time next changes what is public.
    Returns how many changes were recorded."""
    with transaction.atomic():
        recorded = changes.sync()
        deliveries = webhooks.recover() + webhooks.queue(recorded)
        transaction.on_commit(lambda: [deliver_webhook.enqueue(pk) for pk in deliveries])
    schedule_time_driven_sync()
    return len(recorded)


@task()
def deliver_webhook(delivery_id: int) -> str | None:
    """One attempt at one webhook delivery (``meetings.webhooks.attempt``), and the next one
    queued for when it is due. A backend that cannot defer a task (the immediate one) leaves
    retries to "send again"."""
    outcome = webhooks.attempt(delivery_id)
    if outcome.retry_at and deliver_webhook.get_backend().supports_defer:
        deliver_webhook.using(run_after=outcome.retry_at).enqueue(delivery_id)
    return outcome.status


def send_webhook_again(delivery) -> None:
    """Deliver a message once more, with its id (the delivery log's "send again")."""
    with transaction.atomic():
        webhooks.reset_for_sending_again(delivery)
        transaction.on_commit(lambda: deliver_webhook.enqueue(delivery.pk))


def schedule_time_driven_sync() -> None:
    """Queue one sync at the next moment passing time changes what is public, unless one is
    queued for that moment already. A backend that cannot defer a task leaves it to the next
    change (and to ``manage.py meetings_sync`` from a scheduler)."""
    if not sync_changes.get_backend().supports_defer:
        return
    when = changes.next_time_change()
    with transaction.atomic():
        SyncState.objects.get_or_create(pk=1)
        state = SyncState.objects.select_for_update().get(pk=1)
        if state.next_run_at == when:
            return
        state.next_run_at = when
        state.save(update_fields=["next_run_at"])
        sync_changes.using(run_after=when).enqueue()


def _enqueue_sync() -> None:
    sync_changes.enqueue()


def sync_after_commit() -> None:
    """Queue a sync once the current transaction commits: once, however many changes it
    makes, and never for one that rolls back."""
    connection = transaction.get_connection()
    if any(callback is _enqueue_sync for _ids, callback, _robust in connection.run_on_commit):
        return
    transaction.on_commit(_enqueue_sync, robust=True)
