"""Translators ("Tłumacze") may edit the trees of the target languages, and nothing else."""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.utils.translation import get_supported_language_variant
from wagtail.models import GroupPagePermission, Page

TRANSLATORS = "Tłumacze"
TRANSLATOR_PAGE_PERMISSIONS = ["change_page"]


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
