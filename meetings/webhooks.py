"""Webhooks: each change of the feed pushed to the subscriptions that want it.

A sync that records changes (``meetings.api.changes``) makes, in the same transaction, one
delivery per change and subscription; after the commit each is sent by a task. Messages follow
the Standard Webhooks specification: a JSON body ``{"type", "timestamp", "data"}`` (``data``
being the change as the feed gives it) with the headers ``webhook-id`` (the same on every
attempt, so that a receiver handles a message once), ``webhook-timestamp`` and
``webhook-signature`` (HMAC-SHA256 of ``id.timestamp.body`` with the subscription's secret).

A delivery that fails (no answer within the timeout, or not a 2xx) is tried again after
``RETRY_DELAYS``, more than a day in all; one that fails every time disables its subscription
and the administrators are told by e-mail. A later change of the same item replaces a delivery
not yet made, and waits for one being made, so that a receiver never gets an item's changes out
of order. Addresses in private networks are refused unless the site allows them
(``MEETINGS_WEBHOOK_ALLOWED_NETWORKS``): a webhook must not reach into the server's network.
"""

import base64
import hashlib
import hmac
import ipaddress
import socket
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import orjson
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from meetings.api.changes import entry
from meetings.conf import plugin_settings
from meetings.models import PublicItem, WebhookDelivery, WebhookSubscription
from meetings.models.webhooks import SECRET_PREFIX, new_secret

RETRY_DELAYS = [
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
    timedelta(hours=10),
]
# A rotated secret signs beside the new one for this long.
ROTATION_GRACE = timedelta(hours=24)
# How long a delivery waits for an earlier one of the same item that is being sent.
ORDER_WAIT = timedelta(seconds=10)
UNDELIVERED = [WebhookDelivery.Status.PENDING, WebhookDelivery.Status.RETRYING]


def refused_address(url: str) -> str | None:
    """Why ``url`` may not receive webhooks, or None: only http(s), and only to addresses on
    the public internet or in ``MEETINGS_WEBHOOK_ALLOWED_NETWORKS``, whatever the name resolves
    to."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return gettext("Only http:// and https:// addresses can receive webhooks.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        found = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, ValueError):
        return gettext("The address's host name does not resolve.")
    allowed = [ipaddress.ip_network(n) for n in plugin_settings.WEBHOOK_ALLOWED_NETWORKS]
    for *_rest, sockaddr in found:
        address = ipaddress.ip_address(sockaddr[0].split("%")[0])
        public = address.is_global and not address.is_multicast
        if not public and not any(address in network for network in allowed):
            return gettext(
                "The address points into a private network (%(address)s); the site's settings "
                "must allow it (MEETINGS_WEBHOOK_ALLOWED_NETWORKS)."
            ) % {"address": address}
    return None


def queue(rows: list[PublicItem], *, now: datetime | None = None) -> list[int]:
    """Deliveries of the changes just recorded to each active subscription that wants them;
    undelivered ones of the same items are replaced. Returns the new deliveries' ids, for
    ``meetings.tasks`` to send after the commit."""
    now = now or timezone.now()
    created = []
    for subscription in WebhookSubscription.objects.filter(active=True):
        wanted = [
            row
            for row in rows
            if (not subscription.types or row.type in subscription.types)
            and (not subscription.languages or row.locale in subscription.languages)
        ]
        for kind in {row.type for row in wanted}:
            WebhookDelivery.objects.filter(
                subscription=subscription,
                item_type=kind,
                item_id__in=[row.object_id for row in wanted if row.type == kind],
                status__in=UNDELIVERED,
            ).update(status=WebhookDelivery.Status.SUPERSEDED)
        created += WebhookDelivery.objects.bulk_create(
            [delivery(subscription, row, now) for row in wanted], batch_size=500
        )
    return [made.pk for made in created]


def stale_sending(now: datetime):
    """Deliveries left "sending" by a worker that stopped mid-way, longer ago than any answer
    could take."""
    return WebhookDelivery.objects.filter(
        status=WebhookDelivery.Status.SENDING,
        last_attempt_at__lte=now - timedelta(seconds=plugin_settings.WEBHOOK_TIMEOUT + 60),
    )


def recover(*, now: datetime | None = None) -> list[int]:
    """Put deliveries a stopped worker left "sending" back in line; return their ids."""
    now = now or timezone.now()
    ids = list(stale_sending(now).values_list("pk", flat=True))
    WebhookDelivery.objects.filter(pk__in=ids).update(
        status=WebhookDelivery.Status.RETRYING,
        error="The worker stopped while sending; sent again.",
    )
    return ids


def delivery(subscription: WebhookSubscription, row: PublicItem, now: datetime):
    change = entry(row)
    body = {
        "type": f"{row.type}.{change['operation']}",
        "timestamp": now.isoformat(),
        "data": change,
    }
    return WebhookDelivery(
        subscription=subscription,
        message_id=f"msg_{uuid.uuid4().hex}",
        event=body["type"],
        item_type=row.type,
        item_id=row.object_id,
        locale=row.locale,
        payload=orjson.dumps(body).decode(),
    )


def signature(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{message_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def signatures(subscription, message_id: str, timestamp: int, body: bytes, now) -> str:
    secrets = [subscription.secret]
    if subscription.previous_secret and (subscription.previous_secret_until or now) > now:
        secrets.append(subscription.previous_secret)
    return " ".join(signature(secret, message_id, timestamp, body) for secret in secrets)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect could lead anywhere, the server's own network included: it is an answer
    like any other that is not a 2xx."""

    def redirect_request(self, *args, **kwargs):
        return None


