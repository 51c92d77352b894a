"""Settings, twelve-factor: everything comes from environment variables.

SQLite under ``var/`` is the embedded default; set ``DATABASE_URL``
(``postgres://user@host:port/name``) for PostgreSQL.
"""
import os
from pathlib import Path
from urllib.parse import unquote, urlparse

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


SECRET_KEY = os.environ.get("ZWFW_SECRET_KEY", "zwfw-development-only-key-change-me-in-production")
DEBUG = env_bool("ZWFW_DEBUG", True)
ALLOWED_HOSTS = [h for h in os.environ.get("ZWFW_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
STRICT = env_bool("ZWFW_STRICT", False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "zwfw.workdays",
    "zwfw.accounts",
    "zwfw.catalog",
    "zwfw.cases",
    "zwfw.licences",
    "zwfw.credit",
    "zwfw.feedback",
    "zwfw.hall",
    "zwfw.assessment",
    "zwfw.stats",
    "zwfw.briefing",
    "zwfw.web",
    "zwfw.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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

DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'zwfw.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3") and DATABASES["default"]["NAME"] != ":memory:":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}

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
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "zwfw": {"handlers": ["console"], "level": os.environ.get("ZWFW_LOG_LEVEL", "WARNING")},
        "zwfw.audit": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
