"""Every setting fonds reads from the environment, declared once with its help text.

The README's settings table is checked against this list by a test, so a setting cannot be added
without being documented.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    default: str | None
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("FONDS_HOME", "./fonds-data", "Folder holding db.sqlite3, index/ and media/. `--home` overrides it."),
    Setting(
        "FONDS_DATABASE_URL",
        None,
        "A database URL (postgres://user:pass@host:port/name) to keep records in PostgreSQL instead of "
        "FONDS_HOME/db.sqlite3.",
    ),
    Setting("FONDS_SECRET_KEY", None, "Django's secret key; a fixed key is stored in FONDS_HOME when unset."),
    Setting("FONDS_DEBUG", "0", "Set to 1 to show Django's debug pages (never in production)."),
    Setting("FONDS_ALLOWED_HOSTS", "*", "Comma-separated host names the server answers to."),
    Setting("FONDS_SITE_NAME", "fonds", "The archive's name, shown in the header and in citations."),
    Setting(
        "FONDS_API_RATE",
        "120",
        "Requests a minute each client may make to /api/v1, one budget across all of a server's "
        "workers; 0 switches the limit off.",
    ),
    Setting("FONDS_API_BURST", "60", "Requests a client may make to /api/v1 at once before FONDS_API_RATE applies."),
    Setting(
        "FONDS_PROXIES",
        None,
        "How many reverse proxies stand in front of the server: the client's address for the rate "
        "limit is then read from X-Forwarded-For (never trusted when unset).",
    ),
)


def get(name: str) -> str | None:
    """The value of a declared setting: the environment first, then its default."""
    for s in SETTINGS:
        if s.name == name:
            return os.environ.get(name, s.default)
    raise KeyError(f"undeclared setting {name}")


def home() -> Path:
    """FONDS_HOME as an absolute path (not created here)."""
    return Path(get("FONDS_HOME") or "./fonds-data").expanduser().resolve()
