"""``studytrack backup``, ``backups``, ``restore``, ``doctor``, ``export`` and ``import`` as scripts
use them, and the automatic backup after a command's output."""

import io
import json
import sqlite3
import sys
from datetime import UTC, datetime

from click.testing import CliRunner

from studytrack.cli import cli
from studytrack.clock import fixed_clock

FIXED_NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
"""The fixed moment of ``run_cli`` (tests/conftest.py)."""


def backup_files(db_path):
    folder = db_path.parent / "backups"
    return sorted(folder.glob("*.db")) if folder.is_dir() else []


def test_the_first_command_of_the_day_leaves_one_automatic_backup(run_cli, db_path):
    assert run_cli("flag", "loss.zero", "--note", "why").exit_code == 0
    assert run_cli("flag", "gd.idea").exit_code == 0
    assert [path.name for path in backup_files(db_path)] == ["studytrack-20261128T093000Z-auto.db"]
    listed = run_cli("backups", "--json")
    assert listed.exit_code == 0
    document = json.loads(listed.stdout)
    assert document["backups"][0]["flags"] == 1 and document["backups"][0]["reviews"] == 0
    assert document["backups"][0]["kind"] == "auto"


def test_a_command_that_never_opens_the_database_makes_no_backup(run_cli, db_path):
    assert run_cli("topics").exit_code == 0
    assert backup_files(db_path) == []


def test_json_output_stays_clean_when_a_backup_is_made(run_cli, db_path):
    result = run_cli("flags", "--json")
    assert result.exit_code == 0
    json.loads(result.stdout)
    assert len(backup_files(db_path)) == 1


def test_a_failing_automatic_backup_is_one_line_and_studying_goes_on(run_cli, db_path):
    db_path.parent.joinpath("backups").write_text("not a folder")
    result = run_cli("flag", "loss.zero")
    assert result.exit_code == 0
    assert "Flagged" in result.stdout
    assert result.stderr.count("\n") == 2  # the new-database notice and the failed backup
    assert "automatic backup failed" in result.stderr
    doctor = run_cli("doctor")
    assert doctor.exit_code == 1 and "automatic backup failed" in doctor.stdout


def test_backup_to_a_path_never_overwrites(run_cli, db_path, tmp_path):
    run_cli("flag", "loss.zero")
    target = tmp_path / "mine.db"
    assert run_cli("backup", str(target)).exit_code == 0
    assert target.exists()
    again = run_cli("backup", str(target))
    assert again.exit_code == 2 and "exists" in again.stderr


def test_restore_asks_and_without_a_terminal_or_yes_changes_nothing(run_cli, db_path):
    run_cli("flag", "loss.zero")
    backup = backup_files(db_path)[0]
    run_cli("flag", "gd.idea")
    before = db_path.read_bytes()
    refused = run_cli("restore", str(backup))
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    assert db_path.read_bytes() == before
    done = run_cli("restore", backup.name, "--yes")
    assert done.exit_code == 0, done.output
    assert "kept at" in done.stdout
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM flags").fetchone()[0] == 1


def test_doctor_says_all_good_or_lists_problems(run_cli, db_path):
    run_cli("flag", "loss.zero")
    healthy = run_cli("doctor")
    assert healthy.exit_code == 0 and "All good" in healthy.stdout
    for path in backup_files(db_path):
        path.unlink()
    sick = run_cli("doctor", "--json")
    assert sick.exit_code == 1
    document = json.loads(sick.stdout)
    assert document["ok"] is False and document["integrity"] == "ok"
    assert any("studytrack backup" in line for line in document["problems"])


def test_export_then_import_on_another_machine(run_cli, db_path, tmp_path):
    run_cli("flag", "loss.zero", "--note", "why")
    run_cli("checkin", "good")
    out = tmp_path / "record.jsonl"
    assert run_cli("export", "--out", str(out)).exit_code == 0
    assert json.loads(out.read_text().splitlines()[0])["format"] == "studytrack-export"
    other = tmp_path / "other"
    other.mkdir()
    runner = CliRunner()
    base = ["--db", str(other / "studytrack.db"), "--lang", "en"]
    first = runner.invoke(cli, [*base, "import", str(out)], obj={"clock": fixed_clock(FIXED_NOW)})
    assert first.exit_code == 0 and "records added 2," in first.stdout
    second = runner.invoke(cli, [*base, "import", str(out)], obj={"clock": fixed_clock(FIXED_NOW)})
    assert "records added 0, already here 2," in second.stdout
    flags = runner.invoke(cli, [*base, "flags", "--json"], obj={"clock": fixed_clock(FIXED_NOW)})
    assert json.loads(flags.stdout)[0]["note"] == "why"


def test_export_to_standard_output(run_cli):
    run_cli("flag", "loss.zero")
    result = run_cli("export")
    lines = result.stdout.splitlines()
    assert json.loads(lines[0])["exported_at"] == "2026-11-28T09:30:00+00:00"
    assert json.loads(lines[-1])["type"] == "end"


def test_a_bad_file_is_refused_in_one_line_naming_the_line(run_cli, tmp_path):
    run_cli("flag", "loss.zero")
    out = tmp_path / "record.jsonl"
    run_cli("export", "--out", str(out))
    lines = out.read_text().splitlines()
    out.write_text("\n".join(lines[:-1]) + "\n")
    result = run_cli("import", str(out))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and f"line {len(lines)}" in result.stderr
    newer = tmp_path / "newer.jsonl"
    newer.write_text(json.dumps({"format": "studytrack-export", "format_version": 99, "studytrack_version": "9",
                                 "exported_at": "2030-01-01T00:00:00+00:00"}) + "\n")
    refused = run_cli("import", str(newer))
    assert refused.exit_code == 2 and "newer studytrack" in refused.stderr
    assert refused.stderr.count("\n") == 1


class FakeTerminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_on_a_terminal_only(monkeypatch):
    from studytrack.cli.progress import TerminalProgress

    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    progress = TerminalProgress()
    progress("backup", 5, 10)
    progress("backup", 10, 10)
    assert "Backing up" in terminal.getvalue()
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    TerminalProgress()("export", 10, 10)
    assert pipe.getvalue() == ""
