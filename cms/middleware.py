from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_noop

# Wagtail's own messages that its Polish catalogue lacks; the project's catalogue carries them.
WAGTAIL_MESSAGES = [gettext_noop("The page could not be saved as it is locked.")]


class AdminLanguageMiddleware:
    """The admin speaks Polish unless an editor chose another language in their profile.

    Without this, the browser's Accept-Language would decide, and an editor with an English
    browser would get an English admin.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = reverse("wagtailadmin_home")

    def __call__(self, request):
        if request.path.startswith(self.admin_prefix):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with a second policy for the Wagtail admin.

    The public pages run no inline script; the admin's own templates still do (inline panels,
    date pickers) and set inline styles, so under the admin prefix ADMIN_CONTENT_SECURITY_POLICY
    replaces CONTENT_SECURITY_POLICY. A view's own @csp decorator still wins. Wagtail's previews
    are admin views too, so they get the admin's policy.
    """

    def __init__(self, get_response):
        super().__init__(get_response)
        self.admin_prefix = reverse("wagtailadmin_home")

    def process_response(self, request, response):
        # Wagtail renders a preview by passing a dummy request for the page's public URL
        # through the middleware; the admin view that frames it sets the policy.
        if getattr(request, "is_dummy", False):
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        admin_policy = getattr(settings, "ADMIN_CONTENT_SECURITY_POLICY", None)
        if (
            not report_only
            and admin_policy
            and parts.config is None
            and request.path_info.startswith(self.admin_prefix)
        ):
            parts.config = admin_policy["DIRECTIVES"]
        return parts
