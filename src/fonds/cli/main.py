"""The `fonds` command: global options, Django set-up, and the table of sub-commands.

Each sub-command lives in a small module (records, searching, serving) and registers itself in
:data:`COMMANDS`; the README's CLI section is checked against this table by a test.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from fonds import __version__

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """A failure to report as one line on stderr with a non-zero exit status."""

    def __init__(self, message: str, status: int = EXIT_FAILED):
        super().__init__(message)
        self.status = status


def configure_django(home: str | None) -> None:
    """Point fonds at its home and configure Django (no file or database is touched yet)."""
    if home:
        os.environ["FONDS_HOME"] = str(Path(home).expanduser().resolve())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fonds.settings")
    import django

    django.setup()


def prepare_home() -> None:
    """Create the home folder and bring the database schema up to date."""
    from fonds import conf

    conf.home().mkdir(parents=True, exist_ok=True)
    migrate_if_needed()


def migrate_if_needed() -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", interactive=False, verbosity=0)


def build_parser() -> argparse.ArgumentParser:
    from fonds.cli import dump, records, searching, serving

    parser = argparse.ArgumentParser(
        prog="fonds",
        description="A self-hosted digital archive for translated primary-source documents.",
    )
    parser.add_argument("--version", action="version", version=f"fonds {__version__}")
    parser.add_argument(
        "--home",
        metavar="DIR",
        default=None,
        help="folder holding the database, index/ and media/ (default: $FONDS_HOME or ./fonds-data)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in (records, searching, serving, dump):
        module.register(sub)
    return parser


def _home_option(argv: Sequence[str]) -> str | None:
    """The global --home, read before the full parser exists (its sub-commands need Django)."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--home")
    known, _ = early.parse_known_args(argv)
    return known.home


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    configure_django(_home_option(argv))
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        prepare_home()
        return handler(args) or EXIT_OK
    except CommandError as exc:
        print(f"fonds {args.command}: {exc}", file=sys.stderr)
        return exc.status
    except KeyboardInterrupt:
        print(f"fonds {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
