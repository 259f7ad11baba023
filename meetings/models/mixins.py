from wagtail.models import Page


class TranslationLinksMixin:
    """Gives templates the live, public translations of the page, for the language switcher."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        translations = (
            Page.objects.filter(translation_key=self.translation_key)
            .exclude(pk=self.pk)
            .live()
            .public()
            .select_related("locale")
        )
        context["translations"] = [
            (page.locale, page.get_url(request=request)) for page in translations
        ]
        return context
