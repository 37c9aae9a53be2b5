"""``due``, ``checkin``, ``break``, ``undo``, ``stats`` and ``review`` from the command line, and
``quiz check`` scheduling the item it checks."""

import json

import click
import pytest

from studytrack.cli import cli
from studytrack.cli.review import CONDITIONS
from studytrack.store.cards import card_row
from studytrack.store.database import open_database
from studytrack.vocabulary import Condition, choices

DUE_KEYS = {"day", "condition", "budget_minutes", "estimated_minutes", "items", "flags", "new",
            "note"}


@pytest.fixture(autouse=True)
def learner_in_utc(monkeypatch):
    """The learner's zone (no ``timezone`` setting: ``$TZ``) is UTC, whatever the machine's is."""
    monkeypatch.setenv("TZ", "UTC")


def first_choice_item(run_cli):
    items = json.loads(run_cli("quiz", "list", "--json").stdout)
    return next(item for item in items if item["type"] == "choice")


def test_the_commands_are_registered_and_documented(run_cli):
    for name in ("due", "review", "checkin", "break", "undo", "stats"):
        assert name in cli.list_commands(click.Context(cli))
        result = run_cli(name, "--help")
        assert result.exit_code == 0 and result.stdout.strip()
    assert CONDITIONS == choices(Condition) == ("good", "okay", "low")


def test_due_json_shape_on_a_fresh_database(run_cli):
    result = run_cli("due", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert set(document) == DUE_KEYS
    assert document["day"] == "2026-11-28" and document["condition"] == "okay"
    assert document["items"] == [] and document["new"] == [] and document["budget_minutes"] == 20
    assert "check-in" in document["note"]


def test_quiz_check_now_schedules_the_item(run_cli, db_path):
    item = first_choice_item(run_cli)
    assert run_cli("quiz", "check", item["id"], "--answer", "1").exit_code == 0
    row = card_row(open_database(db_path), item["id"])
    assert row is not None and row["last_review"] == "2026-11-28T09:30:00+00:00"
    assert row["reps"] == 1
    assert run_cli("quiz", "check", item["id"], "--answer", "").exit_code == 0  # not attempted
    assert card_row(open_database(db_path), item["id"])["reps"] == 1
    assert "(0.5 done)" in run_cli("due").stdout  # the answer's time counts toward today


def test_checkin_sizes_the_session(run_cli):
    good = run_cli("checkin", "good", "--json")
    assert json.loads(good.stdout) == {"day": "2026-11-28", "condition": "good",
                                       "created_at": "2026-11-28T09:30:00+00:00"}
    plan = json.loads(run_cli("due", "--json").stdout)
    assert plan["condition"] == "good" and plan["new"]
    assert plan["estimated_minutes"] <= plan["budget_minutes"]
    assert set(plan["new"][0]) == {"id", "topic", "lesson"}
    run_cli("flag", "gd.idea", "--note", "which way is downhill?")
    run_cli("flag", "loss.zero")
    assert run_cli("checkin", "low").exit_code == 0
    low = json.loads(run_cli("due", "--json").stdout)
    assert low["condition"] == "low" and low["budget_minutes"] == 5 and low["new"] == []
    assert [flag["topic"] for flag in low["flags"]] == ["gd.idea"]
    assert low["flags"][0]["note"] == "which way is downhill?"
    text = run_cli("due")
    assert "gd.idea" in text.stdout and "5" in text.stdout
    assert run_cli("checkin", "great").exit_code == 2


def test_due_lists_reviews_with_their_recall(run_cli, db_path):
    item = first_choice_item(run_cli)
    run_cli("quiz", "check", item["id"], "--answer", "1")
    db = open_database(db_path)
    db.execute("UPDATE cards SET due = '2026-11-20T00:00:00+00:00', "
               "last_review = '2026-11-10T00:00:00+00:00'")
    db.conn.commit()
    plan = json.loads(run_cli("due", "--json").stdout)
    assert [row["id"] for row in plan["items"]] == [item["id"]]
    review = plan["items"][0]
    assert set(review) == {"id", "topic", "retrievability", "due"}
    assert 0 < review["retrievability"] < 1 and review["due"] == "2026-11-20T00:00:00+00:00"
    assert "%" in run_cli("due").stdout
    assert "기억" in run_cli("due", lang="ko").stdout


def test_undo_takes_back_the_last_answer(run_cli, db_path):
    item = first_choice_item(run_cli)
    assert json.loads(run_cli("undo", "--json").stdout) == {"undone": None}
    assert run_cli("undo").stdout.strip() == "Nothing to undo."
    run_cli("quiz", "check", item["id"], "--answer", "1")
    undone = json.loads(run_cli("undo", "--json").stdout)["undone"]
    assert undone["kind"] == "review" and undone["item"] == item["id"]
    assert card_row(open_database(db_path), item["id"]) is None
    run_cli("quiz", "check", item["id"], "--answer", "2")
    assert "되돌렸어요" in run_cli("undo", lang="ko").stdout


def test_break_plans_days_off_and_rejects_bad_dates(run_cli):
    result = run_cli("break", "2026-12-24", "2026-12-31", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["start"] == "2026-12-24"
    assert "2026-11-29" in run_cli("break", "2026-11-28", "2026-11-29").stdout
    plan = json.loads(run_cli("due", "--json").stdout)
    assert "break" in plan["note"] and plan["items"] == [] and plan["flags"] == []
    for start, end in (("2026-12-24", "24/12/2026"), ("2026-13-01", "2026-13-02"),
                       ("2026-12-31", "2026-12-24"), ("2026-01-01", "2026-01-02")):
        bad = run_cli("break", start, end)
        assert bad.exit_code == 2 and bad.stdout == ""
        assert bad.stderr.count("\n") == 1, bad.stderr
    assert "YYYY-MM-DD" in run_cli("break", "soon", "later", lang="ko").stderr


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_stats_text_and_json(run_cli, lang):
    item = first_choice_item(run_cli)
    run_cli("quiz", "check", item["id"], "--answer", "1")
    run_cli("flag", "gd.idea")
    result = run_cli("stats", lang=lang)
    assert result.exit_code == 0, result.output
    assert "█" in result.stdout and "gd.idea" in result.stdout
    document = json.loads(run_cli("stats", "--json", lang=lang).stdout)
    assert set(document) == {"day", "mastery", "suggestions", "calendar", "retention",
                             "forecast", "flags"}
    assert len(document["forecast"]) == 14 and document["flags"][-1]["open"] == 1
    assert document["calendar"][-1] == {"day": "2026-11-28", "actions": 2}
    assert document["suggestions"][0]["topic"] == "gd.idea"
