"""The command line lets the learner correct their record (edit-flag, delete-flag, breaks,
break --cancel, undo of every entry), speaks in their days and words, and answers every bad
input with one line on stderr and exit 2."""

import json
import os

import pytest
from click.testing import CliRunner

from studytrack.cli import cli
from studytrack.store.database import open_database
from tests.conftest import FIXED_NOW


def one_line_error(result, status=2):
    """The result failed with ``status`` and said why in exactly one line."""
    assert result.exit_code == status, result.output
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    return result.stderr


def test_a_flag_is_edited_moved_and_the_change_undone(run_cli):
    run_cli("flag", "loss.zero", "--note", "why zero?")
    edited = run_cli("edit-flag", "1", "--topic", "loss.error", "--category", "math", "--json")
    assert edited.exit_code == 0, edited.output
    assert json.loads(edited.stdout)["topic_id"] == "loss.error"
    assert "loss.error" in run_cli("edit-flag", "1", "--note", "about MSE").stdout
    assert "Undid your change to flag 1" in run_cli("undo").stdout
    assert "nothing_to_edit" not in one_line_error(run_cli("edit-flag", "1"))
    assert "Did you mean" in one_line_error(run_cli("edit-flag", "1", "--topic", "loss.zer"))


def test_delete_flag_asks_or_needs_yes_and_undo_brings_it_back(run_cli):
    run_cli("flag", "gd.idea", "--note", "made by mistake")
    refused = one_line_error(run_cli("delete-flag", "1"))
    assert "--yes" in refused
    assert len(json.loads(run_cli("flags", "--json").stdout)) == 1
    deleted = run_cli("delete-flag", "1", "--yes")
    assert deleted.exit_code == 0 and "undo" in deleted.stdout
    assert json.loads(run_cli("flags", "--json").stdout) == []
    undone = json.loads(run_cli("undo", "--json").stdout)["undone"]
    assert undone["kind"] == "flag_delete" and "it is back" in undone["text"]
    assert [flag["note"] for flag in json.loads(run_cli("flags", "--json").stdout)] == ["made by mistake"]
    one_line_error(run_cli("delete-flag", "99", "--yes"))


def test_a_second_flag_on_a_topic_adds_its_note_unless_new(run_cli):
    run_cli("flag", "gd.idea", "--note", "downhill?")
    added = run_cli("flag", "gd.idea", "--note", "which way?")
    assert "already has an open flag (1)" in added.stdout and "--new" in added.stdout
    assert len(json.loads(run_cli("flags", "--json").stdout)) == 1
    separate = json.loads(run_cli("flag", "gd.idea", "--new", "--json").stdout)
    assert separate["id"] == 2
    assert "이미 열린 플래그" in run_cli("flag", "gd.idea", lang="ko").stdout


def test_flags_say_when_in_the_learners_words_and_json_keeps_iso(run_cli):
    run_cli("flag", "loss.zero")
    run_cli("resolve", "1", "--note", "ok")
    listed = run_cli("flags", "--all").stdout
    assert "resolved today" in listed and "T09:30" not in listed
    assert "오늘 해결" in run_cli("flags", "--all", lang="ko").stdout
    assert json.loads(run_cli("flags", "--all", "--json").stdout)[0]["resolved_at"] == "2026-11-28T09:30:00+00:00"


def test_breaks_are_listed_cancelled_and_overlaps_refused(run_cli):
    assert "No planned breaks" in run_cli("breaks").stdout
    planned = json.loads(run_cli("break", "2026-12-05", "2026-12-08", "--json").stdout)
    assert "overlaps break 1" in one_line_error(run_cli("break", "2026-12-07", "2026-12-10"))
    assert [b["id"] for b in json.loads(run_cli("breaks", "--json").stdout)] == [planned["id"]]
    assert "starts in 7 days" in run_cli("breaks").stdout
    assert "Cancelled break 1" in run_cli("break", "--cancel", "1").stdout
    assert json.loads(run_cli("breaks", "--json").stdout) == []
    assert "planned: -" in one_line_error(run_cli("break", "--cancel", "1"))
    one_line_error(run_cli("break", "--cancel", "1", "2026-12-01"))
    one_line_error(run_cli("break", "2026-12-05"))
    assert "planned again" in run_cli("undo").stdout


def test_undo_says_what_it_undid_for_each_entry(run_cli):
    run_cli("checkin", "low")
    run_cli("flag", "loss.zero")
    assert run_cli("undo").stdout.strip() == "Undid making flag 1 (loss.zero); it is gone."
    assert "컨디션 기록" in run_cli("undo", lang="ko").stdout
    assert run_cli("undo").stdout.strip() == "Nothing to undo."


def test_stats_counts_solved_exercises_and_states_the_rule(run_cli):
    document = json.loads(run_cli("stats", "--json").stdout)
    topics = {row["topic"]: row for row in document["mastery"]}
    with_exercises = [row for row in topics.values() if row["exercises"]]
    assert with_exercises and all(row["exercises_solved"] == 0 for row in with_exercises)
    assert all(isinstance(row["right"], int) for row in topics.values())
    shown = run_cli("stats").stdout
    assert "latest answer to it was right" in shown and "exercises solved" in shown