@dataclass(frozen=True)
class Outcome:
    status: str | None
    # When to try again (a failure, or an earlier delivery of the item still being sent).
    retry_at: datetime | None = None


def attempt(pk: int, *, now: datetime | None = None) -> Outcome:
    """Send delivery ``pk`` once, if it is still to be sent."""
    now = now or timezone.now()
    with transaction.atomic():
        made = (
            WebhookDelivery.objects.select_for_update()
            .select_related("subscription")
            .filter(pk=pk, status__in=UNDELIVERED)
            .first()
        )
        if made is None:
            return Outcome(None)
        subscription = made.subscription
        if not subscription.active:
            made.status, made.error = WebhookDelivery.Status.FAILED, "subscription disabled"
            made.save(update_fields=["status", "error"])
            return Outcome(made.status)
        earlier = WebhookDelivery.objects.filter(
            subscription=subscription,
            item_type=made.item_type,
            item_id=made.item_id,
            status=WebhookDelivery.Status.SENDING,
            pk__lt=made.pk,
        ).exclude(pk__in=stale_sending(now))  # one stuck there holds nothing back
        if earlier.exists():
            made.next_attempt_at = now + ORDER_WAIT
            made.save(update_fields=["next_attempt_at"])
            return Outcome(made.status, made.next_attempt_at)
        made.status = WebhookDelivery.Status.SENDING
        made.attempts += 1
        made.last_attempt_at = now
        made.save(update_fields=["status", "attempts", "last_attempt_at"])

    status, error, duration = send(made, subscription, now)

    with transaction.atomic():
        made = WebhookDelivery.objects.select_for_update().get(pk=pk)
        made.response_status, made.error, made.duration_ms = status, error, duration
        if status is not None and 200 <= status < 300:
            made.status, made.next_attempt_at = WebhookDelivery.Status.SUCCEEDED, None
        elif made.attempts <= len(RETRY_DELAYS):
            made.status = WebhookDelivery.Status.RETRYING
            made.next_attempt_at = now + RETRY_DELAYS[made.attempts - 1]
        else:
            made.status, made.next_attempt_at = WebhookDelivery.Status.FAILED, None
            disable(subscription, made)
        made.save()
    return Outcome(made.status, made.next_attempt_at)


def send(made: WebhookDelivery, subscription, now) -> tuple[int | None, str, int]:
    """POST the message: (response status or None, error, milliseconds)."""
    refused = refused_address(subscription.url)
    if refused:
        return None, refused, 0
    body = made.payload.encode()
    timestamp = int(now.timestamp())
    # refused_address has allowed http(s) only.
    request = urllib.request.Request(  # noqa: S310
        subscription.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Spotkania-Webhooks/1",
            "webhook-id": made.message_id,
            "webhook-timestamp": str(timestamp),
            "webhook-signature": signatures(subscription, made.message_id, timestamp, body, now),
        },
    )
    opener = urllib.request.build_opener(_NoRedirects)
    started = time.monotonic()
    status, error = None, ""
    try:
        with opener.open(request, timeout=plugin_settings.WEBHOOK_TIMEOUT) as response:
            status = response.status
    except urllib.error.HTTPError as answer:
        status, error = answer.code, answer.reason or ""
    except (urllib.error.URLError, TimeoutError, OSError) as failure:
        error = str(getattr(failure, "reason", failure))
    return status, str(error)[:500], int((time.monotonic() - started) * 1000)


def disable(subscription: WebhookSubscription, made: WebhookDelivery) -> None:
    """A subscription whose delivery failed every time for more than a day stops, and the
    administrators hear of it (in the site's language)."""
    with translation.override(settings.LANGUAGE_CODE):
        reason = gettext(
            "A message (%(id)s) was not delivered after %(attempts)d attempts over more than a "
            "day; the last error: %(error)s."
        ) % {
            "id": made.message_id,
            "attempts": made.attempts,
            "error": (
                f"HTTP {made.response_status} {made.error}".strip()
                if made.response_status
                else made.error
            ),
        }
        subject = gettext("Webhook subscription disabled: %(name)s") % {"name": subscription.name}
        message = gettext(
            "The webhook subscription “%(name)s” (%(url)s) has been disabled. %(reason)s Turn "
            "it on again in the admin once the receiver works."
        ) % {"name": subscription.name, "url": subscription.url, "reason": reason}
    WebhookSubscription.objects.filter(pk=subscription.pk).update(
        active=False, disabled_reason=reason
    )
    recipients = list(
        get_user_model()
        .objects.filter(is_superuser=True, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if recipients:
        transaction.on_commit(
            lambda: send_mail(subject, message, None, recipients, fail_silently=True)
        )


def reset_for_sending_again(made: WebhookDelivery) -> None:
    """A message to deliver once more, with its id and a full set of retries."""
    made.status, made.attempts, made.next_attempt_at = WebhookDelivery.Status.PENDING, 0, None
    made.save(update_fields=["status", "attempts", "next_attempt_at"])


def rotate_secret(subscription: WebhookSubscription, *, now: datetime | None = None) -> str:
    """A new secret, shown once; the old one keeps signing beside it for ``ROTATION_GRACE``."""
    now = now or timezone.now()
    subscription.previous_secret = subscription.secret
    subscription.previous_secret_until = now + ROTATION_GRACE
    subscription.secret = new_secret()
    subscription.save(update_fields=["previous_secret", "previous_secret_until", "secret"])
    return subscription.secret
