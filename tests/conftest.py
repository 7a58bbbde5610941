"""Shared fixtures: a fresh index folder per test, and an archive holding the demo samples.

Tests run on real SQLite (pytest-django's test database) and a real Tantivy index in a temp dir.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpora"
REFERENCE_PAGE = CORPORA / "wcda" / "115958-puzanov-journal-1957-12-20.txt"


def corpus_file(relative: str) -> Path:
    """A file of ../shared/corpora, or a skip saying it is absent."""
    path = CORPORA / relative
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared corpora are not beside this checkout")
    return path


@pytest.fixture
def corpus():
    """``corpus("frus/x.xml")``: a file of ../shared/corpora, or a skip saying it is absent."""
    return corpus_file


@pytest.fixture
def reference_page() -> Path:
    return corpus_file("wcda/115958-puzanov-journal-1957-12-20.txt")


@pytest.fixture
def index_dir(settings, tmp_path) -> Path:
    """An empty index folder of this test's own (settings.INDEX_DIR points at it)."""
    settings.INDEX_DIR = tmp_path / "index"
    return settings.INDEX_DIR


@pytest.fixture
def samples_dir() -> Path:
    from fonds.demo import SAMPLES_DIR

    return SAMPLES_DIR


@pytest.fixture
def archive(db, index_dir, samples_dir):
    """The demo samples imported and indexed; returns the import report."""
    from fonds import search
    from fonds.catalog.importer import import_paths

    report = import_paths([samples_dir])
    assert report.counts["rejected"] == 0, [e.message for e in report.rejected]
    search.sync()
    return report



class Cli:
    """Runs the `fonds` command line in a subprocess against a home (and database) of its own."""

    def __init__(self, env: dict[str, str], home: Path):
        self.env = env
        self.home = home

    def run(self, *args, check: bool = True, timeout: float = 180):
        import subprocess
        import sys

        proc = subprocess.run(
            [sys.executable, "-m", "fonds", "--home", str(self.home), *map(str, args)],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and proc.returncode != 0:
            raise AssertionError(f"fonds {' '.join(map(str, args))} exited {proc.returncode}:\n{proc.stderr}")
        return proc

    def popen(self, *args):
        """Start `fonds ...` in its own process group (for servers); the caller stops it."""
        import subprocess
        import sys

        return subprocess.Popen(
            [sys.executable, "-m", "fonds", "--home", str(self.home), *map(str, args)],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )


@pytest.fixture
def make_cli(tmp_path):
    """Makes :class:`Cli` objects, each with a fresh home (and, on PostgreSQL, a fresh database).

    On SQLite the home holds the database. When the suite runs on PostgreSQL (FONDS_DATABASE_URL
    set), each Cli gets a database of its own, dropped after the test.
    """
    import os
    import uuid

    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    url = os.environ.get("FONDS_DATABASE_URL")
    server = url.rsplit("/", 1)[0] if url else None
    made: list[str] = []

    def make() -> Cli:
        env = dict(base_env)
        home = tmp_path / f"home{len(made) + 1}"
        if server is None:
            made.append(str(home))
            return Cli(env, home)
        import psycopg

        name = f"fonds_cli_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(server + "/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        env["FONDS_DATABASE_URL"] = f"{server}/{name}"
        return Cli(env, home)

    yield make
    if server is not None:
        import psycopg

        with psycopg.connect(server + "/postgres", autocommit=True) as conn:
            for name in made:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def cli(make_cli) -> Cli:
    """A :class:`Cli` with a fresh home (and database)."""
    return make_cli()


@pytest.fixture(autouse=True)
def _fresh_name_lookup(monkeypatch):
    """Search's name lookup checks the authorities on every query in tests (not every 5 s)."""
    from fonds.search import names

    monkeypatch.setattr(names, "CHECK_EVERY", 0.0)


@pytest.fixture(autouse=True)
def _own_cache(settings, tmp_path_factory):
    """Each test its own cache folder (the API's rate-limit buckets live there)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path_factory.mktemp("cache")),
        }
    }
