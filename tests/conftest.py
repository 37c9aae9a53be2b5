"""Shared fixtures: every test gets a temporary database, a fixed clock and a clean environment."""

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from studytrack.cli import cli
from studytrack.clock import fixed_clock
from studytrack.paths import bundled_content_dir
from studytrack.session import Session
from studytrack.store.learner import Learner

FIXED_NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
"""The moment every test lives in, unless it moves the clock itself."""

FIXTURES = Path(__file__).parent / "fixtures"
"""Fixture course folders."""


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path_factory, monkeypatch):
    """Hide the developer's own data and settings: HOME and XDG folders point into a temp dir."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    for name in ("STUDYTRACK_DB", "STUDYTRACK_CONTENT", "STUDYTRACK_LANG", "STUDYTRACK_NOW"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    yield home


@pytest.fixture
def now() -> datetime:
    """The fixed time of the test."""
    return FIXED_NOW


@pytest.fixture
def db_path(tmp_path) -> Path:
    """A database path in the test's own temporary folder (the folder exists, the file not yet:
    a ``--db`` path in a missing folder is refused)."""
    folder = tmp_path / "data"
    folder.mkdir(exist_ok=True)
    return folder / "studytrack.db"


@pytest.fixture
def db(db_path):
    """An opened, migrated database in a temporary file."""
    from studytrack.store.database import open_database

    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def learner(db) -> Learner:
    """The learner of ``db``: the fixed clock (``FIXED_NOW``) and English; ``learner.at(moment)``
    moves the clock for one write."""
    return Learner(db, fixed_clock(FIXED_NOW), "en")


@pytest.fixture
def course_dir() -> Path:
    """The bundled course."""
    return bundled_content_dir()


@pytest.fixture
def mini_course(tmp_path) -> Path:
    """A copy of the tiny valid fixture course, free to break."""
    target = tmp_path / "mini"
    shutil.copytree(FIXTURES / "courses" / "mini", target)
    return target


@pytest.fixture
def session(db_path, course_dir) -> Session:
    """A session on a temporary database, the bundled course, English and the fixed clock."""
    return Session(db_path=db_path, content_dir=course_dir, lang="en", clock=fixed_clock(FIXED_NOW))


@pytest.fixture
def run_cli(db_path):
    """Run ``studytrack ARGS`` in-process against the temporary database, with the fixed clock."""

    def run(*args: str, lang: str = "en", content: Path | None = None):
        runner = CliRunner()
        base = ["--db", str(db_path), "--lang", lang]
        if content is not None:
            base += ["--content", str(content)]
        return runner.invoke(cli, [*base, *args], obj={"clock": fixed_clock(FIXED_NOW)})

    return run


@pytest.fixture
def run_alone(tmp_path):
    """Run ``studytrack`` with no arguments, through the console script's entry point, in a fresh
    interpreter: ``prelude`` (Python source) first, then ``main()``, whose exit status is printed
    last; the database is ``x.db`` in the test's folder, in English. Returns the finished process."""

    def run(prelude: str) -> subprocess.CompletedProcess[str]:
        probe = (prelude + "from studytrack.cli import main\n"
                 "sys.argv = ['studytrack']\n"
                 "try:\n"
                 "    main()\n"
                 "except SystemExit as exit:\n"
                 "    print(exit.code)\n")
        env = {**os.environ, "STUDYTRACK_DB": str(tmp_path / "x.db"), "STUDYTRACK_LANG": "en"}
        env.pop("STUDYTRACK_NOW", None)
        return subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120)

    return run


@pytest.fixture
def parses(monkeypatch) -> list[object]:
    """Every stylesheet source Textual's parser is asked to parse from now on (by where it was
    read from); kept parses (``studytrack/ui/kept_css.py``) are not asked for."""
    from textual.css import stylesheet

    asked: list[object] = []
    parse = stylesheet.parse

    def counted(scope, css, read_from, *args, **kwargs):
        asked.append(read_from)
        return parse(scope, css, read_from, *args, **kwargs)

    monkeypatch.setattr(stylesheet, "parse", counted)
    return asked
