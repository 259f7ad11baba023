from django import template

from meetings.translation import translation_statuses

register = template.Library()


@register.inclusion_tag("meetings/admin/translation_status.html")
def translation_status(page, page_id=None):
    """How ``page``'s translations stand, each a link to what moves it on."""
    return {"statuses": translation_statuses(page), "page_id": page_id or page.pk}
