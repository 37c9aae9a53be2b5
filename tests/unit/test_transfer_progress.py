"""A large export or import tells the progress reporter how far it is: steadily forward, ending
once at its total, and the same file whatever is listening."""

import pytest
from test_transfer import START, export, study

from studytrack.store import transfer
from studytrack.store.database import open_database
from studytrack.store.long_work import set_progress_reporter
from studytrack.store.transfer import import_records


@pytest.fixture
def heard(monkeypatch):
    """Every progress report, with reports made from the first record on."""
    reports: list[tuple[str, int, int]] = []
    monkeypatch.setattr(transfer, "PROGRESS_FROM", 1)
    set_progress_reporter(lambda task, done, total: reports.append((task, done, total)))
    yield reports
    set_progress_reporter(None)


def test_an_export_reports_each_kind_of_record_and_ends_once(db, heard):
    study(db, START)
    lines = export(db)
    records = len(lines) - 2  # the header and the end line
    assert [task for task, _, _ in heard] == ["export"] * len(heard)
    assert {total for _, _, total in heard} == {records}
    assert [done for _, done, _ in heard] == sorted(done for _, done, _ in heard)
    assert heard[-1][1] == records and [done for _, done, _ in heard].count(records) == 1
    assert len(heard) > 3
    set_progress_reporter(None)
    assert export(db) == lines


def test_an_import_reports_its_lines_and_ends_once(db, tmp_path, heard, monkeypatch):
    other_db = open_database(tmp_path / "other.db")
    study(db, START)
    lines = export(db)
    heard.clear()
    monkeypatch.setattr(transfer, "PROGRESS_EVERY", 10)
    import_records(other_db, lines, total_lines=len(lines))
    dones = [done for task, done, _ in heard if task == "import"]
    assert dones == [*range(10, len(lines), 10), len(lines)]
    other_db.close()