@pytest.mark.parametrize(
    "args",
    [("content",), ("quiz",), ("exercise",), ("quiz", "check"), ("flag",), ("checkin", "bad", "--json"),
     ("resolve", "x"), ("settings", "daily_minutes", "-5"), ("nonsense",), ("flags", "--bogus")],
)
def test_usage_errors_are_one_line_never_a_usage_block(run_cli, args):
    said = one_line_error(run_cli(*args))
    assert "Usage:" not in said and "Options:" not in said


def test_a_group_without_its_command_names_the_commands(run_cli):
    assert "use one of validate" in one_line_error(run_cli("content"))


def test_settings_range_check_gets_a_negative_value_and_json_numbers_are_numbers(run_cli):
    assert "from 1 to 600" in one_line_error(run_cli("settings", "daily_minutes", "-5"))
    run_cli("settings", "daily_minutes", "30")
    document = json.loads(run_cli("settings", "--json").stdout)
    assert document["daily_minutes"] == 30.0 and document["rollover_hour"] == 4
    assert json.loads(run_cli("settings", "rollover_hour", "--json").stdout) == {"rollover_hour": 4}


def test_content_validate_on_a_missing_folder_says_the_folder_is_missing(run_cli, tmp_path):
    said = one_line_error(run_cli("content", "validate", str(tmp_path / "nowhere")))
    assert "no such folder" in said


def test_a_note_with_invalid_utf8_is_kept_with_a_replacement_and_said(run_cli, db_path):
    note = os.fsdecode(b"caf\xe9 au lait")
    result = run_cli("flag", "loss.zero", "--note", note, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["note"] == "caf\ufffd au lait"
    assert "not valid UTF-8" in result.stderr


def test_a_100000_character_note_is_refused_in_one_line(run_cli):
    assert "at most 2000" in one_line_error(run_cli("flag", "loss.zero", "--note", "x" * 100_000))
    assert json.loads(run_cli("flags", "--json").stdout) == []


def invoke(db_path, *args, env=None):
    """Run the command line in-process with environment variables (the clock from them)."""
    return CliRunner().invoke(cli, ["--db", str(db_path), *args], env=env)


@pytest.mark.parametrize(
    "moment",
    ["9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+00:00", "0001-01-01T00:00:00+14:00",
     "9999-12-31T23:59:59-14:00", "2026-13-01T00:00:00+00:00", "now"],
)
def test_clock_values_at_the_limits_are_refused_in_one_line(db_path, moment):
    said = one_line_error(invoke(db_path, "due", env={"STUDYTRACK_NOW": moment}))
    assert "STUDYTRACK_NOW" in said


def test_clock_values_fourteen_hours_from_utc_work(db_path):
    for moment in ("2026-12-01T23:59:59+14:00", "2026-12-01T00:00:00-14:00"):
        result = invoke(db_path, "due", "--json", env={"STUDYTRACK_NOW": moment})
        assert result.exit_code == 0, result.output


@pytest.mark.parametrize("zone", ["Asia", "A" * 100_000, "../../etc", os.fsdecode(b"Asia/\xff")])
def test_a_time_zone_naming_a_folder_or_too_long_is_ignored_or_refused_in_one_line(db_path, zone):
    env = {"STUDYTRACK_NOW": FIXED_NOW.isoformat(), "TZ": zone}
    assert invoke(db_path, "due", "--json", env=env).exit_code == 0
    said = one_line_error(invoke(db_path, "settings", "timezone", zone, env=env))
    assert "time zone" in said and len(said) < 400


@pytest.mark.parametrize(
    "args",
    [("--content", "x" * 300, "topics"), ("content", "validate", "y" * 300),
     ("exercise", "check", "implement-mse-gradient", "--file", "z" * 300),
     ("exercise", "check", "implement-mse-gradient", "--file", "/dev/zero")],
)
def test_over_long_path_components_and_devices_are_one_line(db_path, args):
    one_line_error(invoke(db_path, *args, env={"STUDYTRACK_NOW": FIXED_NOW.isoformat()}))


def test_an_error_echoing_a_newline_stays_one_line(run_cli):
    said = one_line_error(run_cli("quiz", "check", "no\nsuch\x1b[2Jitem", "--answer", "1"))
    assert "\\n" in said and "\x1b" not in said


def test_nothing_is_written_by_a_refused_command(run_cli, db_path):
    run_cli("flag", "loss.zero")
    before = open_database(db_path).execute("SELECT COUNT(*) FROM undo_journal").fetchone()[0]
    one_line_error(run_cli("break", "2026-12-24", "2026-12-01"))
    one_line_error(run_cli("flag", "loss.zero", "--note", "n" * 3000))
    after = open_database(db_path).execute("SELECT COUNT(*) FROM undo_journal").fetchone()[0]
    assert before == after == 1
