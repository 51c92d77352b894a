"""Settings, twelve-factor: everything comes from environment variables.

SQLite under ``var/`` is the embedded default; set ``DATABASE_URL``
(``postgres://user@host:port/name``) for PostgreSQL. DEBUG is off unless
``ZWFW_DEBUG=1``; with DEBUG off the development secret key refuses to start.
The README's "Production" section lists every variable.
"""
import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = Path(os.environ.get("ZWFW_HOME", PACKAGE_DIR.parent.parent))
VAR_DIR = Path(os.environ.get("ZWFW_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def database_from_url(url: str) -> dict:
    """Translate a DATABASE_URL into Django's DATABASES entry."""
    parsed = urlparse(url)
    if parsed.scheme in {"postgres", "postgresql"}:
        config = {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")) or "zwfw",
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": int(os.environ.get("ZWFW_CONN_MAX_AGE", "60")),
            "CONN_HEALTH_CHECKS": env_bool("ZWFW_CONN_HEALTH_CHECKS", True),
        }
    elif parsed.scheme == "sqlite":
        # sqlite:///relative.db or sqlite:////absolute/path.db
        name = unquote(url[len("sqlite:///"):]) if url.startswith("sqlite:///") else ""
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": name or ":memory:"}
    else:
        raise ValueError(f"不支持的 DATABASE_URL：{url}")
    test_name = os.environ.get("ZWFW_TEST_DB_NAME")
    if test_name:
        config["TEST"] = {"NAME": test_name}
    return config


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DEVELOPMENT_SECRET_KEY = "zwfw-development-only-key-change-me-in-production"
SECRET_KEY = os.environ.get("ZWFW_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
DEBUG = env_bool("ZWFW_DEBUG", False)
# pytest sets PYTEST_VERSION for its run; the suite may use the development key.
TESTING = "PYTEST_VERSION" in os.environ
if not DEBUG and not TESTING and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "生产模式（ZWFW_DEBUG 未开启）不能使用开发密钥：请设置环境变量 ZWFW_SECRET_KEY"
        "（如 python3 -c 'import secrets; print(secrets.token_urlsafe(50))' 生成），"
        "或在开发时设置 ZWFW_DEBUG=1。")
ALLOWED_HOSTS = env_list("ZWFW_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
STRICT = env_bool("ZWFW_STRICT", False)

# HTTPS behind the hall's reverse proxy: ZWFW_HTTPS=1 turns every protection on;
# each can be set on its own too.
HTTPS = env_bool("ZWFW_HTTPS", False)
SECURE_SSL_REDIRECT = env_bool("ZWFW_SSL_REDIRECT", HTTPS)
SESSION_COOKIE_SECURE = env_bool("ZWFW_SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("ZWFW_HSTS_SECONDS", 31_536_000 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("ZWFW_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("ZWFW_HSTS_PRELOAD", HTTPS)
if env_bool("ZWFW_BEHIND_PROXY", False):
    # Only when the proxy sets X-Forwarded-Proto itself and strips what clients send.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("ZWFW_CSRF_TRUSTED_ORIGINS")
SESSION_COOKIE_HTTPONLY = True

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # serves Swagger UI / ReDoc from its own static files: /api/docs works offline
    "axes",
    "django_tasks",
    "django_tasks_db",
    "zwfw.workdays",
    "zwfw.accounts",
    "zwfw.catalog",
    "zwfw.cases",
    "zwfw.bulk",
    "zwfw.routing",
    "zwfw.licences",
    "zwfw.credit",
    "zwfw.feedback",
    "zwfw.hall",
    "zwfw.assessment",
    "zwfw.stats",
    "zwfw.briefing",
    "zwfw.documents",
    "zwfw.fees",
    "zwfw.casefiles",
    "zwfw.web",
    "zwfw.demo",
    "zwfw.ops",
    "zwfw.notices",
    "zwfw.jobs",
]

MIDDLEWARE = [
    "zwfw.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "zwfw.urls"
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
WSGI_APPLICATION = "zwfw.wsgi.application"

def databases_from_env(environ) -> dict:
    """``default`` from DATABASE_URL (SQLite under var/ when unset) and, when DATABASE_REPLICA_URL is set,
    ``replica``: reports read from it (zwfw.dbrouter); in a test run it mirrors default (no second test
    database is created)."""
    databases = {"default": database_from_url(environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'zwfw.sqlite3'}")}
    if environ.get("DATABASE_REPLICA_URL"):
        databases["replica"] = database_from_url(environ["DATABASE_REPLICA_URL"]) | {"TEST": {"MIRROR": "default"}}
    return databases


DATABASES = databases_from_env(os.environ)
if DATABASES["default"]["ENGINE"].endswith("sqlite3") and DATABASES["default"]["NAME"] != ":memory:":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}
# Reports (dashboards, statistics, briefing composition) read from the replica when one is set.
DATABASE_ROUTERS = ["zwfw.dbrouter.ReplicaRouter"]

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("ZWFW_STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise serves from here after `zwfw collectstatic`
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("ZWFW_MEDIA_ROOT", VAR_DIR / "media"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def casefiles_storage(env=os.environ) -> dict:
    """Where applicants' material files are kept (STORAGES["casefiles"]): local disk under MEDIA_ROOT/casefiles
    (in the backup with the other uploads), or an S3-compatible bucket when ZWFW_CASEFILES_S3_BUCKET is set —
    django-storages' s3 backend, imported only then (``pip install django-storages[s3]``). Never served
    statically: downloads go through the access-checked view."""
    bucket = env.get("ZWFW_CASEFILES_S3_BUCKET", "").strip()
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": env.get("ZWFW_CASEFILES_ROOT") or str(MEDIA_ROOT / "casefiles"),
                            "base_url": None, "file_permissions_mode": 0o640, "directory_permissions_mode": 0o750}}
    options = {"bucket_name": bucket, "default_acl": "private", "querystring_auth": True, "file_overwrite": False,
               "location": env.get("ZWFW_CASEFILES_S3_PREFIX", "casefiles")}
    for option, name in [("endpoint_url", "ZWFW_CASEFILES_S3_ENDPOINT_URL"), ("region_name", "ZWFW_CASEFILES_S3_REGION"),
                         ("access_key", "ZWFW_CASEFILES_S3_ACCESS_KEY_ID"),
                         ("secret_key", "ZWFW_CASEFILES_S3_SECRET_ACCESS_KEY")]:
        if env.get(name):
            options[option] = env[name]
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


# Uploads of materials: PDF, JPG, PNG up to this many megabytes each.
ZWFW_UPLOAD_MAX_MB = int(os.environ.get("ZWFW_UPLOAD_MAX_MB", "20"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "casefiles": casefiles_storage(),
    # Production serves hashed, compressed files through WhiteNoise (run `zwfw collectstatic` first);
    # development and the suite read the apps' static folders directly.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage" if DEBUG or TESTING
                    else "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Logins: django-axes locks an account from one address after repeated failures (see accounts.throttle).
AUTHENTICATION_BACKENDS = ["zwfw.accounts.throttle.LoginThrottleBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("ZWFW_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("ZWFW_LOGIN_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "zwfw.accounts.throttle.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = 1 if env_bool("ZWFW_BEHIND_PROXY", False) else None
AXES_IPWARE_META_PRECEDENCE_ORDER = (["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if env_bool("ZWFW_BEHIND_PROXY", False)
                                     else ["REMOTE_ADDR"])
# Public lookups (tracking, licence verification): requests per minute and address.
PUBLIC_RATE = os.environ.get("ZWFW_PUBLIC_RATE", "30/m")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
          if not os.environ.get("ZWFW_CACHE_DIR") else
          {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": os.environ["ZWFW_CACHE_DIR"]}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "zwfw.middleware.RequestIdFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "plain"}},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "zwfw": {"handlers": ["console"], "level": os.environ.get("ZWFW_LOG_LEVEL", "WARNING")},
        "zwfw.api": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "zwfw.audit": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # The default SMS gateway writes each message here (phone masked): INFO, so it shows in production logs.
        "zwfw.notices": {"handlers": ["console"], "level": os.environ.get("ZWFW_NOTICES_LOG_LEVEL", "INFO"),
                         "propagate": False},
    },
}

# Dashboards: the whole hall's figures (leader, centre counters) are kept this long in the cache (0: never).
ZWFW_DASHBOARD_CACHE_SECONDS = int(os.environ.get("ZWFW_DASHBOARD_CACHE_SECONDS", "60"))

# Daily figures from other systems (stats.import_daily_counts): a count above this for one day, department,
# power type and kind is refused as implausible (the province's busiest day is some tens of thousands).
ZWFW_DAILY_COUNT_MAX = int(os.environ.get("ZWFW_DAILY_COUNT_MAX", "200000"))

# 好差评 closed loop (feedback.services), in working days: the department verifies (核实) a bad rating, then
# rectifies it; optionally a completed case not rated in time counts as 满意 (off unless the centre switches it on).
ZWFW_BAD_RATING_VERIFY_DAYS = int(os.environ.get("ZWFW_BAD_RATING_VERIFY_DAYS", "1"))
ZWFW_RECTIFICATION_DAYS = int(os.environ.get("ZWFW_RECTIFICATION_DAYS", "15"))
ZWFW_DEFAULT_RATING_DAYS = int(os.environ.get("ZWFW_DEFAULT_RATING_DAYS", "5"))
ZWFW_DEFAULT_RATING_SATISFIED = env_bool("ZWFW_DEFAULT_RATING_SATISFIED", False)

# Background jobs (django-tasks): the database backend by default, run by `zwfw db_worker` (README, "Background
# jobs"); ZWFW_TASKS_BACKEND=immediate runs each task at once in the process that enqueues it (the demo).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_tasks_backend = os.environ.get("ZWFW_TASKS_BACKEND", "database")
if _tasks_backend not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"ZWFW_TASKS_BACKEND 应为 {'、'.join(TASK_BACKENDS)} 之一，而不是“{_tasks_backend}”。")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[_tasks_backend], "QUEUES": ["default", "notices", "daily"]}}

# Notices to applicants (zwfw.notices): the SMS gateway (a dotted path; the default writes to the log, the portal
# inbox always gets the message), the address the messages link to, the SMS signature, retries, reminders.
ZWFW_SMS_GATEWAY = os.environ.get("ZWFW_SMS_GATEWAY", "zwfw.notices.gateways.LogGateway")
ZWFW_SMS_URL = os.environ.get("ZWFW_SMS_URL", "")          # HttpSmsGateway: the provider's send endpoint
ZWFW_SMS_KEY = os.environ.get("ZWFW_SMS_KEY", "")          # HttpSmsGateway: its API key (Bearer)
ZWFW_SMS_TIMEOUT = float(os.environ.get("ZWFW_SMS_TIMEOUT", "10"))
ZWFW_SMS_SIGNATURE = os.environ.get("ZWFW_SMS_SIGNATURE", "四川政务服务")
ZWFW_PUBLIC_URL = os.environ.get("ZWFW_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
ZWFW_NOTICE_MAX_ATTEMPTS = int(os.environ.get("ZWFW_NOTICE_MAX_ATTEMPTS", "6"))
ZWFW_NOTICE_BACKOFF_SECONDS = int(os.environ.get("ZWFW_NOTICE_BACKOFF_SECONDS", "60"))  # doubles on each failure
ZWFW_LICENCE_REMINDER_DAYS = int(os.environ.get("ZWFW_LICENCE_REMINDER_DAYS", "60"))  # days before expiry
