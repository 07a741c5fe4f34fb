"""Settings for the Timeline service, read from the environment (12-factor).

Every switch is documented in README.md ("Configuration"). Unset ``DATABASE_URL`` means a SQLite file in the
project folder; with ``DJANGO_DEBUG`` off the service refuses to start without ``DJANGO_SECRET_KEY``.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from timeline.db_routers import replica_databases

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean switch; accepts 1/0, true/false, yes/no, on/off."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false, yes/no, on/off), not {raw!r}.")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. With DJANGO_DEBUG=0 the service needs a secret key: "
            "export DJANGO_SECRET_KEY to a long random string, "
            "for example the output of: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    # Only ever used with DEBUG on, on a developer's machine.
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "timeline",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "timeline.middleware.DatabaseUnavailableMiddleware",
    "timeline.middleware.AnonymousThrottleMiddleware",
    "timeline.middleware.LoginThrottleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# DATABASE_URL selects the database (postgres://user@host:5432/name); unset means SQLite in the project folder.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "").strip() or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several loadseeds processes may write at once: take the write lock when a transaction begins (a deferred
    # transaction that upgrades later fails at once with "database is locked"), wait up to 30 s for it, and use
    # WAL so readers (the web server) do not block the writer.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 30, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
else:
    # Fail fast when PostgreSQL is down so /healthz can answer 503 instead of hanging.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
    # Every statement is bounded (milliseconds; 0 = none). config/wsgi.py sets 15 s for the web server, so no
    # request can tie a worker up (a cancelled statement answers 503 with Retry-After); exports read in keyset
    # chunks, so each chunk is one short statement and an export of any size fits. Commands (loadseeds,
    # migrate, generate_synthetic) run unbounded unless the variable is set.
    _statement_timeout = os.environ.get("DATABASE_STATEMENT_TIMEOUT", "").strip()
    if _statement_timeout and _statement_timeout != "0":
        if not _statement_timeout.isascii() or not _statement_timeout.isdigit():
            raise ImproperlyConfigured("DATABASE_STATEMENT_TIMEOUT must be milliseconds (ASCII digits).")
        DATABASES["default"]["OPTIONS"]["options"] = f"-c statement_timeout={_statement_timeout}"

# Read replicas (docs/performance.md, "Beyond one machine"): DATABASE_REPLICA_URLS is a comma-separated list of
# database URLs; they become the aliases replica1..N; reads go to them, writes and migrations to default.
_replicas = replica_databases(
    os.environ.get("DATABASE_REPLICA_URLS", ""), conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60"))
)
DATABASES.update(_replicas)
DATABASE_REPLICAS = list(_replicas)
DATABASE_ROUTERS = ["timeline.db_routers.ReadReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Where loadseeds looks when given no path, and where the reference data lives.
SEEDS_DIR = BASE_DIR / "seeds"
FIXTURES_DIR = BASE_DIR / "fixtures"
FIXTURE_DIRS = [FIXTURES_DIR]

# Security. TLS usually ends at a proxy, so the redirect is opt-in; when on, HSTS comes with it.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", False)
# Trust X-Forwarded-Proto only behind a proxy that sets it (and strips the client's): anyone can send the header.
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = not DEBUG and env_bool("DJANGO_SECURE_COOKIES", SECURE_SSL_REDIRECT)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if SECURE_SSL_REDIRECT:
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
    if not SECURE_HSTS_PRELOAD:
        # Opting out of the preload list is a deliberate choice, not an oversight.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# The shared cache: throttle counts (API, pages, admin login failures) must be seen by every gunicorn worker
# and every machine, so a per-process memory cache would let N workers x the rate through. DJANGO_CACHE_URL
# "redis://127.0.0.1:6379/3" uses Redis, "db" the database table django_cache (made by migration 0008 and by
# `manage.py createcachetable`), "locmem" one process's memory. Unset: the database with DJANGO_DEBUG=0, memory
# with debug on (runserver is one process; the tests clear it).
CACHE_URL = os.environ.get("DJANGO_CACHE_URL", "").strip() or ("locmem" if DEBUG else "db")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
elif CACHE_URL == "db":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "django_cache"}}
elif CACHE_URL == "locmem":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    raise ImproperlyConfigured(f"DJANGO_CACHE_URL must be redis://host:port/db, db or locmem, not {CACHE_URL!r}.")

# Wrong admin passwords from one address: after LOGIN_FAILURE_LIMIT within LOGIN_FAILURE_WINDOW seconds the login
# answers 429 until the window has passed (timeline/middleware.py).
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "10"))
LOGIN_FAILURE_WINDOW = int(os.environ.get("LOGIN_FAILURE_WINDOW", "900"))

# Content-Security-Policy on every response (django-csp): nothing runs or loads but the app's own files; the
# pages, the admin and Swagger UI (drf-spectacular-sidecar, init script split off) work under it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# The anonymous throttle: a DRF rate such as "120/min"; "off" disables it.
API_ANON_RATE = os.environ.get("API_ANON_RATE", "120/min").strip()
# Largest number of rows one export may stream; more answers 400.
EXPORT_MAX_ROWS = int(os.environ.get("EXPORT_MAX_ROWS", "200000"))

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # The export endpoint owns the ``format`` query parameter; DRF must not treat it as a renderer override.
    "URL_FORMAT_OVERRIDE": None,
    "DEFAULT_THROTTLE_CLASSES": []
    if API_ANON_RATE.lower() == "off"
    else ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": None if API_ANON_RATE.lower() == "off" else API_ANON_RATE},
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "EXCEPTION_HANDLER": "timeline.api.exceptions.exception_handler",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Timeline service API",
    "DESCRIPTION": "A dated, attributed, queryable timeline of United Nations news.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Events and actors both have a `kind` field with different choices: name each enum after its TextChoices.
    "ENUM_NAME_OVERRIDES": {
        "EventKindEnum": "timeline.choices.EventKind",
        "ActorKindEnum": "timeline.choices.ActorKind",
        "DatePrecisionEnum": "timeline.choices.DatePrecision",
        "ResolutionBodyEnum": "timeline.choices.ResolutionBody",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Celery (loadseeds --queue, config/celery.py): one task per article file, run by `celery -A config worker` on any
# machine that shares this database and this broker.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "").strip() or "redis://127.0.0.1:6379/0"
# Results travel back to the waiting command; they expire after a day when nobody collects them (--no-wait).
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", "").strip() or CELERY_BROKER_URL
CELERY_RESULT_EXPIRES = 24 * 60 * 60
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "").strip() or "timeline"
# A task is acknowledged only after it finished, and a task whose worker process died (kill -9, out of memory)
# goes back to the queue: no article is lost. Redelivery is safe because loading an article is idempotent and
# runs in one transaction. Each worker process reserves one task at a time, so a dead one strands at most one.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# When a whole worker machine dies, its reserved tasks return to the queue after the visibility timeout (Redis
# keeps them in its "unacked" set). It must be longer than the slowest task; a task that outlives it runs twice,
# which is harmless (the second run finds the article current) but wasted work.
celery_visibility_timeout = int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600"))
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": celery_visibility_timeout,
    # How often a worker sweeps the unacked set for stranded tasks: about a tenth of the timeout, 1 s at least.
    "unacked_restore_interval": max(1, min(10, celery_visibility_timeout // 10)),
    "unacked_restore_throttle": 1,
}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"visibility_timeout": celery_visibility_timeout}
