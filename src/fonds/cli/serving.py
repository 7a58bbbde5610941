"""`fonds serve` and `fonds demo`: the reading room behind gunicorn, with an index follower."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from fonds.cli.main import CommandError


def register(sub: argparse._SubParsersAction) -> None:
    for name, help_text, handler in (
        ("serve", "serve the reading room and API with gunicorn", cmd_serve),
        ("demo", "import the bundled sample collection (and --corpus DIR) and serve it", cmd_demo),
    ):
        p = sub.add_parser(name, help=help_text, description=help_text[0].upper() + help_text[1:] + ".")
        p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
        p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
        p.add_argument("--workers", type=int, default=_default_workers(), help="gunicorn worker processes")
        if name == "demo":
            p.add_argument("--corpus", metavar="DIR", help="also import the records under DIR")
        p.set_defaults(handler=handler)


def _default_workers() -> int:
    return min(2 * (os.cpu_count() or 1) + 1, 8)


def cmd_demo(args: argparse.Namespace) -> int:
    from fonds.cli.records import run_import
    from fonds.demo import SAMPLES_DIR

    paths: list[str | Path] = [SAMPLES_DIR]
    if args.corpus:
        if not Path(args.corpus).exists():
            raise CommandError(f"--corpus {args.corpus}: no such folder")
        paths.append(args.corpus)
    report = run_import(paths)
    counts = report.counts
    print(
        f"demo: {counts['created']} created, {counts['updated']} updated, {counts['unchanged']} unchanged, "
        f"{counts['rejected']} rejected",
        file=sys.stderr,
    )
    for entry in report.rejected:
        print(f"rejected {entry.message}", file=sys.stderr)
    return cmd_serve(args)


def cmd_serve(args: argparse.Namespace) -> int:
    from django.conf import settings
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    from fonds import search

    search.sync()
    # Workers fork from this process: they must not inherit its database connection.
    connections.close_all()

    # One writer per index: a follower process applies the outbox while the workers only read.
    follower = subprocess.Popen(
        [sys.executable, "-m", "fonds", "--home", str(settings.HOME), "index", "--follow"],
        stdin=subprocess.DEVNULL,
    )

    class App(BaseApplication):
        def load_config(self) -> None:
            self.cfg.set("bind", f"{args.host}:{args.port}")
            self.cfg.set("workers", args.workers)
            self.cfg.set("accesslog", "-")
            self.cfg.set("timeout", 60)
            self.cfg.set("graceful_timeout", 10)
            self.cfg.set("proc_name", "fonds")

        def load(self):
            from fonds.wsgi import application

            return application

    print(f"fonds: the reading room is at http://{args.host}:{args.port}/ (Ctrl-C stops it)", file=sys.stderr)
    try:
        App().run()
    finally:
        follower.terminate()
        try:
            follower.wait(timeout=10)
        except subprocess.TimeoutExpired:
            follower.kill()
    return 0
