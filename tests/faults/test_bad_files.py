"""Every kind of bad file, met by a command that writes: one line that says what is true, exit
status 2, and the file byte-for-byte as it was. Only real damage says "damaged"."""

import random
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner
from faults_helpers import digest

from studytrack.cli import cli
from studytrack.clock import fixed_clock
from studytrack.store import database
from studytrack.store.database import APPLICATION_ID, damage_marker, open_database
from studytrack.store.flags import add_flag
from studytrack.store.learner import Learner

MADE_AT = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
"""When the healthy file was written (its daily check passed that study day)."""

TOMORROW = fixed_clock(MADE_AT + timedelta(days=1))
"""A day later: the daily check is due again."""

PAGE = 4096
"""SQLite's default page size, the one studytrack's files use."""


@pytest.fixture(scope="module")
def healthy(tmp_path_factory):
    """The bytes of a healthy studytrack database with 300 flags, checkpointed (no ``-wal``)."""
    path = tmp_path_factory.mktemp("healthy") / "studytrack.db"
    db = open_database(path, now=MADE_AT)
    for number in range(300):
        add_flag(Learner(db, fixed_clock(MADE_AT)), "loss.zero", "math", f"note {number} " + "x" * 200)
    db.close()
    return path.read_bytes()


def _flipped(data: bytes, page_number: int) -> bytes:
    """``data`` with every byte of page ``page_number`` (1-based) inverted."""
    start = (page_number - 1) * PAGE
    damaged = bytearray(data)
    damaged[start : start + PAGE] = bytes(b ^ 0xFF for b in damaged[start : start + PAGE])
    return bytes(damaged)


def _flags_leaf_page(data: bytes, tmp_path) -> int:
    """A leaf page of the flags table (the first child of its root), to damage real data."""
    probe = tmp_path / "probe.db"
    probe.write_bytes(data)
    connection = sqlite3.connect(probe)
    root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'flags'").fetchone()[0]
    connection.close()
    probe.unlink()
    header = (root - 1) * PAGE
    assert data[header] == 0x05, "the flags table should have grown an interior root page"
    first_cell = int.from_bytes(data[header + 12 : header + 14], "big")
    return int.from_bytes(data[(root - 1) * PAGE + first_cell : (root - 1) * PAGE + first_cell + 4], "big")


def _sqlite_file(path, **pragmas: int) -> None:
    """Another program's SQLite file with the given header pragmas and no tables."""
    connection = sqlite3.connect(path)
    for name, value in pragmas.items():
        connection.execute(f"PRAGMA {name}={value}")
    connection.commit()
    connection.close()


def _bad_file(kind: str, healthy: bytes, tmp_path):
    """Write the bad file of ``kind``; returns its path and what the message must say."""
    path = tmp_path / "studytrack.db"
    half = len(healthy) // 2 // PAGE * PAGE
    writers = {
        "random bytes": (lambda: random.Random(1).randbytes(64 * 1024), "is not a SQLite database"),
        "truncated at 50": (lambda: healthy[:50], "is not a SQLite database"),
        "truncated at one page": (lambda: healthy[:PAGE], "truncated"),
        "truncated at half": (lambda: healthy[:half], "truncated"),
        "truncated by 100 bytes": (lambda: healthy[:-100], "truncated"),
        "flipped data page": (lambda: _flipped(healthy, _flags_leaf_page(healthy, tmp_path)), "damaged"),
        "flipped page 3": (lambda: _flipped(healthy, 3), "damaged"),
        "zero-length": (lambda: b"", "empty file"),
    }
    if kind in writers:
        make, says = writers[kind]
        path.write_bytes(make())
        return path, says
    if kind == "another program's empty database":
        _sqlite_file(path, user_version=7)
        return path, "another program"
    if kind == "another program's application id":
        _sqlite_file(path, application_id=0x0F055112)
        return path, "another program"
    path.write_bytes(healthy)
    connection = sqlite3.connect(path)
    if kind == "future version":
        connection.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('studytrack', '9999_future', '2031')"
        )
    else:  # "future format": a later studytrack may number its file format in user_version
        connection.execute("PRAGMA user_version=2")
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    assert sqlite3.connect(path).execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    return path, "newer version"


