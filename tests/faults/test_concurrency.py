"""Two to four processes writing at once, plus one reading: nothing lost, never "locked"."""

import os

import pytest
from faults_helpers import fork, integrity, stored_notes, wait, write_notes

from studytrack.store.database import open_database
from studytrack.store.flags import list_flags

WRITES_EACH = 300
"""Writes per process (each its own transaction, synchronous=FULL)."""


def _read_until(path, stop_file) -> None:
    """Read the flags again and again until ``stop_file`` appears; any error fails the reader."""
    db = open_database(path)
    reads = 0
    while not stop_file.exists() or reads == 0:
        list_flags(db, include_resolved=True)
        reads += 1
    db.close()


@pytest.mark.parametrize("writers", [2, 4])
def test_concurrent_writers_and_a_reader_lose_nothing_and_never_say_locked(tmp_path, writers):
    path = tmp_path / "studytrack.db"
    open_database(path).close()
    stop = tmp_path / "stop"
    reader = fork(lambda: _read_until(path, stop), tmp_path / "reader.txt")
    children = [
        (fork(lambda w=w: write_notes(path, f"w{w}", WRITES_EACH, reopen_every=60), tmp_path / f"w{w}.txt"), w)
        for w in range(writers)
    ]
    try:
        for pid, w in children:
            wait(pid, tmp_path / f"w{w}.txt")  # a "database is locked" would fail the writer
    finally:
        stop.touch()
        wait(reader, tmp_path / "reader.txt")
    expected = {f"w{w}-{n}" for w in range(writers) for n in range(WRITES_EACH)}
    assert stored_notes(path) == expected
    assert integrity(path) == ["ok"]
    assert not any(name.startswith(".") for name in os.listdir(tmp_path))
