"""Helpers of the fault-injection tests: forked children, writers that acknowledge each commit,
and readings of a database file."""

import hashlib
import os
import signal
import sqlite3
import traceback
from collections.abc import Callable
from pathlib import Path

from studytrack.clock import system_clock
from studytrack.store.database import open_database
from studytrack.store.flags import add_flag
from studytrack.store.learner import Learner

FAULT_RUNS = int(os.environ.get("STUDYTRACK_FAULT_RUNS", "30"))
"""How many ``kill -9`` runs (at least 30; more for a long run: ``STUDYTRACK_FAULT_RUNS=500``)."""


def digest(path: Path) -> str:
    """The SHA-256 of a file's bytes (a refused file must keep it)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fork(task: Callable[[], None], error_file: Path) -> int:
    """Run ``task`` in a forked child; its exit status is 0 when it returned, 1 with the traceback
    in ``error_file`` when it raised. Returns the child's pid."""
    pid = os.fork()
    if pid:
        return pid
    status = 1
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        task()
        status = 0
    except BaseException:
        error_file.write_text(traceback.format_exc())
    finally:
        os._exit(status)


def wait(pid: int, error_file: Path) -> None:
    """Wait for a child from ``fork`` and fail the test with its traceback if it raised."""
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    assert code == 0, error_file.read_text() if error_file.exists() else f"exit {code}"


def write_notes(path: Path, prefix: str, count: int, reopen_every: int = 0, ack_fd: int | None = None) -> None:
    """Add ``count`` flags whose notes are ``prefix-N``; after each commit, write ``N`` to
    ``ack_fd`` (an acknowledged write). ``reopen_every`` closes and reopens the database (a
    checkpoint each time) that often."""
    db = open_database(path)
    for number in range(count):
        if reopen_every and number and number % reopen_every == 0:
            db.close()
            db = open_database(path)
        add_flag(Learner(db, system_clock), "loss.zero", "math", f"{prefix}-{number}")
        if ack_fd is not None:
            os.write(ack_fd, f"{number}\n".encode())
    db.close()


def stored_notes(path: Path) -> set[str]:
    """Every flag note in the database at ``path`` (opened the way studytrack opens it)."""
    db = open_database(path)
    try:
        return {row[0] for row in db.execute("SELECT note FROM flags")}
    finally:
        db.close()


def integrity(path: Path) -> list[str]:
    """``PRAGMA integrity_check`` of the file at ``path`` (``["ok"]`` when sound)."""
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("PRAGMA integrity_check")]
    finally:
        connection.close()
