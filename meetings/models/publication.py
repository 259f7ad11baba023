from django.db import models
from django.utils import timezone


class PublicationState(models.Model):
    """One row: a counter that grows whenever anything public may have changed.

    HTTP validators (ETag, Last-Modified) of the API come from it, so that publishing,
    unpublishing or deleting content changes them at once, in every app process.
    """

    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "publication state"

    def __str__(self):
        return f"v{self.version} ({self.changed_at:%Y-%m-%d %H:%M:%S})"

    @classmethod
    def current(cls) -> "PublicationState":
        state, _created = cls.objects.get_or_create(pk=1)
        return state

    @classmethod
    def bump(cls) -> None:
        now = timezone.now()
        if not cls.objects.filter(pk=1).update(version=models.F("version") + 1, changed_at=now):
            cls.objects.get_or_create(pk=1, defaults={"version": 1, "changed_at": now})
