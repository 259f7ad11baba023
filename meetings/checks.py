"""System checks: what an integrator must set for the plugin's rules to hold."""

from django.conf import settings
from django.core.checks import Error, register


@register("security")
def translations_go_through_moderation(app_configs, **kwargs):
    if getattr(settings, "WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE", True):
        return [
            Error(
                "wagtail-localize publishes the translation of a live page at once, without "
                "moderation.",
                hint="Set WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False.",
                id="meetings.E001",
            )
        ]
    return []
