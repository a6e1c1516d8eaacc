"""Settings of the Digitalisierungsforum, read from environment variables.

One module for every environment, in the style of healthchecks: small helpers read
``os.environ`` (and ``NAME_FILE`` for secrets kept in files). See ``.env.example``.
"""

import os
from pathlib import Path
from urllib.parse import urlparse

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    """Value of ``name``, or the content of the file named by ``name_FILE``."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if not value:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0, true/false, yes/no or on/off, not {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# Without SECRET_KEY a fixed development key is used, so management commands work anywhere; `check --deploy`
# rejects it (security.W009) and the WSGI entry point refuses to serve with it unless DEBUG is on.
DEVELOPMENT_SECRET_KEY = "django-insecure-development-key-of-the-digitalisierungsforum"
SECRET_KEY = env("SECRET_KEY") or DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The instance: which district runs this forum, and where it is reached.
FORUM_KREISSCHLUESSEL = env("FORUM_KREISSCHLUESSEL", "08336")
FORUM_BASE_URL = env("FORUM_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
FORUM_TITLE = env("FORUM_TITLE", "Kommunales Digitalisierungsforum")
# Domain part of the stable UIDs of calendar events (RFC 5545); keep it when the address changes.
FORUM_CALENDAR_DOMAIN = env("FORUM_CALENDAR_DOMAIN", urlparse(FORUM_BASE_URL).hostname or "localhost")
# Operator details used by the default Impressum / Datenschutz / Barrierefreiheit texts.
FORUM_OPERATOR_NAME = env("FORUM_OPERATOR_NAME", "Landratsamt Lörrach")
FORUM_OPERATOR_ADDRESS = env("FORUM_OPERATOR_ADDRESS", "Palmstraße 3, 79539 Lörrach")
FORUM_OPERATOR_EMAIL = env("FORUM_OPERATOR_EMAIL", "digitalisierungsforum@example.org")
FORUM_OPERATOR_PHONE = env("FORUM_OPERATOR_PHONE", "")
FORUM_OPERATOR_REPRESENTATIVE = env("FORUM_OPERATOR_REPRESENTATIVE", "")
# Where organisations' roles come from (core stays free of organisations).
FORUM_ROLES_RESOLVER = "forum.organisations.roles.roles_for_user"
FORUM_INVITATION_DAYS = int(env("FORUM_INVITATION_DAYS", "14"))
# Largest file (in MB) that may be attached to anything; the proxy in front must allow at least this much.
FORUM_MAX_UPLOAD_MB = int(env("FORUM_MAX_UPLOAD_MB", "20"))

# REST API (forum/api): writes allowed per minute, per API key and per client address (429 beyond).
FORUM_API_WRITES_PER_MINUTE = int(env("FORUM_API_WRITES_PER_MINUTE", "60"))
FORUM_API_WRITES_PER_MINUTE_PER_ADDRESS = int(env("FORUM_API_WRITES_PER_MINUTE_PER_ADDRESS", "120"))
FORUM_API_PAGE_SIZE = int(env("FORUM_API_PAGE_SIZE", "50"))

INSTALLED_APPS = [
    "forum.core",
    "forum.accounts",
    "forum.organisations",
    "forum.topics",
    "forum.documents",
    "forum.exchange",
    "forum.overlaps",
    "forum.meetings",
    "forum.cooperation",
    "forum.council",
    "forum.oparl",
    "forum.api",
    "forum.portal",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.csp",
                "forum.core.context_processors.forum",
            ],
        },
    },
]
FORM_RENDERER = "forum.core.forms.KernFormRenderer"

(BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'forum.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the task worker writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:account"
LOGOUT_REDIRECT_URL = "portal:home"

LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["forum.core.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    ("kern", BASE_DIR / "node_modules" / "@kern-ux" / "native" / "dist"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "forum.api.finders.NpmFilesFinder",  # single files of npm packages (Swagger UI), not whole folders
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env_bool("FORUM_MANIFEST_STATIC", True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))

# E-mail (Django 6.1 MAILERS): SMTP when EMAIL_HOST is set, otherwise printed to the console.
_EMAIL_HOST = env("EMAIL_HOST")
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": _EMAIL_HOST,
            "port": int(env("EMAIL_PORT", "25")),
            "username": env("EMAIL_HOST_USER") or None,
            "password": env("EMAIL_HOST_PASSWORD") or None,
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "use_ssl": env_bool("EMAIL_USE_SSL", False),
            "timeout": 30,
        },
    }
    if _EMAIL_HOST
    else {"BACKEND": env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")}
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Digitalisierungsforum <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: django.tasks with the database backend and its db_worker.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Security. HTTPS defaults on outside DEBUG; a proxy that terminates TLS sets SECURE_PROXY_SSL_HEADER.
HTTPS = env_bool("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000" if HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HTTPS)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
