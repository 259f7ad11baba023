"""Webhooks against a receiver on localhost: signed as Standard Webhooks says (checked with the
specification's own library), delivered after the commit and never for a rollback, retried
with the same id after errors and timeouts, in order per item, disabled when they keep
failing, and refused for addresses inside private networks."""

import io
import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from standardwebhooks import Webhook
from wagtail.models import Page

from meetings import webhooks
from meetings.models import WebhookDelivery, WebhookSubscription
from meetings.tasks import send_webhook_again, sync_now
from tests.factories import announcement, announcement_index, meeting, polish, warsaw

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class Receiver:
    """An HTTP server on 127.0.0.1 that records each POST and answers as told: a status, or
    "slow" (no answer before the sender's timeout)."""

    def __init__(self):
        self.received = []
        self.answers = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                answer = receiver.answers.pop(0) if receiver.answers else 204
                if answer == "slow":
                    time.sleep(2)
                    answer = 204
                self.send_response(answer)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def messages(self, secret: str) -> list[dict]:
        """Each message's JSON, after the signature is verified."""
        return [Webhook(secret).verify(body, headers) for headers, body in self.received]


@pytest.fixture
def receiver(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MEETINGS_WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.MEETINGS_WEBHOOK_TIMEOUT = 1
    receiving = Receiver()
    yield receiving
    receiving.server.shutdown()


@pytest.fixture
def index(db):
    home = Page.objects.get(depth=2, locale=polish())
    return announcement_index(home)


def worker(*, due=False):
    """The task worker, once through the queue; ``due``: as if the retries' time had come."""
    from django_tasks_db.models import DBTaskResult

    if due:
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())


def subscribe(receiver, **fields) -> WebhookSubscription:
    return WebhookSubscription.objects.create(
        name="Magiczny Kraków", url=receiver.url, types=["announcement"], **fields
    )


def publish(index, title: str):
    with transaction.atomic():
        return announcement(index, title=title, meetings=[meeting(start=warsaw(2058, 3, 3))])


def test_a_publication_is_delivered_signed_after_the_commit_and_a_rollback_never(receiver, index):
    subscription = subscribe(receiver, languages=["pl"])
    with pytest.raises(RuntimeError), transaction.atomic():
        announcement(index, title="Wycofane")
        raise RuntimeError
    page = publish(index, "Opublikowane")

    worker()

    (message,) = receiver.messages(subscription.secret)
    assert message["type"] == "announcement.upsert"
    assert message["data"]["id"] == page.pk
    assert message["data"]["item"]["title"] == "Opublikowane"
    headers = receiver.received[0][0]
    made = WebhookDelivery.objects.get()
    assert headers["webhook-id"] == made.message_id
    assert (made.status, made.response_status, made.attempts) == ("succeeded", 204, 1)
    assert made.duration_ms is not None


def test_errors_and_timeouts_are_retried_with_the_same_id(receiver, index):
    subscription = subscribe(receiver)
    receiver.answers = [500, "slow"]
    publish(index, "Ponawiane")

    worker()
    made = WebhookDelivery.objects.get()
    assert (made.status, made.response_status) == ("retrying", 500)
    assert made.next_attempt_at == made.last_attempt_at + webhooks.RETRY_DELAYS[0]
    worker(due=True)
    made.refresh_from_db()
    assert (made.status, made.response_status, made.attempts) == ("retrying", None, 2)
    assert "timed out" in made.error
    worker(due=True)

    made.refresh_from_db()
    assert (made.status, made.attempts) == ("succeeded", 3)
    ids = {headers["webhook-id"] for headers, _body in receiver.received}
    assert ids == {made.message_id}
    assert len(receiver.messages(subscription.secret)) == 3


def test_retries_go_on_for_more_than_a_day():
    assert sum(webhooks.RETRY_DELAYS, timedelta()) > timedelta(days=1)


