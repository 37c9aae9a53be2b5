"""Export and import: the JSON Lines format and its schema, round trips, merging two machines'
records (ids skipped, flags and settings last-writer-wins, cards replayed through FSRS), refusing
a damaged, edited or newer file whole, and undo leaving imported reviews alone."""

import json
import re
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studytrack.clock import fixed_clock
from studytrack.domain.content.course import load_course
from studytrack.domain.content.quiz import QuizResult
from studytrack.domain.records.export_format import ExportFormatError, NewerFormatError, record_lines
from studytrack.paths import bundled_content_dir
from studytrack.store.answers import record_answer
from studytrack.store.breaks import plan_break
from studytrack.store.database import open_database
from studytrack.store.flag_reviews import review_flag
from studytrack.store.flags import add_flag, resolve_flag
from studytrack.store.journal import check_in, rate_lesson, set_goal
from studytrack.store.learner import Learner
from studytrack.store.settings import get_setting, set_setting
from studytrack.store.transfer import export_lines, import_records
from studytrack.store.undo import undo_last_review

COURSE = load_course(bundled_content_dir())
ITEMS = COURSE.quiz_items[:4]
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" / "export-format.schema.json").read_text())
TABLES = ("flags", "quiz_attempts", "checkins", "goals", "lesson_ratings", "exercise_attempts", "review_logs",
          "breaks", "cards", "settings", "setting_changes")


def export(db, exported_at: str = "2026-12-01T00:00:00+00:00") -> list[str]:
    return list(export_lines(db, "9.9.9", exported_at))


def answer(db, item, outcome: str, moment: datetime, practice: bool = False):
    return record_answer(db, item, QuizResult(item.id, outcome, "", None, "x"), moment, practice=practice)


def study(db, start: datetime, days: int = 3) -> None:
    """A few days of everything a learner writes."""
    learner = Learner(db, fixed_clock(start))
    set_goal(learner, "build a regression project")
    flag = add_flag(learner, "gd.learning-rate", "intuition", "why does it diverge?")
    add_flag(learner, "loss.notation", "notation", "ŷ or y?")
    rate_lesson(learner, "gradient-descent", "just_right")
    plan_break(learner, start.date() + timedelta(days=20), start.date() + timedelta(days=22))
    for day in range(days):
        moment = start + timedelta(days=day)
        check_in(learner.at(moment), moment.date(), "good")
        for number, item in enumerate(ITEMS):
            answer(db, item, "incorrect" if (day + number) % 3 == 0 else "correct", moment + timedelta(minutes=number))
        answer(db, ITEMS[0], "correct", moment + timedelta(minutes=30), practice=True)
    review_flag(learner.at(start + timedelta(days=1)), flag.id, True, "still fuzzy")


def dump(db) -> dict[str, list[tuple]]:
    return {table: sorted(db.execute(f"SELECT * FROM {table}").fetchall(), key=repr) for table in TABLES}


@pytest.fixture
def other_db(tmp_path):
    folder = tmp_path / "other"
    folder.mkdir()
    database = open_database(folder / "studytrack.db")
    yield database
    database.close()


# ── the format ──────────────────────────────────────────────────────────────────────────────


def test_an_export_is_a_header_records_and_an_end_line(db):
    study(db, START)
    lines = export(db)
    header, end = json.loads(lines[0]), json.loads(lines[-1])
    assert header == {"format": "studytrack-export", "format_version": 1, "studytrack_version": "9.9.9",
                      "exported_at": "2026-12-01T00:00:00+00:00"}
    assert end["type"] == "end" and end["records"] == len(lines) - 2
    types = [json.loads(line)["type"] for line in lines[1:-1]]
    assert {"flag", "goal", "checkin", "rating", "break", "attempt", "review", "card"} <= set(types)
    assert sum(1 for kind in types if kind == "card") == len(ITEMS)


