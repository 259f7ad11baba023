import json

from django import template

from meetings.translation import translation_statuses

register = template.Library()


@register.inclusion_tag("meetings/admin/translation_status.html")
def translation_status(page, page_id=None):
    """How ``page``'s translations stand, each a link to what moves it on."""
    return {"statuses": translation_statuses(page), "page_id": page_id or page.pk}


@register.filter
def without_refused_actions(props: str, page_perms) -> str:
    """The translation editor's settings without the conversion to an alias for who may not
    publish: wagtail-localize offers it to whoever may edit, and the plugin refuses it to
    them, since the alias shows the source's content at once, past moderation."""
    if page_perms is None or page_perms.can_publish():
        return props
    editor = json.loads(props)
    editor["links"]["convertToAliasUrl"] = None
    return json.dumps(editor)