KINDS = [
    "random bytes", "truncated at 50", "truncated at one page", "truncated at half",
    "truncated by 100 bytes", "flipped data page", "flipped page 3", "zero-length",
    "another program's empty database", "another program's application id", "future version",
    "future format",
]


@pytest.mark.parametrize("kind", KINDS)
def test_a_bad_file_is_left_byte_identical_with_the_true_message(kind, healthy, tmp_path):
    path, says = _bad_file(kind, healthy, tmp_path)
    before = digest(path)
    runner = CliRunner()
    for lang in ("en", "ko"):
        result = runner.invoke(
            cli, ["--db", str(path), "--lang", lang, "flag", "loss.zero", "--note", "lost?"], obj={"clock": TOMORROW}
        )
        assert result.exit_code == 2, result.output
        assert result.stdout == "" and "Traceback" not in result.stderr
        assert result.stderr.count("\n") == 1 and str(path) in result.stderr
        if lang == "en":
            assert says in result.stderr
            assert ("damaged" in result.stderr) == (says in ("damaged", "truncated"))
            if says in ("damaged", "truncated"):
                assert "studytrack doctor" in result.stderr and str(tmp_path / "backups") in result.stderr
        assert digest(path) == before


@pytest.mark.parametrize("kind", ["flipped data page", "flipped page 3"])
def test_reads_of_a_damaged_file_say_so_in_one_line_and_write_nothing(kind, healthy, tmp_path):
    path, _ = _bad_file(kind, healthy, tmp_path)
    before = digest(path)
    result = CliRunner().invoke(cli, ["--db", str(path), "flags", "--json"], obj={"clock": TOMORROW})
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "damaged" in result.stderr and "Traceback" not in result.stderr
    assert digest(path) == before


def _flag(path, clock, note: str):
    """``studytrack flag loss.zero --note NOTE`` at ``clock``'s time."""
    return CliRunner().invoke(cli, ["--db", str(path), "flag", "loss.zero", "--note", note], obj={"clock": clock})


def test_damage_met_mid_day_stops_every_later_write_until_the_file_is_sound(healthy, tmp_path):
    """Today's check passed already; damage found by a read stops writes for every process."""
    path, _ = _bad_file("flipped data page", healthy, tmp_path)
    same_day = fixed_clock(MADE_AT)
    listing = CliRunner().invoke(cli, ["--db", str(path), "flags", "--all", "--json"], obj={"clock": same_day})
    assert listing.exit_code == 2 and "damaged" in listing.stderr and listing.stderr.count("\n") == 1
    assert damage_marker(path).exists()
    before = digest(path)
    refused = _flag(path, same_day, "not written")
    assert refused.exit_code == 2 and "damaged" in refused.stderr and "studytrack doctor" in refused.stderr
    assert digest(path) == before
    path.write_bytes(healthy)  # what a restore does
    restored = _flag(path, same_day, "written")
    assert restored.exit_code == 0, restored.output
    assert not damage_marker(path).exists()


def test_a_large_file_is_checked_right_after_the_commands_output(healthy, tmp_path, monkeypatch):
    """Above the size for a check at open, the day's check follows the output, and stops writes."""
    monkeypatch.setattr(database, "QUICK_CHECK_AT_OPEN_MAX_BYTES", 0)
    path, _ = _bad_file("flipped data page", healthy, tmp_path)
    first = CliRunner().invoke(cli, ["--db", str(path), "settings", "daily_minutes", "30"], obj={"clock": TOMORROW})
    assert first.stdout, first.stderr  # the command ran (it never reads the damaged flags page)
    assert first.exit_code == 2 and "damaged" in first.stderr and first.stderr.count("\n") == 1
    before = digest(path)
    second = _flag(path, TOMORROW, "not written")
    assert second.exit_code == 2 and "damaged" in second.stderr
    assert digest(path) == before
