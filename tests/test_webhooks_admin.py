"""The webhooks in the admin, as an administrator uses them: the secret shown once, a private
address refused in Polish, the secret rotated, the delivery log read and a message sent again."""

import re

import pytest
from django.contrib.messages import get_messages

from meetings.models import WebhookDelivery, WebhookSubscription

PUBLIC = "https://93.184.215.14/hooks"  # a public address, needing no name lookup


def shown(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


@pytest.mark.django_db
def test_a_new_subscription_shows_its_secret_once(admin_client):
    response = admin_client.post(
        "/admin/webhooks/new/",
        {"name": "Magiczny Kraków", "url": PUBLIC, "types": ["meeting"], "languages": ["uk"]},
        follow=True,
    )

    subscription = WebhookSubscription.objects.get()
    assert (subscription.types, subscription.languages) == (["meeting"], ["uk"])
    assert subscription.secret.startswith("whsec_")
    assert subscription.secret in response.content.decode()
    edit = admin_client.get(f"/admin/webhooks/edit/{subscription.pk}/").content.decode()
    assert subscription.secret not in edit
    assert f"/admin/webhooks/rotate/{subscription.pk}/" in edit


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["http://10.0.0.5/hooks", "http://127.0.0.1:8000/", "http://169.254.169.254/"]
)
def test_an_address_in_a_private_network_is_refused_in_polish(admin_client, url):
    response = admin_client.post("/admin/webhooks/new/", {"name": "Wewnętrzny", "url": url})

    assert response.status_code == 200
    assert "Adres prowadzi do sieci prywatnej" in response.content.decode()
    assert not WebhookSubscription.objects.exists()


@pytest.mark.django_db
def test_rotating_the_secret_shows_the_new_one_and_keeps_the_old_for_a_day(admin_client):
    subscription = WebhookSubscription.objects.create(name="Portal", url=PUBLIC)
    old = subscription.secret

    page = admin_client.get(f"/admin/webhooks/rotate/{subscription.pk}/")
    response = admin_client.post(f"/admin/webhooks/rotate/{subscription.pk}/", follow=True)

    subscription.refresh_from_db()
    assert page.status_code == 200 and "24" in page.content.decode()
    assert subscription.secret != old and subscription.previous_secret == old
    assert subscription.secret in shown(response)


@pytest.mark.django_db
def test_the_delivery_log_is_read_and_a_message_sent_again_with_its_id(
    admin_client, settings, django_capture_on_commit_callbacks
):
    settings.MEETINGS_WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    subscription = WebhookSubscription.objects.create(name="Portal", url="http://127.0.0.1:9/")
    made = WebhookDelivery.objects.create(
        subscription=subscription,
        message_id="msg_log",
        event="meeting.delete",
        item_type="meeting",
        item_id=7,
        locale="pl",
        payload='{"type": "meeting.delete"}',
        status=WebhookDelivery.Status.FAILED,
        attempts=8,
    )

    listing = admin_client.get("/admin/webhook_deliveries/").content.decode()
    inspect = admin_client.get(f"/admin/webhook_deliveries/inspect/{made.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/admin/webhook_deliveries/send-again/{made.pk}/")

    assert "meeting.delete" in listing and "nieudana" in listing
    assert f"/admin/webhook_deliveries/send-again/{made.pk}/" in inspect
    assert not re.search(r">\s*None\s*<", inspect)  # an empty field shows a dash
    made.refresh_from_db()
    # Sent at once (the test settings' tasks run as they are queued): nobody listens on port 9.
    assert (made.message_id, made.attempts, made.status) == ("msg_log", 1, "retrying")
    assert admin_client.get("/admin/webhook_deliveries/new/").status_code in (302, 403)
