"""Webhook subscriptions and their deliveries (``meetings.webhooks``)."""

import base64
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

SECRET_PREFIX = "whsec_"  # noqa: S105 (the specification's prefix, not a secret)


def new_secret() -> str:
    """A Standard Webhooks secret: ``whsec_`` and 32 random bytes in base64."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


class WebhookSubscription(models.Model):
    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("address"), max_length=500)
    # Empty: every type, every language.
    types = models.JSONField(_("types of items"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    active = models.BooleanField(_("active"), default=True)
    secret = models.CharField(max_length=100, default=new_secret, editable=False)
    # A rotated secret still signs (beside the new one) until then, so that no delivery made
    # while the receiver switches fails.
    previous_secret = models.CharField(max_length=100, blank=True, editable=False)
    previous_secret_until = models.DateTimeField(null=True, blank=True, editable=False)
    disabled_reason = models.TextField(_("why it was disabled"), blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")

    def __str__(self):
        return self.name


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENDING = "sending", _("sending")
        RETRYING = "retrying", _("waiting to retry")
        SUCCEEDED = "succeeded", _("delivered")
        FAILED = "failed", _("failed")
        SUPERSEDED = "superseded", _("replaced by a later change")

    subscription = models.ForeignKey(
        WebhookSubscription,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("subscription"),
    )
    # The same on every attempt, so that a receiver handles a message once.
    message_id = models.CharField(_("message id"), max_length=40, unique=True)
    event = models.CharField(_("event"), max_length=40)
    item_type = models.CharField(max_length=16)
    item_id = models.BigIntegerField()
    locale = models.CharField(_("language"), max_length=16)
    payload = models.TextField(_("message"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(_("answer (HTTP)"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("time (ms)"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [
            models.Index(
                fields=["subscription", "item_type", "item_id", "status"],
                name="webhook_delivery_item",
            )
        ]

    def __str__(self):
        return f"{self.event} {self.item_id} → {self.subscription}"
