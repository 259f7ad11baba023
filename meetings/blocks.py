"""StreamField blocks of an announcement's body."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError, StreamValue
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page

from meetings.visibility import public_pages

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]
HTTP_SCHEMES = ("http", "https")


def is_http_url(url: str | None) -> bool:
    """An absolute http(s) address: the only kind a visitor's browser should embed or follow
    from a block (Django's URL field also takes ftp)."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return False
    return parts.scheme.lower() in HTTP_SCHEMES and bool(parts.netloc)


def _http_only_error() -> ValidationError:
    return ValidationError(
        _("Enter an address that starts with http:// or https://."), code="http_only"
    )


def _require_http_url(value):
    """The ``url`` of a link block, once Django's URL field has accepted it, is http(s)."""
    if value.get("url") and not is_http_url(value["url"]):
        raise StructBlockValidationError(block_errors={"url": _http_only_error()})


def _require_exactly_one(value, names, message):
    filled = [name for name in names if value.get(name)]
    if len(filled) != 1:
        error = ValidationError(message)
        raise StructBlockValidationError(block_errors=dict.fromkeys(names, error))


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Section heading")), ("h3", _("Subsection heading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "meetings/blocks/heading.html"


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[("info", _("Information")), ("important", _("Important"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("title"), required=False, max_length=200)
    text = blocks.RichTextBlock(label=_("text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "meetings/blocks/callout.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        required=False,
        max_length=300,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    decorative = blocks.BooleanBlock(
        label=_("decorative image (no alternative text)"), required=False
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "meetings/blocks/image.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not value.get("alt_text"):
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(_("Describe the image, or mark it as decorative."))
                }
            )
        return value


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    document = DocumentChooserBlock(label=_("document"), required=False)
    url = blocks.URLBlock(label=_("external address"), required=False)

    class Meta:
        icon = "link"
        label = _("Link")

    def clean(self, value):
        value = super().clean(value)
        _require_exactly_one(
            value,
            ["page", "document", "url"],
            _("Choose exactly one: a page, a document or an external address."),
        )
        _require_http_url(value)
        return value


class LinkListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=200)
    links = blocks.ListBlock(LinkBlock(), label=_("links"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Documents and links")
        template = "meetings/blocks/link_list.html"


def linked_page(page, locale_id):
    """The page a body's link leads to, in the body's language where the public may see it
    in it (the visibility rule): wagtail-localize keeps the source's page in a translated
    page chooser unless the translator picks another."""
    if page.locale_id == locale_id:
        return page
    translations = Page.objects.filter(translation_key=page.translation_key, locale_id=locale_id)
    return public_pages(translations, locale=None).first() or page


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("button text"), max_length=80)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("external address"), required=False)

    class Meta:
        icon = "pick"
        label = _("Call-to-action button")
        template = "meetings/blocks/call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        _require_exactly_one(
            value, ["page", "url"], _("Choose exactly one: a page or an external address.")
        )
        _require_http_url(value)
        return value


class AnnouncementBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="meetings/blocks/paragraph.html"
    )
    heading = HeadingBlock()
    callout = CalloutBlock()
    image = ImageBlock()
    links = LinkListBlock()
    call_to_action = CallToActionBlock()
    embed = EmbedBlock(
        label=_("Embedded media"),
        help_text=_("Address of a video or post, e.g. on YouTube."),
        template="meetings/blocks/embed.html",
    )

    def clean(self, value):
        """An embed's address is http(s), checked before Wagtail asks the embed finders about
        it; here, because a subclass of EmbedBlock would change the field's migrations."""
        refused = {
            index: _http_only_error()
            for index, child in enumerate(value)
            if child.block_type == "embed" and child.value and not is_http_url(child.value.url)
        }
        if not refused:
            return super().clean(value)
        # The other blocks are checked too, so that the editor sees every error at once.
        others = StreamValue(
            self,
            [
                (child.block_type, None if index in refused else child.value, child.id)
                for index, child in enumerate(value)
            ],
        )
        try:
            super().clean(others)
        except StreamBlockValidationError as error:
            raise StreamBlockValidationError(
                block_errors={**error.block_errors, **refused},
                non_block_errors=error.non_block_errors,
            ) from None
        raise StreamBlockValidationError(block_errors=refused)