def schema_errors(value, schema, where="$") -> list[str]:
    """Where ``value`` breaks ``schema`` (the keywords the export schema uses)."""
    if "$ref" in schema:
        return schema_errors(value, SCHEMA["$defs"][schema["$ref"].split("/")[-1]], where)
    if "oneOf" in schema:
        matching = [option for option in schema["oneOf"] if not schema_errors(value, option, where)]
        return [] if len(matching) == 1 else [f"{where}: matches {len(matching)} of oneOf"]
    errors = []
    kinds = schema.get("type")
    if kinds is not None:
        allowed = kinds if isinstance(kinds, list) else [kinds]
        names = {"string": str, "integer": int, "number": (int, float), "object": dict, "null": type(None)}
        if isinstance(value, bool) or not any(isinstance(value, names[name]) for name in allowed):
            return [f"{where}: {value!r} is not {kinds}"]
    if "const" in schema and value != schema["const"]:
        errors.append(f"{where}: {value!r} is not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in {schema['enum']}")
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        errors.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, dict):
        for name in schema.get("required", []):
            if name not in value:
                errors.append(f"{where}: {name} missing")
        properties = schema.get("properties", {})
        for name, item in value.items():
            if name in properties:
                errors += schema_errors(item, properties[name], f"{where}.{name}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}: unexpected {name}")
    return errors


def test_every_line_follows_the_json_schema(db):
    study(db, START)
    set_setting(db, "daily_minutes", "30")
    for number, line in enumerate(export(db), 1):
        assert schema_errors(json.loads(line), SCHEMA) == [], (number, line)


def test_the_schema_knows_every_record_type_and_field():
    from studytrack.domain.records.export_format import RECORD_FIELDS

    for kind, fields in RECORD_FIELDS.items():
        definition = SCHEMA["$defs"][kind]
        assert set(definition["required"]) == {"type", *fields}
        assert set(definition["properties"]) == {"type", *fields}


# ── round trips and merging ─────────────────────────────────────────────────────────────────


def test_export_import_into_an_empty_database_export_gives_the_same_file(db, other_db):
    study(db, START)
    set_setting(db, "desired_retention", "0.85")
    first = export(db)
    import_records(other_db, first)
    second = export(other_db, "2030-01-01T00:00:00+00:00")
    assert second[1:] == first[1:]
    assert json.loads(second[0])["exported_at"] == "2030-01-01T00:00:00+00:00"
    assert get_setting(other_db, "desired_retention") == "0.85"


def test_importing_twice_changes_nothing(db, other_db):
    study(db, START)
    lines = export(db)
    import_records(other_db, lines)
    before = dump(other_db)
    summary = import_records(other_db, lines)
    assert sum(summary.added.values()) == 0 and summary.cards_recomputed == 0
    assert dump(other_db) == before


def test_importing_ones_own_export_changes_nothing(db):
    study(db, START)
    before = dump(db)
    import_records(db, export(db))
    assert dump(db) == before


def test_cards_are_the_replay_of_the_merged_review_log(db, other_db):
    answer(db, ITEMS[0], "correct", START)
    answer(db, ITEMS[0], "correct", START + timedelta(days=4))
    answer(other_db, ITEMS[0], "incorrect", START + timedelta(days=2))
    answer(other_db, ITEMS[0], "correct", START + timedelta(days=9))
    reference = open_database(Path(tempfile.mkdtemp()) / "reference.db")
    for days, outcome in ((0, "correct"), (2, "incorrect"), (4, "correct"), (9, "correct")):
        answer(reference, ITEMS[0], outcome, START + timedelta(days=days))
    import_records(db, export(other_db))
    import_records(other_db, export(db))
    expected = reference.execute("SELECT * FROM cards").fetchall()
    assert db.execute("SELECT * FROM cards").fetchall() == expected
    assert other_db.execute("SELECT * FROM cards").fetchall() == expected


def test_a_resolution_made_on_the_other_machine_arrives(db, other_db):
    learner = Learner(db, fixed_clock(START))
    flag = add_flag(learner, "loss.zero", "math", "why?")
    import_records(other_db, export(db))
    other_id = other_db.execute("SELECT id FROM flags").fetchone()[0]
    resolve_flag(Learner(other_db, fixed_clock(START + timedelta(days=2))), other_id, "it clicked")
    summary = import_records(db, export(other_db))
    assert summary.flags_updated == 1
    row = db.execute("SELECT resolved_at, resolution_note FROM flags WHERE id = ?", [flag.id]).fetchone()
    assert row == ("2026-11-04T09:00:00+00:00", "it clicked")


