"""Kotipolku settings: every environment variable is declared here with its type and default.

Secrets are never in code; a missing secret stops start-up with a message that says what to set.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


def env_required(name: str, *, when: bool, dev_default: str) -> str:
    value = os.environ.get(name, "")
    if value:
        return value
    if when:
        raise ImproperlyConfigured(
            f"{name} is not set. It is required when DEBUG is off; see the environment table in README.md."
        )
    return dev_default


# --- Environment ---------------------------------------------------------------------------------
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_required("SECRET_KEY", when=not DEBUG, dev_default="insecure-dev-only-key-never-in-production")
# One or more Fernet keys, comma-separated, newest first (rotation): python manage.py generate_keys
FIELD_ENCRYPTION_KEY = env_required(
    "FIELD_ENCRYPTION_KEY", when=not DEBUG, dev_default="x0nYpQmAhL2b6M4rTzW8cV1dE5fG7hJ9kK3sN0uP2qA="
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] + (["*"] if DEBUG else []))
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'kotipolku.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        # IMMEDIATE: a write transaction takes the write lock at BEGIN, so concurrent writers wait
        # (up to `timeout`) instead of failing with "database is locked" half-way.
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        }
    )
# Tests on PostgreSQL use their own database name so several runs cannot trample one another.
if os.environ.get("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}

# Demo content and accounts (never in production): see `manage.py demo_setup`.
KOTIPOLKU_DEMO = env_bool("KOTIPOLKU_DEMO", DEBUG)
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "kotipolku-demo")
DEMO_LANDLORD_A_TOKEN = os.environ.get("DEMO_LANDLORD_A_TOKEN", "demo-landlord-a-token")
DEMO_LANDLORD_B_TOKEN = os.environ.get("DEMO_LANDLORD_B_TOKEN", "demo-landlord-b-token")

STAFF_IDLE_TIMEOUT_SECONDS = env_int("STAFF_IDLE_TIMEOUT_SECONDS", 30 * 60)
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
SECURE_COOKIES = env_bool("SECURE_COOKIES", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
BOT_LOG_RETENTION_DAYS = env_int("BOT_LOG_RETENTION_DAYS", 90)
SERVICE_REVIEW_MAX_AGE_DAYS = env_int("SERVICE_REVIEW_MAX_AGE_DAYS", 365)
# Module settings (each module reads these with the same defaults; see its docs page).
KOTIPOLKU_BASE_URL = os.environ.get("KOTIPOLKU_BASE_URL", "")  # for links in e-mails, e.g. https://kotipolku.example.fi
BOT_RATE_LIMIT = env_int("BOT_RATE_LIMIT", 30)  # bot questions per client per minute
CLIENTS_RETENTION_YEARS = env_int("CLIENTS_RETENTION_YEARS", 12)  # placeholder: check the county's records plan
INTAKE_RETENTION_DAYS = env_int("INTAKE_RETENTION_DAYS", 365)  # placeholder: check the county's records plan
CLIENT_FEEDBACK_LINK_DAYS = env_int("CLIENT_FEEDBACK_LINK_DAYS", 14)
INTAKE_DEFAULT_TEAM = os.environ.get("INTAKE_DEFAULT_TEAM", "")
INTAKE_FORM_RATE_LIMIT = env_int("INTAKE_FORM_RATE_LIMIT", 20)
INTAKE_FORM_RATE_WINDOW = env_int("INTAKE_FORM_RATE_WINDOW", 600)
INTAKE_MIN_FILL_SECONDS = env_int("INTAKE_MIN_FILL_SECONDS", 3)
INTAKE_BATCH_MAX_NOTICES = env_int("INTAKE_BATCH_MAX_NOTICES", 1000)
LONG_TERM_HOMELESS_TARGET = env_int("LONG_TERM_HOMELESS_TARGET", 50)
REPORTING_MAX_PERIOD_DAYS = env_int("REPORTING_MAX_PERIOD_DAYS", 15 * 366)
INSTRUMENTS_ATTACH_MAX_AGE = env_int("INSTRUMENTS_ATTACH_MAX_AGE", 7 * 24 * 3600)
INSTRUMENTS_RESULT_MAX_AGE = env_int("INSTRUMENTS_RESULT_MAX_AGE", 24 * 3600)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "kotipolku@localhost")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
CACHE_URL = os.environ.get("CACHE_URL", "")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
TESTING = "pytest" in sys.modules

# --- Applications --------------------------------------------------------------------------------
KOTIPOLKU_APPS = [
    "kotipolku.core",
    "kotipolku.services",
    "kotipolku.handbook",
    "kotipolku.bot",
    "kotipolku.clients",  # before instruments and intake: demo_setup loads in this order
    "kotipolku.instruments",
    "kotipolku.intake",
    "kotipolku.reporting",
    "kotipolku.surveys",
]
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    *KOTIPOLKU_APPS,
]

MIDDLEWARE = [
    "kotipolku.core.middleware.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "kotipolku.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "kotipolku.core.middleware.StaffIdleTimeoutMiddleware",
    "kotipolku.core.middleware.StaffMFAMiddleware",  # the one-time code step (core.mfa, ASVS 2.2.3)
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "kotipolku.core.faults.FaultMiddleware",  # database/disk faults in views → 503 (docs/reliability/faults.md)
    "kotipolku.core.middleware.NulRefusingMiddleware",  # NUL in a page's query string → 400 (fuzzing P3)
]

ROOT_URLCONF = "kotipolku.urls"
WSGI_APPLICATION = "kotipolku.wsgi.application"
AUTH_USER_MODEL = "core.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kotipolku.core.context_processors.kotipolku",
            ],
        },
    }
]

if CACHE_URL.startswith("redis://"):
    # Short socket time-outs: a hanging Redis must make rate limits fail open quickly, not hold requests.
    CACHES = {
        "default": {
            "BACKEND": "kotipolku.core.cache.RedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "kotipolku"}}

# --- Authentication and sessions -----------------------------------------------------------------
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = (
    ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if TESTING
    else ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "staff-home"
LOGOUT_REDIRECT_URL = "front"
# Staff sign in with a password and a one-time code from an authenticator app (core.mfa, ASVS 2.2.3).
# On by default; the demo (DEBUG) runs without it unless STAFF_MFA_REQUIRED=true.
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", not DEBUG)
OTP_TOTP_ISSUER = "Kotipolku"
SESSION_COOKIE_AGE = 12 * 60 * 60  # absolute upper bound; idle timeout is enforced by middleware
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "kotipolku.core.views.csrf_failure"
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = LOGIN_LOCKOUT_MINUTES / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = not TESTING or env_bool("AXES_ENABLED_IN_TESTS", False)
AXES_VERBOSE = False

# --- Security headers ----------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

# --- Internationalisation ------------------------------------------------------------------------
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Suomi")), ("sv", _("Svenska")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "kotipolku" / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

# --- Static files --------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
CONTENT_DIR = Path(os.environ.get("CONTENT_DIR", BASE_DIR / "content"))

# --- Logging: personal data never goes to logs (see core.redaction.RedactingFilter) --------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "kotipolku.core.redaction.RedactingFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False}},
}
