from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import pgettext_lazy
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.documents import urls as wagtaildocs_urls

from cms.views import health
from home import views as home_views
from meetings.api.views import api as meetings_api
from meetings.api.views import not_found as api_not_found
from meetings.api.wagtail_v2 import PublicPagesAPIViewSet
from meetings.conf import plugin_settings

# Wagtail's stable API v2, for generic pages; the portal's contract is /api/v1/.
api_v2 = WagtailAPIRouter("wagtailapi")
api_v2.register_endpoint("pages", PublicPagesAPIViewSet)

urlpatterns = [
    path("healthz", health, name="health"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(plugin_settings.API_PREFIX.lstrip("/"), meetings_api.urls),
    path("api/v2/", api_v2.urls),
    re_path(r"^api/", api_not_found),
    path("sitemap.xml", home_views.sitemap, name="sitemap"),
    path("robots.txt", home_views.robots, name="robots"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Polish pages carry no prefix; English ones start with /en/.
urlpatterns += i18n_patterns(
    path(pgettext_lazy("URL", "search/"), home_views.search, name="search"),
    path("widget/", home_views.widget_demo, name="widget_demo"),
    path("", include("meetings.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
