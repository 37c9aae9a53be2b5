"""Writes the system refuses: a full disk, ``ulimit -f``, a read-only file or folder, a lock held
by another program. Each is told as what it is (never "damaged"), keeps every write made before,
and leaves a file that opens again."""

import contextlib
import os
import resource
import signal
import sqlite3
import subprocess

import pytest
from click.testing import CliRunner
from faults_helpers import digest, fork, integrity, stored_notes, wait

from studytrack.cli import cli
from studytrack.clock import system_clock
from studytrack.store import database
from studytrack.store.database import database_problem, open_database, problem_kind
from studytrack.store.flags import add_flag
from studytrack.store.learner import Learner

NOTE = "n" * 1500
"""A long note, so the file grows quickly."""



def _fill(db, prefix: str, limit: int = 100_000) -> tuple[set[str], sqlite3.Error]:
    """Add flags until a write fails; returns the acknowledged notes and the error."""
    acknowledged: set[str] = set()
    for number in range(limit):
        note = f"{prefix}-{number} {NOTE}"
        try:
            add_flag(Learner(db, system_clock), "loss.zero", "math", note)
        except sqlite3.Error as error:
            return acknowledged, error
        acknowledged.add(note)
    raise AssertionError("no write failed")


def _assert_disk_full_told_and_nothing_lost(error, path, acknowledged) -> None:
    """The error is "disk full" (never damage), and the file keeps every acknowledged write."""
    assert problem_kind(error) == "disk_full", error
    message = str(database_problem(error, path))
    assert message.startswith("disk full: free space and try again") and "damaged" not in message


def test_a_full_database_says_disk_full_and_keeps_every_write(tmp_path):
    """SQLite's own limit (``max_page_count``) stands in for the disk: the same SQLITE_FULL."""
    path = tmp_path / "studytrack.db"
    db = open_database(path)
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count={pages + 20}")
    acknowledged, error = _fill(db, "cap")
    _assert_disk_full_told_and_nothing_lost(error, path, acknowledged)
    db.close()
    assert acknowledged and acknowledged <= stored_notes(path)
    assert integrity(path) == ["ok"]


@pytest.fixture
def tiny_disk(tmp_path):
    """A 320 KiB tmpfs (root with mount rights only), unmounted afterwards."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=320k,mode=0700", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"no tmpfs here (needs root with mount rights): {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_really_full_disk_says_disk_full_and_the_file_opens_again(tiny_disk):
    path = tiny_disk / "studytrack.db"
    db = open_database(path)
    acknowledged, error = _fill(db, "tmpfs")
    _assert_disk_full_told_and_nothing_lost(error, path, acknowledged)
    db.close()  # the checkpoint at close may stop half-way on the full disk
    with contextlib.suppress(database.DatabaseFileError):
        open_database(path).close()  # may still be too full to open; must not say damaged
    subprocess.run(["mount", "-o", "remount,size=4m", str(tiny_disk)], check=True)
    assert acknowledged <= stored_notes(path)
    assert integrity(path) == ["ok"]


def _write_until_refused(path, limit: int, out_fd: int) -> None:
    """In a child with ``ulimit -f``: add flags until a write fails; report each acknowledged
    note and the message the command line would print (``database_problem``) through ``out_fd``."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a refused write, not a killed process
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    db = open_database(path)
    acknowledged, error = _fill(db, "ulimit")
    db.close()  # its checkpoint stops at the limit too
    for note in acknowledged:
        os.write(out_fd, f"ACK {note}\n".encode())
    os.write(out_fd, f"ERROR {database_problem(error, path)}\n".encode())


def test_ulimit_f_is_told_as_a_refused_write_and_the_file_opens_again(tmp_path):
    path = tmp_path / "studytrack.db"
    open_database(path).close()
    read_end, write_end = os.pipe()
    limit = path.stat().st_size + 96 * 1024
    child = fork(lambda: _write_until_refused(path, limit, write_end), tmp_path / "child.txt")
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        report = pipe.read().decode()
    wait(child, tmp_path / "child.txt")
    acknowledged = {line[4:] for line in report.splitlines() if line.startswith("ACK ")}
    error = report[report.index("ERROR ") :]
    assert error.count("\n") == 1 and str(path) in error, error
    assert "damaged" not in error and ("disk full" in error or "refused to read or write" in error), error
    assert acknowledged and acknowledged <= stored_notes(path)
    assert integrity(path) == ["ok"]


@contextlib.contextmanager
def _read_only(target):
    """Make ``target`` unwritable, also for root (who ignores permission bits): ``chattr +i``."""
    if os.geteuid() != 0:
        mode = target.stat().st_mode
        target.chmod(0o555 if target.is_dir() else 0o444)
        try:
            yield
        finally:
            target.chmod(mode)
        return
    made = subprocess.run(["chattr", "+i", str(target)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"running as root and chattr +i is unavailable: {made.stderr.decode().strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(target)], check=True)


@pytest.mark.parametrize("what", ["file", "folder", "folder of a new file"])
def test_a_read_only_file_or_folder_says_cant_write_and_is_left_as_it_was(tmp_path, what):
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "studytrack.db"
    if what != "folder of a new file":
        db = open_database(path)
        add_flag(Learner(db, system_clock), "loss.zero", "math", "kept")
        db.close()
    before = digest(path) if path.exists() else None
    with _read_only(path if what == "file" else folder):
        result = CliRunner().invoke(cli, ["--db", str(path), "flag", "gd.idea", "--note", "lost?"])
        assert result.exit_code == 2
        target = path if what == "file" else folder
        assert result.stderr == f"can't write: check permissions on {target}.\n"
        assert sorted(os.listdir(folder)) == ([] if before is None else ["studytrack.db"])
    if before is not None:
        assert digest(path) == before
        assert stored_notes(path) == {"kept"}


def test_a_lock_held_by_another_program_says_busy(tmp_path, monkeypatch):
    path = tmp_path / "studytrack.db"
    open_database(path).close()
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        result = CliRunner().invoke(cli, ["--db", str(path), "flag", "gd.idea", "--note", "later"])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert result.exit_code == 2
    assert result.stderr == f"busy — another program holds the database {path}; try again.\n"
    again = CliRunner().invoke(cli, ["--db", str(path), "flag", "gd.idea", "--note", "later"])
    assert again.exit_code == 0 and stored_notes(path) == {"later"}
