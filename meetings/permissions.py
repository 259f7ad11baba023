"""Who may do what to pages beyond Wagtail's own rules.

Translators ("Tłumacze") may edit the trees of the target languages, and nothing else. Nobody
without publish permission deletes a page someone else wrote.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import get_supported_language_variant
from wagtail.models import GroupPagePermission, Page, PagePermissionTester

from meetings.roles import TRANSLATOR_PAGE_PERMISSIONS, TRANSLATORS


def is_translation_root(page: Page) -> bool:
    """A site's home page in a target language: every translated page lies below it."""
    source = get_supported_language_variant(settings.LANGUAGE_CODE)
    return page.depth == 2 and page.locale.language_code != source


def grant_translators(page: Page) -> None:
    group = Group.objects.filter(name=TRANSLATORS).first()
    if group is None or not is_translation_root(page):
        return
    for codename in TRANSLATOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )


class ModeratedPagePermissionTester(PagePermissionTester):
    """Wagtail lets anyone who may edit a page delete it (and so move it) while it is not live,
    which would let an editor delete another editor's draft and a translator delete pages.
    Without publish permission, one may delete only pages of one's own that are not live:
    Wagtail's rule for those who may only add pages."""

    def can_delete(self, ignore_bulk=False):
        if not super().can_delete(ignore_bulk=ignore_bulk):
            return False
        if self.user.is_superuser or "publish" in self.permissions:
            return True
        if "add" not in self.permissions:
            return False
        others = self.page.get_descendants(inclusive=True).exclude(live=False, owner=self.user)
        return not others.exists()

    def can_copy(self):
        """Wagtail offers a copy to whoever may edit the page and then refuses every
        destination to whoever may add no page anywhere: a translator's "Copy" led only to
        a refusal."""
        if not super().can_copy():
            return False
        return self.user.is_superuser or any(
            perm.permission.codename == "add_page"
            for perm in self.permission_policy.get_cached_permissions_for_user(self.user)
        )


# What a publication writes to a page's row.
PUBLICATION_STATE = (
    "live",
    "first_published_at",
    "last_published_at",
    "live_revision_id",
    "has_unpublished_changes",
    "expired",
)


class ModeratedPageMixin:
    """For page models: deleting follows ``ModeratedPagePermissionTester``, and a copy of a
    page read before its publication cannot undo it."""

    def permissions_for_user(self, user):
        return ModeratedPagePermissionTester(user, self)

    def unpublish(self, *args, **kwargs):
        self._unpublishing = True
        try:
            return super().unpublish(*args, **kwargs)
        finally:
            del self._unpublishing

    def save(self, *args, **kwargs):
        """Wagtail's editor writes the whole row of a page that is not live, and its autosave
        may have read the page just before a moderator's "Approve and publish": that row,
        written after the publication, made the page a draft again (live, its first
        publication and its live revision gone). A copy that is not live, read before the
        last publication (its date is not the row's) and not being unpublished, leaves the
        row as the publication wrote it; its content goes to the revision Wagtail saves
        next, as the draft of a live page."""
        if (
            self.pk is None
            or self.live
            or kwargs.get("update_fields") is not None
            or getattr(self, "_unpublishing", False)
        ):
            return super().save(*args, **kwargs)
        with transaction.atomic():
            row = Page.objects.select_for_update().filter(pk=self.pk).values(*PUBLICATION_STATE)
            row = row.first()
            if row and row["live"] and row["last_published_at"] != self.last_published_at:
                for name, value in row.items():
                    setattr(self, name, value)
                return None
            return super().save(*args, **kwargs)