def test_a_subscription_that_keeps_failing_is_disabled_and_the_admins_told(
    receiver, index, django_user_model
):
    django_user_model.objects.create_superuser("szefowa", "szefowa@example.org", "x")
    subscription = subscribe(receiver)
    receiver.answers = [503] * 10
    publish(index, "Nieodbierane")
    worker()
    WebhookDelivery.objects.update(attempts=len(webhooks.RETRY_DELAYS))

    worker(due=True)

    subscription.refresh_from_db()
    assert WebhookDelivery.objects.get().status == "failed"
    assert not subscription.active
    assert "503" in subscription.disabled_reason
    (email,) = mail.outbox
    assert email.to == ["szefowa@example.org"]
    assert "Magiczny Kraków" in email.subject
    # Nothing more is sent to a disabled subscription.
    publish(index, "Po wyłączeniu")
    worker()
    assert len(receiver.received) == 2


def test_a_message_can_be_sent_again_with_its_id(receiver, index):
    subscription = subscribe(receiver)
    publish(index, "Jeszcze raz")
    worker()
    made = WebhookDelivery.objects.get()

    send_webhook_again(made)
    worker()

    first, again = receiver.messages(subscription.secret)
    assert first == again
    assert receiver.received[1][0]["webhook-id"] == made.message_id


def test_a_later_change_replaces_an_undelivered_one_of_the_same_item(receiver, index):
    subscription = subscribe(receiver)
    page = publish(index, "Pierwsza wersja")
    sync_now()  # the worker syncs, and is stopped before it delivers
    with transaction.atomic():
        page.title = "Druga wersja"
        page.save_revision().publish()
    sync_now()

    worker()

    statuses = list(WebhookDelivery.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == ["superseded", "succeeded"]
    (message,) = receiver.messages(subscription.secret)
    assert message["data"]["item"]["title"] == "Druga wersja"


def test_a_rotated_secret_signs_beside_the_new_one_for_a_day(receiver, index):
    subscription = subscribe(receiver)
    old = subscription.secret
    new = webhooks.rotate_secret(subscription)
    publish(index, "Po zmianie klucza")
    worker()

    (headers, body) = receiver.received[0]
    assert Webhook(old).verify(body, headers) == Webhook(new).verify(body, headers)
    assert len(headers["webhook-signature"].split(" ")) == 2
    later = timezone.now() + webhooks.ROTATION_GRACE + timedelta(minutes=1)
    signed = webhooks.signatures(subscription, "msg_x", int(later.timestamp()), body, later)
    assert signed == webhooks.signature(new, "msg_x", int(later.timestamp()), body)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hooks",
        "http://localhost/hooks",
        "http://10.1.2.3/hooks",
        "http://192.168.0.10/hooks",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hooks",
        "http://100.64.0.1/hooks",
        "ftp://portal.example.org/hooks",
        "file:///etc/passwd",
    ],
)
def test_addresses_inside_private_networks_are_refused_unless_allowed(settings, url):
    settings.MEETINGS_WEBHOOK_ALLOWED_NETWORKS = []

    assert webhooks.refused_address(url)


def test_an_allowed_network_and_public_addresses_are_accepted(settings):
    settings.MEETINGS_WEBHOOK_ALLOWED_NETWORKS = ["10.20.0.0/16"]

    assert webhooks.refused_address("http://10.20.3.4/hooks") is None
    assert webhooks.refused_address("https://93.184.215.14/hooks") is None
    assert webhooks.refused_address("http://10.21.0.1/hooks")


def test_a_refused_address_is_not_contacted(receiver, index, settings):
    settings.MEETINGS_WEBHOOK_ALLOWED_NETWORKS = []
    subscribe(receiver)
    publish(index, "Do sieci wewnętrznej")

    worker()

    made = WebhookDelivery.objects.get()
    assert receiver.received == []
    assert (made.status, made.response_status) == ("retrying", None)
    assert "127.0.0.1" in made.error and "MEETINGS_WEBHOOK_ALLOWED_NETWORKS" in made.error
    assert json.loads(made.payload)["type"] == "announcement.upsert"


