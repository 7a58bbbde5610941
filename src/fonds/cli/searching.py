"""`fonds search`, `fonds reindex`, `fonds index`: querying and maintaining the search index."""

from __future__ import annotations

import argparse
import html
import json
import sys
import time

from fonds.cli.main import CommandError


def register(sub: argparse._SubParsersAction) -> None:
    from fonds.search import FACETS, SORTS

    p = sub.add_parser("search", help="search the archive", description="Search the archive.")
    p.add_argument("query", metavar="QUERY", nargs="?", default="", help="words, \"phrases\", field:value")
    p.add_argument("--format", choices=("json", "text"), default="text")
    p.add_argument("--limit", type=int, default=20, help="hits to print (default 20, at most 100)")
    p.add_argument("--page", type=int, default=1)
    p.add_argument("--sort", choices=SORTS, default="relevance")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="earliest date (1957, 1957-12, 1957-12-20)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="latest date")
    for facet in FACETS:
        p.add_argument(f"--{facet.key}", action="append", default=[], metavar="VALUE", help=f"filter by {facet.label.lower()}")
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser(
        "reindex",
        help="rebuild the search index beside the old one and swap it in",
        description="Rebuild the search index from the database and swap it in atomically.",
    )
    p.set_defaults(handler=cmd_reindex)

    p = sub.add_parser(
        "index",
        help="bring the index up to date with the database (or follow it)",
        description="Apply pending outbox entries to the search index and print its status.",
    )
    p.add_argument("--follow", action="store_true", help="keep applying new entries until stopped")
    p.add_argument("--interval", type=float, default=1.0, help="seconds between checks with --follow")
    p.set_defaults(handler=cmd_index)


def cmd_search(args: argparse.Namespace) -> int:
    from fonds import search

    request = search.SearchRequest(
        q=args.query,
        filters={f.key: getattr(args, f.key) for f in search.FACETS if getattr(args, f.key)},
        date_from=args.date_from,
        date_to=args.date_to,
        sort=args.sort,
        page=args.page,
        per_page=args.limit,
    )
    try:
        search.sync()
        result = search.search(request)
    except search.BadRequest as exc:
        raise CommandError(str(exc), 2) from None
    except (search.IndexMissing, search.SchemaMismatch) as exc:
        raise CommandError(str(exc)) from None
    if args.format == "json":
        out = {
            "total": result.total,
            "hits": [h.to_json() for h in result.hits],
            "facets": {k: [{"value": v.value, "count": v.count} for v in vs] for k, vs in result.facets.items()},
        }
        if result.errors:
            out["errors"] = result.errors
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    print(f"{result.total} record(s)")
    bold, plain = ("\x1b[1m", "\x1b[0m") if sys.stdout.isatty() else ("", "")
    for hit in result.hits:
        print(f"\n{hit.id}  {hit.date_display or ''}  {hit.title}")
        snippet = hit.snippet.replace("<mark>", bold).replace("</mark>", plain)
        print("    " + html.unescape(snippet))
    return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    from fonds import search

    started = time.monotonic()
    result = search.rebuild(search.store())
    print(f"reindexed {result.applied} record(s) in {time.monotonic() - started:.1f}s; index at outbox position {result.position}", file=sys.stderr)
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    from django.db import close_old_connections

    from fonds import search

    store = search.store()
    while True:
        result = search.sync(store)
        head = search.outbox_head()
        if not args.follow:
            state = "busy: another process is writing it" if result.busy else "up to date"
            print(f"index at outbox position {result.position} of {head} ({state}); applied {result.applied}")
            return 0
        close_old_connections()
        time.sleep(args.interval)
