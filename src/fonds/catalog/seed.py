"""The curated authority file that ships with fonds, loaded into every database after migrating.

``data/core-authorities.jsonl`` names the people, organisations and places the archive's core
subjects turn on (Kim Il Sung, Zhou Enlai, Pyongyang, the Yalu...) with their spellings. It is
written by the project. Loading is idempotent: unchanged authorities are left alone.
"""

from __future__ import annotations

from pathlib import Path

CORE_AUTHORITIES = Path(__file__).parent / "data" / "core-authorities.jsonl"


def load_core_authorities(sender=None, using: str = "default", **kwargs) -> None:
    from fonds.catalog.authorities import save_authorities
    from fonds.ingest.authorities_jsonl import parser
    from fonds.ingest.base import Source

    items = list(parser.parse(Source(CORE_AUTHORITIES, str(CORE_AUTHORITIES))))
    bad = [i.error for i in items if i.error is not None]
    if bad:
        raise RuntimeError(f"the curated authority file is broken: {bad[0]}")
    outcomes = save_authorities([i.authority for i in items if i.authority is not None])
    failed = [o for o in outcomes if o.error]
    if failed:
        raise RuntimeError(f"the curated authority file could not be loaded: {failed[0].record_id}: {failed[0].error}")
