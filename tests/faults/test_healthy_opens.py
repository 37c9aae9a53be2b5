"""A healthy file is never refused: not after a checkpoint cut short (its ``-wal`` still holds the
pages the main file lacks), not while another process writes and checkpoints. A file that really
lost pages is still told as truncated, and left as it was."""

import random
import shutil
import sqlite3

import pytest
from faults_helpers import digest, fork, integrity, stored_notes, wait

from studytrack.clock import system_clock
from studytrack.errors import DatabaseFileError
from studytrack.store.database import open_database
from studytrack.store.flags import add_flag
from studytrack.store.learner import Learner

OPENS = 500
"""How many times the healthy file is opened while another process writes."""


def _cut_checkpoint(tmp_path):
    """A copy of a database whose checkpoint stopped after writing page 1 and a few low pages:
    the header counts pages that only its ``-wal`` holds. Returns (copy, notes in it)."""
    path = tmp_path / "source.db"
    open_database(path).close()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_autocheckpoint=0")
    notes = {f"grown {number} " + "y" * 300 for number in range(400)}
    connection.executemany(
        "INSERT INTO flags (topic_id, category, note, created_at) VALUES ('gd.idea', 'math', ?, '2026-11-28')",
        [(note,) for note in notes],
    )
    connection.commit()
    copy = tmp_path / "studytrack.db"
    shutil.copyfile(path, copy)
    shutil.copyfile(f"{path}-wal", f"{copy}-wal")
    connection.close()
    wal = (tmp_path / "studytrack.db-wal").read_bytes()
    page_size = int.from_bytes(wal[8:12], "big")
    newest: dict[int, bytes] = {}
    for offset in range(32, len(wal) - 24 - page_size + 1, 24 + page_size):
        newest[int.from_bytes(wal[offset : offset + 4], "big")] = wal[offset + 24 : offset + 24 + page_size]
    with copy.open("r+b") as main:
        for page in sorted(newest)[:3]:  # a checkpoint writes pages in ascending order
            main.seek((page - 1) * page_size)
            main.write(newest[page])
    header_pages = int.from_bytes(copy.read_bytes()[28:32], "big")
    assert copy.stat().st_size < header_pages * page_size, "the cut checkpoint should leave the file short"
    return copy, notes


def test_a_checkpoint_cut_short_is_read_through_its_wal_not_refused(tmp_path):
    copy, notes = _cut_checkpoint(tmp_path)
    assert notes <= stored_notes(copy)
    assert integrity(copy) == ["ok"]


def test_a_file_short_of_pages_with_no_wal_is_truncated_and_left_as_it_was(tmp_path):
    copy, _ = _cut_checkpoint(tmp_path)
    (tmp_path / "studytrack.db-wal").unlink()
    before = digest(copy)
    with pytest.raises(DatabaseFileError, match="truncated") as raised:
        open_database(copy)
    assert "studytrack doctor" in str(raised.value)
    assert digest(copy) == before


def _write_and_checkpoint(path, stop_file) -> None:
    """Write flags and run checkpoints of every kind at random until ``stop_file`` appears."""
    chance = random.Random(7)
    db = open_database(path)
    number = 0
    while not stop_file.exists():
        add_flag(Learner(db, system_clock), "loss.zero", "math", f"busy {number} " + "z" * chance.randrange(1900))
        number += 1
        if chance.random() < 0.2:
            mode = chance.choice(["PASSIVE", "FULL", "RESTART", "TRUNCATE"])
            db.execute(f"PRAGMA wal_checkpoint({mode})").fetchall()
        if chance.random() < 0.05:
            db.close()
            db = open_database(path)
    db.close()


def test_a_healthy_file_opened_500_times_while_another_process_writes_is_never_refused(tmp_path):
    path = tmp_path / "studytrack.db"
    open_database(path).close()
    stop = tmp_path / "stop"
    writer = fork(lambda: _write_and_checkpoint(path, stop), tmp_path / "writer.txt")
    refused: list[str] = []
    try:
        for _ in range(OPENS):
            try:
                open_database(path).close()
            except DatabaseFileError as error:
                refused.append(str(error))
    finally:
        stop.touch()
        wait(writer, tmp_path / "writer.txt")
    assert refused == []
    assert integrity(path) == ["ok"]
