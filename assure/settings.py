"""The one settings module, configured by environment variables (ASSURE_*)."""

import os
import secrets
from pathlib import Path

import dj_database_url

from analytics import periods

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ASSURE_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)
# Snapshots of returns, uploads waiting to load, the demo's synthetic returns: what a backup
# keeps besides the database. Shared storage when web and worker run on different machines.
ASSURE_DATA_DIR = Path(os.environ.get("ASSURE_DATA_DIR", VAR_DIR))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


def local_secret_key() -> str:
    """A key kept in var/ so a developer machine needs no set-up; production sets the env."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("ASSURE_DEBUG")
SECRET_KEY = os.environ.get("ASSURE_SECRET_KEY") or local_secret_key()
ALLOWED_HOSTS = os.environ.get("ASSURE_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
CSRF_TRUSTED_ORIGINS = [
    origin for origin in os.environ.get("ASSURE_CSRF_TRUSTED_ORIGINS", "").split(",") if origin
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "mozilla_django_oidc",
    "assure.core",
    "assure.accounts",
    "assure.api",
    "assure.transfer",
    "assure.partnership",
    "assure.plans",
    "assure.risks",
    "assure.meetings",
    "assure.reminders",
    "assure.performance",
    "assure.audits",
    "assure.exploitation",
    "assure.reviews",
    "assure.assessments",
    "assure.training",
    "assure.datasets",
    "assure.reports",
    "assure.service",
    "demo",  # the demo partnerships and `manage.py load_demo`
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "assure.accounts.middleware.IdleSignOut",
    "assure.accounts.middleware.SecondFactor",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "assure.documents.links.AskedFrom",
]

ROOT_URLCONF = "assure.urls"
WSGI_APPLICATION = "assure.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "assure" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "assure.core.context_processors.tenancy",
            ],
        },
    },
]
FORM_RENDERER = "assure.core.forms.GovukFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("ASSURE_DATABASE_URL", f"sqlite:///{VAR_DIR / 'assure.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the worker write to one file: write-ahead logging lets readers go on
    # while one writes, IMMEDIATE takes the write lock at the start of a transaction (so two
    # writers queue instead of failing half-way), and a writer waits up to 20 s for its turn.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2 first: the strongest hasher Django ships support for.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-in (assure/accounts): local accounts with a password and, for the roles the rule book
# names, a second factor; and OpenID Connect with the council's identity provider when
# ASSURE_OIDC_ISSUER is set (docs/deploy.md says how to register Assure in Entra ID).
ASSURE_LOCAL_ACCOUNTS = env_bool("ASSURE_LOCAL_ACCOUNTS", True)
ASSURE_SECOND_FACTOR = os.environ.get("ASSURE_SECOND_FACTOR", "required")  # or "optional"
ASSURE_IDLE_MINUTES = int(os.environ.get("ASSURE_IDLE_MINUTES", "30"))
ASSURE_INVITATION_DAYS = int(os.environ.get("ASSURE_INVITATION_DAYS", "14"))
# The issuer the ID tokens must name; "{tenantid}" stands for the token's own tenant, as in
# Entra ID's multi-tenant issuer https://login.microsoftonline.com/{tenantid}/v2.0.
ASSURE_OIDC_ISSUER = os.environ.get("ASSURE_OIDC_ISSUER", "")
ASSURE_OIDC_NAME = os.environ.get("ASSURE_OIDC_NAME", "your organisation's account")
OIDC_RP_CLIENT_ID = os.environ.get("ASSURE_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("ASSURE_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("ASSURE_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("ASSURE_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("ASSURE_OIDC_JWKS_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = ""  # claims come from the verified ID token, not a second call
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_TIMEOUT = 15
OIDC_CREATE_USER = False  # a new account comes only through an invitation
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc-callback"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "assure.accounts.oidc.SignInWithOIDC",
]
if ASSURE_LOCAL_ACCOUNTS:
    AUTHENTICATION_BACKENDS.append("django.contrib.auth.backends.ModelBackend")
OTP_TOTP_ISSUER = "Assure"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lockout: five failures for one username from one address locks it for an hour.
AXES_FAILURE_LIMIT = int(os.environ.get("ASSURE_LOCKOUT_FAILURES", "5"))
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # core/signin.py slows a name tried from many addresses
ASSURE_SLOWDOWN_AFTER = int(os.environ.get("ASSURE_SLOWDOWN_AFTER", "10"))
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_SECURE = env_bool("ASSURE_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("ASSURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = int(os.environ.get("ASSURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("ASSURE_HSTS_SUBDOMAINS", True)
# Preloading HSTS binds the whole domain (the council's), so it is the domain owner's call,
# not Assure's: off, and Django's reminder about it silenced.
SECURE_HSTS_PRELOAD = False
SILENCED_SYSTEM_CHECKS = ["security.W021"]
if env_bool("ASSURE_BEHIND_PROXY"):
    # The reverse proxy ends TLS and says so; sign-in lockouts count the visitor's address,
    # not the proxy's.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
    AXES_IPWARE_PROXY_COUNT = 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = periods.TIME_ZONE  # the calendar's: England's clock
USE_I18N = False
USE_TZ = True
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H:i"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "assure" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve straight from the source folders, so `assure serve` needs no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Background work (loads, recomputing figures, the daily reminders) is queued in the database
# and done by `assure worker` (docs/decisions/0020). "immediate" runs it inside the request
# instead: for a developer without a worker, never for a service.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if os.environ.get("ASSURE_TASKS") == "immediate"
        else "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# When the worker queues the daily reminders (local time, HH:MM), or "off".
ASSURE_REMIND_AT = os.environ.get("ASSURE_REMIND_AT", "07:00")
# Snapshots of child-level returns kept longer than this many days are deleted each night
# (each dataset's newest is kept); empty keeps every snapshot.
ASSURE_SNAPSHOT_RETENTION_DAYS = os.environ.get("ASSURE_SNAPSHOT_RETENTION_DAYS", "")

EMAIL_BACKEND = os.environ.get(
    "ASSURE_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("ASSURE_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("ASSURE_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("ASSURE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("ASSURE_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("ASSURE_EMAIL_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("ASSURE_FROM_EMAIL", "assure@localhost")
# Where links in reminder e-mails point: the address people use to reach this Assure.
ASSURE_BASE_URL = os.environ.get("ASSURE_BASE_URL", "http://127.0.0.1:8000")
# Without it, a document made through the web links to the address it was asked from.
DOCUMENT_LINKS_FROM_REQUEST = "ASSURE_BASE_URL" not in os.environ

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_refusals": {"()": "assure.core.logs.OneLineRefusals"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django": {"handlers": ["console"], "level": "WARNING"},
        "django.request": {
            "handlers": ["console"],
            "level": "WARNING",
            "filters": ["one_line_refusals"],
            "propagate": False,
        },
        "assure": {"handlers": ["console"], "level": "INFO"},
        "django_tasks": {"handlers": ["console"], "level": "INFO"},
        "django_tasks_db": {"handlers": ["console"], "level": "INFO"},
    },
}
