"""The admin's webhooks (settings menu, for administrators): subscriptions, whose secret is
shown once, when it is made or rotated; and the delivery log, with "send again"."""

from datetime import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.coreutils import get_content_languages
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from meetings import formatting, webhooks
from meetings.models import ItemType, WebhookDelivery, WebhookSubscription
from meetings.tasks import send_webhook_again


def _languages():
    return list(get_content_languages().items())


class WebhookSubscriptionForm(WagtailAdminModelForm):
    url = forms.URLField(
        label=_("address"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Where messages are POSTed, e.g. https://portal.example.org/webhooks."),
    )
    types = forms.MultipleChoiceField(
        label=_("types of items"),
        choices=ItemType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every type."),
    )
    languages = forms.MultipleChoiceField(
        label=_("languages"),
        choices=_languages,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every language."),
    )

    class Meta:
        model = WebhookSubscription
        fields = ["name", "url", "types", "languages", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.label = capfirst(field.label)

    def clean_url(self):
        url = self.cleaned_data["url"]
        refused = webhooks.refused_address(url)
        if refused:
            raise forms.ValidationError(refused)
        return url


def _show_secret(request, subscription, secret: str) -> None:
    messages.warning(
        request,
        gettext(
            "The secret of “%(name)s”: %(secret)s — copy it to the receiver now; it is not shown "
            "again."
        )
        % {"name": subscription.name, "secret": secret},
    )


class SubscriptionCreateView(generic.CreateView):
    def save_instance(self):
        subscription = super().save_instance()
        _show_secret(self.request, subscription, subscription.secret)
        return subscription


class SubscriptionEditView(generic.EditView):
    @property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.permission_policy.user_has_permission(self.request.user, "change"):
            buttons.append(
                HeaderButton(
                    gettext("Rotate the secret"),
                    reverse("webhooks:rotate", args=[self.object.pk]),
                    icon_name="key",
                )
            )
        return buttons


class WebhookSubscriptionViewSet(ModelViewSet):
    model = WebhookSubscription
    icon = "link-external"
    name = "webhooks"
    add_to_settings_menu = True
    menu_label = _("Webhooks")
    copy_view_enabled = False
    add_view_class = SubscriptionCreateView
    edit_view_class = SubscriptionEditView

    @property
    def list_display(self):
        return [
            "name",
            "url",
            BooleanColumn("active", label=capfirst(gettext("active"))),
            "disabled_reason",
        ]

    def get_form_class(self, for_update=False):
        return WebhookSubscriptionForm

    def rotate_view(self, request, pk):
        subscription = get_object_or_404(WebhookSubscription, pk=pk)
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        if request.method == "POST":
            _show_secret(request, subscription, webhooks.rotate_secret(subscription))
            return redirect("webhooks:edit", pk)
        return confirm(
            request,
            title=gettext("Rotate the secret"),
            text=gettext(
                "“%(name)s” gets a new secret, shown once. For %(hours)d hours each message is "
                "signed with the old and the new secret, so that the receiver can switch without "
                "losing a message."
            )
            % {
                "name": subscription.name,
                "hours": webhooks.ROTATION_GRACE.total_seconds() // 3600,
            },
            button=gettext("Rotate the secret"),
            back=reverse("webhooks:edit", args=[pk]),
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("rotate/<int:pk>/", self.rotate_view, name="rotate"),
        ]


def confirm(request, *, title: str, text: str, button: str, back: str):
    return TemplateResponse(
        request,
        "meetings/admin/webhook_confirm.html",
        {"title": title, "text": text, "button": button, "back": back},
    )


class DeliveryInspectView(generic.InspectView):
    def get_field_display_value(self, field_name, field):
        value = getattr(self.object, field_name, None)
        if value is None or value == "":
            return "—"
        if isinstance(value, datetime):
            return (
                formatting.format_date(value, weekday=False) + ", " + formatting.format_time(value)
            )
        return super().get_field_display_value(field_name, field)

    @property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        buttons.append(
            HeaderButton(
                gettext("Send again"),
                reverse("webhook_deliveries:send_again", args=[self.object.pk]),
                icon_name="resubmit",
            )
        )
        return buttons


class ReadOnlyPolicy(ModelPermissionPolicy):
    """The delivery log is read (and sent again) by those who may see it: nobody adds, edits
    or deletes a delivery by hand, superusers included."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(WebhookDelivery, ReadOnlyPolicy(WebhookDelivery))


class WebhookDeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    icon = "list-ul"
    name = "webhook_deliveries"
    add_to_settings_menu = True
    menu_label = _("Webhook deliveries")
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []
    list_filter = ["status", "subscription", "event"]
    inspect_view_fields = [
        "subscription",
        "message_id",
        "event",
        "locale",
        "status",
        "attempts",
        "last_attempt_at",
        "next_attempt_at",
        "response_status",
        "duration_ms",
        "error",
        "payload",
    ]

    list_display = [
        "created_at",
        "subscription",
        "event",
        "status",
        "attempts",
        "response_status",
        "duration_ms",
    ]
    inspect_view_class = DeliveryInspectView

    def send_again_view(self, request, pk):
        made = get_object_or_404(WebhookDelivery, pk=pk)
        if not self.permission_policy.user_has_permission(request.user, "view"):
            raise PermissionDenied
        if request.method == "POST":
            send_webhook_again(made)
            messages.success(request, gettext("The message will be sent again, with its id."))
            return redirect("webhook_deliveries:inspect", pk)
        return confirm(
            request,
            title=gettext("Send the message again"),
            text=gettext(
                "%(event)s to “%(name)s” will be sent again with its id (%(id)s), so that the "
                "receiver handles it once, and retried if it fails."
            )
            % {"event": made.event, "name": made.subscription, "id": made.message_id},
            button=gettext("Send again"),
            back=reverse("webhook_deliveries:inspect", args=[pk]),
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("send-again/<int:pk>/", self.send_again_view, name="send_again"),
        ]
