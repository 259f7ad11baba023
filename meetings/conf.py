"""Every setting the plugin reads, with its default. A host sets ``MEETINGS_<NAME>`` in its
settings (docs/plugin.md); values are read at each use, so ``override_settings`` works."""

from django.conf import settings

DEFAULTS = {
    # Where the host mounts the plugin's API (``meetings.api.views.api.urls``).
    "API_PREFIX": "/api/v1/",
    # Seconds browsers and CDNs may reuse an API response.
    "API_CACHE_MAX_AGE": 60,
    # Seconds the shared cache keeps an anonymous response (0: off); and the largest one kept.
    "RESPONSE_CACHE_SECONDS": 300,
    "RESPONSE_CACHE_MAX_BYTES": 4 * 1024 * 1024,
    # Keep each meeting's JSON or calendar event per publication version on a shared cache.
    "RENDER_CACHE": True,
    # Lifetime of headless preview tokens, and the portal's preview page ("…?token={token}").
    "HEADLESS_PREVIEW_MAX_AGE": 600,
    "HEADLESS_PREVIEW_PORTAL_URL": "",
    # Meetings one announcement may hold: the editor and the import refuse more.
    "MAX_MEETINGS_PER_ANNOUNCEMENT": 100,
    # The city's house styles for dates and times, per language, as CLDR patterns: a date with
    # and without its weekday, a time, and what goes before a time range. A language without
    # one writes dates in its CLDR long and full formats (meetings.formatting).
    "DATE_STYLES": {
        "pl": {
            "date": "d MMMM y 'r.'",
            "date_weekday": "d MMMM y 'r.' (EEEE)",
            "time": "HH:mm",
            "time_prefix": "godz. ",
        },
        "en": {"date": "d MMMM y", "date_weekday": "EEEE d MMMM y", "time": "HH:mm"},
        "uk": {
            "date": "d MMMM y 'р.'",
            "date_weekday": "d MMMM y 'р.' (EEEE)",
            "time": "HH:mm",
        },
    },
    # Webhooks: networks a subscription's address may point into although they are not public
    # (e.g. ["10.20.0.0/16"] for the portal inside the city's network), and the seconds a
    # receiver has to answer.
    "WEBHOOK_ALLOWED_NETWORKS": [],
    "WEBHOOK_TIMEOUT": 10,
}


class PluginSettings:
    def __getattr__(self, name: str):
        if name not in DEFAULTS:
            raise AttributeError(f"The plugin has no setting {name}.")
        return getattr(settings, f"MEETINGS_{name}", DEFAULTS[name])


plugin_settings = PluginSettings()