def test_settings_merge_last_writer_wins(db, other_db):
    set_setting(db, "daily_minutes", "30")
    set_setting(other_db, "daily_minutes", "45")
    other_db.execute("UPDATE setting_changes SET changed_at = '2099-01-01T00:00:00+00:00' WHERE value = '45'")
    import_records(db, export(other_db))
    import_records(other_db, export(db))
    assert get_setting(db, "daily_minutes") == get_setting(other_db, "daily_minutes") == "45"


def test_undo_never_takes_back_an_imported_review(db, other_db):
    answer(db, ITEMS[0], "correct", START)
    answer(other_db, ITEMS[1], "correct", START + timedelta(days=1))
    import_records(db, export(other_db))
    undone = undo_last_review(db, START + timedelta(days=2))
    assert undone is not None and undone.item_id == ITEMS[0].id
    assert undo_last_review(db, START + timedelta(days=2)) is None
    assert db.execute("SELECT count(*) FROM review_logs WHERE imported = 1").fetchone()[0] == 1


# ── refusing a bad file whole ───────────────────────────────────────────────────────────────


def refused(db, lines) -> ExportFormatError:
    before = dump(db)
    with pytest.raises(ExportFormatError) as raised:
        import_records(db, lines)
    assert dump(db) == before
    return raised.value


