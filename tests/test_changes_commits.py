"""The change feed follows commits, and waits for a stopped worker without losing anything.

Transactional tests, in a module of their own: they empty the database when they end, and a
module's demo site (``demo_content``) stays loaded until the module's last test.
"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Page, PageViewRestriction

from meetings.api import changes
from tests.factories import announcement, meeting, polish, warsaw
from tests.test_changes import replay


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_commit_queues_one_sync_and_a_rollback_none(client, admin_user):
    from django_tasks.signals import task_enqueued

    from tests.factories import announcement_index

    index = announcement_index(Page.objects.get(depth=2, locale=polish()))
    queued = []

    def count(sender, task_result, **kwargs):
        if task_result.task.name == "sync_changes":  # Wagtail queues its own (search index)
            queued.append(task_result.task.name)

    task_enqueued.connect(count)
    try:
        with pytest.raises(RuntimeError), transaction.atomic():
            announcement(index, title="Wycofane")
            raise RuntimeError
        rolled_back = list(queued)
        with transaction.atomic():
            page = announcement(
                index, title="Opublikowane", meetings=[meeting(start=warsaw(2058, 1, 5))]
            )
            PageViewRestriction.objects.filter(page=index).delete()
    finally:
        task_enqueued.disconnect(count)

    assert rolled_back == []
    assert queued == ["sync_changes"]
    copy, _cursor, _seen = replay(client)
    assert copy["announcement", page.pk]["title"] == "Opublikowane"
    assert "Wycofane" not in str(copy)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_stopped_worker_delays_the_feed_but_loses_nothing(client, settings, admin_user):
    from django_tasks_db.models import DBTaskResult

    from tests.factories import announcement_index

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    home = Page.objects.get(depth=2, locale=polish()).specific
    index = announcement_index(home)
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())
    _copy, cursor, _seen = replay(client)

    # The worker is stopped: the publication is queued, the feed has not changed yet.
    page = announcement(index, title="W kolejce", meetings=[meeting(start=warsaw(2058, 2, 2))])
    assert DBTaskResult.objects.filter(status="READY", task_path__endswith="sync_changes").exists()
    assert replay(client, since=cursor)[2] == []

    # The worker runs again: the change is there, and a sync waits for midnight.
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())
    assert ("upsert", "announcement", page.pk, "pl") in replay(client, since=cursor)[2]
    waiting = DBTaskResult.objects.get(status="READY", task_path__endswith="sync_changes")
    assert waiting.run_after == changes.next_time_change()
