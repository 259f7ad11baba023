class PortalPageMixin:
    """What every public page's layout needs: its translations and its breadcrumb trail."""

    def get_context(self, request, *args, **kwargs):
        from meetings.selectors import public_pages

        context = super().get_context(request, *args, **kwargs)
        translations = (
            public_pages(locale=None)
            .filter(translation_key=self.translation_key)
            .exclude(pk=self.pk)
            .select_related("locale")
        )
        context["translations"] = [
            (page.locale, page.get_url(request=request)) for page in translations
        ]
        context["breadcrumbs"] = list(self.get_ancestors().filter(depth__gt=1))
        return context
