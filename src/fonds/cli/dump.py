"""`fonds dump`: every record in a versioned, checksummed folder for bulk download."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fonds.cli.main import CommandError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "dump",
        help="write a bulk dump of every record",
        description=(
            "Write fonds-dump-<UTC timestamp>/ with records.jsonl.gz, records.csv.gz, manifest.json "
            "and SHA256SUMS. The reading room serves the newest dump in FONDS_HOME/media/dumps at /dumps/latest/."
        ),
    )
    p.add_argument(
        "--output",
        "-o",
        metavar="DIR",
        help="folder to write the dump folder into (default: FONDS_HOME/media/dumps, which the reading room serves)",
    )
    p.add_argument(
        "--keep",
        metavar="N",
        type=int,
        help="afterwards, remove all but the N newest dumps in that folder (default: keep every dump)",
    )
    p.set_defaults(handler=cmd_dump)


def cmd_dump(args: argparse.Namespace) -> int:
    from fonds.catalog import dumps

    if args.keep is not None and args.keep < 1:
        raise CommandError(f"--keep {args.keep}: keep at least the dump just written (--keep 1)")
    try:
        dump = dumps.write_dump(Path(args.output).expanduser() if args.output else None)
    except dumps.DumpExists as exc:
        raise CommandError(f"{exc}; try again in a second") from None
    except OSError as exc:
        raise CommandError(f"cannot write the dump: {exc}") from None
    manifest = dump.manifest
    sizes = ", ".join(f"{f['name']} {_size(f['size'])}" for f in manifest["files"])
    print(f"{manifest['record_count']} record(s): {sizes}", file=sys.stderr)
    if args.keep is not None:
        try:
            removed = dumps.prune(args.keep, dump.path.parent)
        except OSError as exc:
            raise CommandError(f"the dump was written ({dump.path}), but an old one could not be removed: {exc}") from None
        for path in removed:
            print(f"removed the older dump {path.name}", file=sys.stderr)
    print(dump.path)
    return 0


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n / 2**10:.1f} KB"