def test_a_truncated_file_is_refused_whole(db, other_db):
    study(db, START)
    lines = export(db)
    assert refused(other_db, lines[:-5]).line == len(lines) - 4
    cut = [*lines[:40], lines[40][:len(lines[40]) // 2]]
    assert refused(other_db, cut).line == 41


def test_an_edited_file_is_refused_whole(db, other_db):
    study(db, START)
    lines = export(db)
    edited = [line.replace("why does it diverge?", "edited") for line in lines]
    assert "changed" in refused(other_db, edited).reason
    record = json.loads(lines[5])
    record["created_at"] = 12
    error = refused(other_db, [*lines[:5], json.dumps(record), *lines[6:]])
    assert error.line == 6


def test_a_value_the_database_refuses_names_its_line(db, other_db):
    study(db, START)
    lines = export(db)
    records = [json.loads(line) for line in lines[1:-1]]
    position = next(index for index, record in enumerate(records) if record["type"] == "checkin")
    records[position]["condition"] = "ecstatic"
    rebuilt = [lines[0], *record_lines(records)]
    error = refused(other_db, rebuilt)
    assert error.line == position + 2 and "refused" in error.reason


def test_a_newer_format_is_refused(other_db):
    header = json.dumps({"format": "studytrack-export", "format_version": 2, "studytrack_version": "9",
                         "exported_at": "2030-01-01T00:00:00+00:00"})
    with pytest.raises(NewerFormatError):
        import_records(other_db, [header, json.dumps({"type": "end", "records": 0, "sha256": ""})])


def test_an_interrupted_import_leaves_nothing_written(db, other_db):
    study(db, START)
    lines = export(db)

    def interrupted():
        for number, line in enumerate(lines):
            if number == len(lines) // 2:
                raise KeyboardInterrupt
            yield line

    before = dump(other_db)
    with pytest.raises(KeyboardInterrupt):
        import_records(other_db, interrupted())
    assert dump(other_db) == before


# ── two machines ────────────────────────────────────────────────────────────────────────────

ACTION = st.one_of(
    st.tuples(st.just("answer"), st.integers(0, len(ITEMS) - 1), st.sampled_from(["correct", "incorrect"]),
              st.booleans()),
    st.tuples(st.just("flag"), st.sampled_from(["loss.zero", "gd.idea", "opt.convex"])),
    st.tuples(st.just("resolve"), st.integers(0, 5)),
    st.tuples(st.just("checkin"), st.sampled_from(["good", "okay", "low"])),
)
HISTORY = st.lists(st.lists(ACTION, max_size=5), min_size=1, max_size=5)
"""Per study day, what the learner does."""


def live(db, history, first_day: int) -> None:
    """Play ``history`` on ``db``, one list of actions per day, every other day from ``first_day``."""
    for offset, actions in enumerate(history):
        moment = START + timedelta(days=first_day + 2 * offset)
        learner = Learner(db, fixed_clock(moment))
        for step, action in enumerate(actions):
            at = moment + timedelta(minutes=step)
            if action[0] == "answer":
                answer(db, ITEMS[action[1]], action[2], at, practice=action[3])
            elif action[0] == "flag":
                add_flag(learner.at(at), action[1], "math", f"note {offset}-{step}")
            elif action[0] == "resolve":
                open_ids = [row[0] for row in db.execute("SELECT id FROM flags WHERE resolved_at IS NULL")]
                if open_ids:
                    resolve_flag(learner.at(at), open_ids[action[1] % len(open_ids)], "clicked")
            else:
                check_in(learner.at(at), date.fromisoformat(at.date().isoformat()), action[1])


def comparable(db) -> dict[str, list[tuple]]:
    return {
        "flags": db.execute("SELECT uid, topic_id, category, note, created_at, resolved_at, resolution_note "
                            "FROM flags ORDER BY uid").fetchall(),
        "attempts": db.execute("SELECT uid, item_id, outcome, created_at FROM quiz_attempts ORDER BY uid").fetchall(),
        "reviews": db.execute("SELECT uid, kind, item_id, rating, outcome, created_at FROM review_logs "
                              "ORDER BY uid").fetchall(),
        "cards": db.execute("SELECT * FROM cards ORDER BY item_id").fetchall(),
    }


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HISTORY, HISTORY)
def test_two_machines_that_exchange_exports_end_equal(history_a, history_b):
    folder = Path(tempfile.mkdtemp())
    first, second = open_database(folder / "a.db"), open_database(folder / "b.db")
    try:
        live(first, history_a, 0)
        live(second, history_b, 1)
        import_records(second, export(first))
        import_records(first, export(second))
        assert comparable(first) == comparable(second)
    finally:
        first.close()
        second.close()


def test_a_deletion_travels_and_the_record_never_comes_back(db, other_db):
    from studytrack.store.flags import delete_flag

    learner = Learner(db, fixed_clock(START))
    kept = add_flag(learner, "loss.zero", "math", "kept")
    gone = add_flag(learner, "gd.idea", "math", "made by mistake")
    import_records(other_db, export(db))
    delete_flag(learner, gone.id)
    import_records(other_db, export(db))
    import_records(db, export(other_db))
    for database in (db, other_db):
        assert [row[0] for row in database.execute("SELECT note FROM flags")] == ["kept"]
    assert kept.id in [row[0] for row in db.execute("SELECT id FROM flags")]


def test_the_later_edit_of_a_flag_wins(db, other_db):
    from studytrack.store.flags import edit_flag

    learner = Learner(db, fixed_clock(START))
    flag = add_flag(learner, "loss.zero", "math", "first words")
    import_records(other_db, export(db))
    edit_flag(learner, flag.id, note="better words")
    import_records(other_db, export(db))
    assert other_db.execute("SELECT note FROM flags").fetchone()[0] == "better words"
    import_records(db, export(other_db))
    assert db.execute("SELECT note FROM flags").fetchone()[0] == "better words"


def test_an_undone_review_is_undone_on_the_other_machine_too(db, other_db):
    answer(db, ITEMS[0], "correct", START)
    answer(db, ITEMS[0], "incorrect", START + timedelta(days=3))
    import_records(other_db, export(db))
    db.execute("DELETE FROM review_logs WHERE created_at = ?", ["2026-11-05T09:00:00+00:00"])
    reference = open_database(Path(tempfile.mkdtemp()) / "reference.db")
    answer(reference, ITEMS[0], "correct", START)
    import_records(other_db, export(db))
    assert other_db.execute("SELECT count(*) FROM review_logs").fetchone()[0] == 1
    assert other_db.execute("SELECT * FROM cards").fetchall() == reference.execute("SELECT * FROM cards").fetchall()
