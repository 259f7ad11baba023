from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark's data generator (``seed_bench``), installed by the example site only."""

    name = "bench"
    default_auto_field = "django.db.models.BigAutoField"
