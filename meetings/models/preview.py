import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone


class HeadlessPreview(models.Model):
    """A snapshot of an announcement being previewed in the admin, for the portal to render.

    The portal receives a signed, short-lived token naming this row; nothing else reaches a
    draft's content.
    """

    page_class = models.CharField(max_length=100)
    content = models.JSONField(encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "headless preview"

    def __str__(self):
        return f"{self.page_class} preview {self.pk}"

    @classmethod
    def snapshot(cls, page) -> "HeadlessPreview":
        data = json.loads(json.dumps(page.serializable_data(), cls=DjangoJSONEncoder))
        return cls.objects.create(page_class=type(page).__name__, content=data)

    def as_page(self):
        from .pages import MeetingAnnouncementPage

        return MeetingAnnouncementPage.from_serializable_data(self.content, check_fks=False)
