"""Settings shared by every environment. No secrets here: see dev.py and production.py."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False

INSTALLED_APPS = [
    "home",
    "meetings",
    "bench",
    "wagtail_localize",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "corsheaders",
    "csp",
    "axes",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

# The shared cache answers hits and 304s right after the rate limits count them, before the
# rest of the stack: what the inner middleware adds to a response (its policy, its language)
# is stored with it.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cms.db_unavailable.DatabaseUnavailableMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "cms.ratelimit.RateLimitMiddleware",
    "cms.http_cache.HttpCacheMiddleware",
    "cms.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "cms.middleware.AdminLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
    "meetings.routing.KeptRoutesMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "home.context_processors.portal",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# SQLite by default; DATABASE_URL (postgres://…) switches to PostgreSQL through psycopg 3.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

# On SQLite the server and the task worker (`make run`) write to the same file. A transaction
# that read first and then wrote failed with "database is locked" when the other process had
# begun writing meanwhile; each transaction takes the write lock when it begins instead, and
# waits up to 20 s for the other's to end.
SQLITE_OPTIONS = {"transaction_mode": "IMMEDIATE", "timeout": 20}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A shared Redis cache when REDIS_URL is set; otherwise each process keeps its own. django-redis,
# read as empty while Redis is down (IGNORE_EXCEPTIONS), with the additions of cms.redis_cache.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "cms.redis_cache.SiteRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "spotkania"),
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        }
    }
# Seconds that the shared cache keeps anonymous responses of the pages, feeds and API
# (cms.http_cache); publishing invalidates them at once. Off without a shared cache.
MEETINGS_RESPONSE_CACHE_SECONDS = int(os.environ.get("RESPONSE_CACHE_SECONDS", "300"))
# A streamed response (a long feed) is kept if it is no longer than this.
MEETINGS_RESPONSE_CACHE_MAX_BYTES = int(
    os.environ.get("RESPONSE_CACHE_MAX_BYTES", str(4 * 1024 * 1024))
)
# On the shared cache, the API and the feeds also keep each meeting's JSON or VEVENT, and the API
# each filter's count, per publication version, so that a list or a feed renders only what
# changed (meetings.publication.version_key). 0 turns it off.
MEETINGS_RENDER_CACHE = os.environ.get("RENDER_CACHE", "1") != "0"

# Background tasks (the change feed's sync): Django's task framework through the django-tasks
# backport, on the database by default (`manage.py db_worker` runs them; `make run` starts one).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Polish is the source language, English and Ukrainian its translations.
# A language is added here and in the catalogues (`make messages`); the code names none.
LANGUAGE_CODE = "pl"
LANGUAGES = [
    ("pl", _("Polish")),
    ("en", _("English")),
    ("uk", _("Ukrainian")),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The admin's own languages: those its messages are translated into (Ukrainian has the public
# site's strings only; editors work in Polish).
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES[:2]
WAGTAIL_I18N_ENABLED = True
# A new translation of a live page is a draft: it goes live through moderation, like any page.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "cms" / "locale"]

TIME_ZONE = "Europe/Warsaw"
USE_TZ = True
# The city's editors work in its time: no zone to choose in the account, so the admin's times
# (scheduled publication) read as the meetings' do. Wagtail's default list is the system's,
# which names zones a browser refuses ("localtime").
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "cms" / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Wagtail's page editor posts many fields for an announcement with several meetings.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Spotkania — Magiczny Kraków"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "ods"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Uploaded files come from many hands; on our origin an SVG or HTML file shown inline could run
# script. Documents (no SVG among the extensions) go through Wagtail's view, as attachments
# except PDF, always with "Content-Security-Policy: default-src 'none'" and nosniff; images
# allow no SVG either.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False

WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "password_required.html"  # noqa: S105
# Pages restricted to signed-in users send visitors to Wagtail's sign-in view (/_util/login/,
# in the page's language), shown in the site's layout rather than Wagtail's bare page; the
# sign-in is guarded by django-axes like the admin's.
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "login.html"

# Seconds that browsers and CDNs may reuse an API response without asking again.
MEETINGS_API_CACHE_MAX_AGE = int(os.environ.get("API_CACHE_MAX_AGE", "60"))

# The portal's front ends may read the API from the browser: CORS_ALLOWED_ORIGINS lists their
# origins (comma-separated, e.g. https://www.krakow.pl); nothing else, and never a wildcard.
CORS_ALLOWED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("CORS_ALLOWED_ORIGINS", "").split(",")
    if origin.strip()
]
MEETINGS_API_PREFIX = "/api/v1/"
CORS_URLS_REGEX = rf"^{MEETINGS_API_PREFIX}.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified"]

# Headless preview: how long a preview token lives, and the portal's preview page
# ("https://portal.example/podglad?token={token}"), if it has one.
MEETINGS_HEADLESS_PREVIEW_MAX_AGE = int(os.environ.get("HEADLESS_PREVIEW_MAX_AGE", "600"))
MEETINGS_HEADLESS_PREVIEW_PORTAL_URL = os.environ.get("HEADLESS_PREVIEW_PORTAL_URL", "")

# Security headers for every environment; production.py adds TLS, HSTS and secure cookies.
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views allow their same-origin frame themselves
SECURE_CONTENT_TYPE_NOSNIFF = True
# The origin (never the path) goes to other sites; video providers need it to play embeds.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Editors' e-mail hashes are not sent to Gravatar; the admin shows its default avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Content-Security-Policy (django-csp). Public pages run no inline script and no inline style;
# the one exception is the self-contained style of the standalone error pages (500, 503),
# allowed by its hash (tests/test_security_headers.py checks it).
EMBED_FRAME_SOURCES = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
ERROR_PAGE_STYLE_HASH = "'sha256-DQD69c1/oPB4p/jP1ZODuSzeJoJmvG6QIkDo9x35EFk='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", ERROR_PAGE_STYLE_HASH],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": EMBED_FRAME_SOURCES,
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}
# The Wagtail admin (cms.middleware.ContentSecurityPolicyMiddleware): its templates use inline
# scripts and styles, previews are framed by the admin itself, embed previews show providers'
# frames and thumbnails, and image uploads are previewed from blob: URLs.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", "https://i.ytimg.com", "https://i.vimeocdn.com"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", *EMBED_FRAME_SOURCES],
        "worker-src": ["'self'", "blob:"],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}

# Sign-in lockout (django-axes): after AXES_FAILURE_LIMIT failed attempts for one user name
# from one address, that pair may not sign in for AXES_COOLOFF_TIME, even with the right
# password. A successful sign-in before the limit clears the count. After
# AXES_ADDRESS_FAILURE_LIMIT failures for any user names from one address within the cool-off,
# that address may not sign in at all (cms.lockout; 0 turns it off): high enough for the typos
# of an office behind one NAT, low enough to stop trying one password on many user names.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_ADDRESS_FAILURE_LIMIT = int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "30"))
AXES_HANDLER = "cms.lockout.AddressLockoutHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin_lockout.html"
AXES_CLIENT_IP_CALLABLE = "cms.ratelimit.client_ip"

# Requests per client address per RATE_LIMIT_WINDOW seconds (cms.ratelimit); 0 turns a
# limit off. Behind proxies, TRUSTED_PROXY_COUNT says how many of them append to
# X-Forwarded-For; with 0 the client is REMOTE_ADDR.
RATE_LIMIT_WINDOW = 60
RATE_LIMIT_API = int(os.environ.get("RATE_LIMIT_API", "120"))
RATE_LIMIT_SEARCH = int(os.environ.get("RATE_LIMIT_SEARCH", "30"))
# Password reset e-mails asked for per hour, from one client address and for one e-mail
# address (each counted on its own); 0 turns the limit off.
RATE_LIMIT_PASSWORD_RESET = int(os.environ.get("RATE_LIMIT_PASSWORD_RESET", "5"))
RATE_LIMIT_PASSWORD_RESET_WINDOW = 3600
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
