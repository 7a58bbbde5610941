"""Django settings, derived from the declared environment settings in :mod:`fonds.conf`."""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url

from fonds import conf

HOME = conf.home()
INDEX_DIR = HOME / "index"
MEDIA_ROOT = HOME / "media"


def _secret_key() -> str:
    key = conf.get("FONDS_SECRET_KEY")
    if key:
        return key
    # A home keeps its own key so sessions and signed tokens survive restarts.
    path = HOME / "secret.key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    key = secrets.token_urlsafe(50)
    # Only a home that exists (the CLI makes it) keeps a key; importing settings writes nothing else.
    if HOME.is_dir():
        try:
            path.write_text(key)
            path.chmod(0o600)
        except OSError:
            pass
    return key


SECRET_KEY = _secret_key()
DEBUG = conf.get("FONDS_DEBUG") == "1"
ALLOWED_HOSTS = [h.strip() for h in (conf.get("FONDS_ALLOWED_HOSTS") or "*").split(",") if h.strip()]
SITE_NAME = conf.get("FONDS_SITE_NAME")

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "fonds.catalog",
    "fonds.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "fonds.urls"
WSGI_APPLICATION = "fonds.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": ["fonds.web.context.site"],
        },
    }
]

_db_url = conf.get("FONDS_DATABASE_URL")
if _db_url:
    DATABASES = {"default": dj_database_url.parse(_db_url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(HOME / "db.sqlite3"),
            # WAL lets the web workers read while an import writes; IMMEDIATE avoids the
            # "database is locked" upgrade deadlock between two writers.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            "TEST": {"NAME": None},
        }
    }

# Files under the home, shared by every worker process of a server: the API's rate limit is one
# budget per client whichever worker answers (fonds.api.throttle).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(HOME / "cache"),
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
}

# django-ninja reads the client's address from X-Forwarded-For only behind this many proxies.
NINJA_NUM_PROXIES = int(conf.get("FONDS_PROXIES")) if (conf.get("FONDS_PROXIES") or "").strip().isdigit() else None

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en"

STATIC_URL = "/static/"
# Served by WhiteNoise straight from the package (its finders) in every mode: no collectstatic
# step and no STATIC_ROOT to create.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

BASE_DIR = Path(__file__).resolve().parent
