"""On SQLite, the server and the task worker write to the same file: a transaction that reads
and then writes, while the other process has begun to write, waits for it instead of failing
with "database is locked"."""

import threading

import pytest
from django.conf import settings
from django.db import OperationalError
from django.db.utils import ConnectionHandler


def write_while_another_writes(path, options: dict) -> int:
    """The worker reads, the server begins to write, the worker writes: the rows written."""
    handler = ConnectionHandler(
        {
            name: {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path), "OPTIONS": options}
            for name in ("default", "worker", "server")
        }
    )
    worker = handler["worker"]
    with worker.cursor() as cursor:
        cursor.execute("CREATE TABLE item (name TEXT)")
    server_wrote, worker_done = threading.Event(), threading.Event()

    def server():
        connection = handler["server"]  # a connection of this thread's own
        connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
        connection.cursor().execute("INSERT INTO item VALUES ('server')")
        server_wrote.set()
        worker_done.wait(30)
        connection.commit()
        connection.set_autocommit(True)
        connection.close()

    thread = threading.Thread(target=server)
    worker.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    try:
        worker.cursor().execute("SELECT COUNT(*) FROM item")
        thread.start()
        server_wrote.wait(1)  # with the write lock taken at the start, the server waits here
        worker.cursor().execute("INSERT INTO item VALUES ('worker')")
        worker.commit()
    finally:
        worker_done.set()
        worker.set_autocommit(True)
        thread.join(30)
    with worker.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM item")
        (rows,) = cursor.fetchone()
    worker.close()
    return rows


# Files of their own, not the test database: pytest-django's block does not concern them.
def test_the_sites_sqlite_settings_make_writers_wait_for_each_other(tmp_path, django_db_blocker):
    with django_db_blocker.unblock():
        rows = write_while_another_writes(tmp_path / "site.sqlite3", settings.SQLITE_OPTIONS)
    assert rows == 2


def test_without_them_the_second_writer_fails(tmp_path, django_db_blocker):
    with django_db_blocker.unblock(), pytest.raises(OperationalError, match="locked"):
        write_while_another_writes(tmp_path / "site.sqlite3", {"timeout": 1})