def test_the_example_receiver_keeps_a_copy_equal_to_the_lists(receiver, index, admin_user):
    import importlib.util
    from pathlib import Path

    from django.test import Client
    from wagtail.models import PageViewRestriction

    from tests.test_changes import LANGUAGES, lists, replay

    path = Path(__file__).resolve().parent.parent / "scripts" / "webhook_receiver.py"
    spec = importlib.util.spec_from_file_location("webhook_receiver", path)
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    subscription = WebhookSubscription.objects.create(name="Kopia", url="http://127.0.0.1/")
    copy = example.LocalCopy(None)
    serving = example.server(subscription.secret, copy)
    threading.Thread(target=serving.serve_forever, daemon=True).start()
    subscription.url = f"http://127.0.0.1:{serving.server_port}/"
    subscription.save()
    try:
        # Subscribed first, then the initial sync from the change feed; webhooks from then on.
        sync_now()
        worker()
        copy.items = {f"{kind} {pk}": item for (kind, pk), item in replay(Client())[0].items()}
        first = publish(index, "Pierwsze")
        second = publish(index, "Drugie")
        worker()
        with transaction.atomic():
            first.title = "Pierwsze, poprawione"
            first.save_revision().publish()
        with transaction.atomic():
            second.unpublish(user=admin_user)
        worker()
        with transaction.atomic():
            restriction = PageViewRestriction.objects.create(
                page=index, restriction_type=PageViewRestriction.LOGIN
            )
        worker()
        assert not any(key.startswith("announcement") for key in copy.items)
        with transaction.atomic():
            restriction.delete()
        with transaction.atomic():
            Page.objects.get(pk=second.pk).delete()
        worker()
    finally:
        serving.shutdown()

    client = Client()
    for language in LANGUAGES:
        expected = {f"{kind} {pk}": item for (kind, pk), item in lists(client, language).items()}
        mine = {key: item for key, item in copy.items.items() if item["locale"] == language}
        assert mine == expected, language
    assert copy.items[f"announcement {first.pk}"]["title"] == "Pierwsze, poprawione"
    assert f"announcement {second.pk}" not in copy.items
    assert WebhookDelivery.objects.exclude(status__in=["succeeded", "superseded"]).count() == 0


def test_a_delivery_waits_while_an_earlier_one_of_its_item_is_being_sent(receiver, index):
    subscription = subscribe(receiver)
    now = timezone.now()

    def made(status, **fields):
        return WebhookDelivery.objects.create(
            subscription=subscription,
            message_id=f"msg_{status}",
            event="meeting.upsert",
            item_type="meeting",
            item_id=5,
            locale="pl",
            payload="{}",
            status=status,
            **fields,
        )

    earlier = made("sending", last_attempt_at=now, attempts=1)
    later = made("pending")

    outcome = webhooks.attempt(later.pk, now=now)

    assert outcome.retry_at == now + webhooks.ORDER_WAIT
    assert receiver.received == []
    # Once the earlier one is done (or stuck for longer than a timeout), the later one goes.
    WebhookDelivery.objects.filter(pk=earlier.pk).update(status="succeeded")
    assert webhooks.attempt(later.pk, now=now).status == "succeeded"
    assert len(receiver.received) == 1


def test_a_delivery_a_stopped_worker_left_half_sent_is_sent_at_the_next_sync(receiver, index):
    subscription = subscribe(receiver)
    page = publish(index, "Przerwane")
    worker()
    made = WebhookDelivery.objects.get()
    # As if the worker had died between taking the delivery and hearing the answer.
    WebhookDelivery.objects.filter(pk=made.pk).update(
        status="sending", last_attempt_at=timezone.now() - timedelta(minutes=5)
    )

    sync_now()
    worker()

    made.refresh_from_db()
    assert made.status == "succeeded"
    assert [m["data"]["id"] for m in receiver.messages(subscription.secret)] == [page.pk] * 2
