from importlib import import_module


class PortalPageMixin:
    """What every public page's layout needs: its translations, the language switcher's
    links and the breadcrumb trail (``meetings.chrome``, found by name: the models sit below
    every output)."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(import_module("meetings.chrome").page_chrome(self, request))
        return context
