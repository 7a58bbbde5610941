"""Demo content: sample pages in the Wilson Center Digital Archive page-text format.

The twelve pages in :data:`SAMPLES_DIR` (Record IDs 900001-900012) were written for this project;
they are not historical sources and each says so in its first paragraph. They are free to reuse
(CC0). ``fonds demo`` and the test suite import them to fill a reading room with varied records:
types, dates from 1949 to 1991 (a month, an approximate year, ranges), several archives and
citation forms, and names spelled in several romanisations (Kim Il Sung / Kim Il-sung, Zhou Enlai /
Chou En-lai, Pyongyang / P'yŏngyang) to show name-variant search.
"""

from __future__ import annotations

from pathlib import Path

SAMPLES_DIR = Path(__file__).parent / "samples"


def sample_paths() -> list[Path]:
    """The sample pages, in Record ID order."""
    return sorted(SAMPLES_DIR.glob("sample-*.txt"))
