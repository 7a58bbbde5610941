"""The import report: what happened to every item, and the totals (``--report FILE`` writes it)."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

STATUSES = ("created", "updated", "unchanged", "skipped", "rejected")


@dataclass
class Entry:
    location: str
    status: str  # one of STATUSES
    record_id: str | None = None
    code: str | None = None  # machine-readable reason when rejected
    message: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"location": self.location, "status": self.status, "id": self.record_id}
        if self.status in ("rejected", "skipped"):
            out["code"] = self.code
            out["message"] = self.message
        return out


@dataclass
class Report:
    dry_run: bool = False
    entries: list[Entry] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None
    files: int = 0
    index: dict[str, Any] | None = None  # what the index sync did, when it ran

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)

    @property
    def counts(self) -> dict[str, int]:
        c = Counter(e.status for e in self.entries)
        return {s: c.get(s, 0) for s in STATUSES}

    @property
    def rejected(self) -> list[Entry]:
        return [e for e in self.entries if e.status == "rejected"]

    @property
    def seconds(self) -> float:
        return round((self.finished or time.monotonic()) - self.started, 3)

    def to_json(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "files": self.files,
            "items": len(self.entries),
            "counts": self.counts,
            "seconds": self.seconds,
            "index": self.index,
            "rejected": [e.to_json() for e in self.rejected],
            "entries": [e.to_json() for e in self.entries],
        }
