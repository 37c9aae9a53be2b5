"""``quiz list`` and ``quiz check`` from the command line; every check lands in the store."""

import json

from studytrack.store.database import open_database
from studytrack.store.quiz_attempts import quiz_attempts


def first_item(run_cli, item_type):
    items = json.loads(run_cli("quiz", "list", "--json").stdout)
    return next(item for item in items if item["type"] == item_type)


def test_quiz_list_filters_by_topic_and_speaks_korean(run_cli):
    items = json.loads(run_cli("quiz", "list", "--topic", "loss.zero", "--json").stdout)
    assert items and all(item["topic"] == "loss.zero" for item in items)
    korean = json.loads(run_cli("quiz", "list", "--topic", "loss.zero", "--json", lang="ko").stdout)
    assert any("손실" in item["prompt"] for item in korean)
    assert run_cli("quiz", "list", "--topic", "loss.zer").exit_code == 2


def test_quiz_check_json_shape_and_recording(run_cli, db_path):
    item = first_item(run_cli, "choice")
    results = {}
    for number in range(1, len(item["choices"]) + 1):
        out = run_cli("quiz", "check", item["id"], "--answer", str(number), "--json")
        assert out.exit_code == 0, out.output
        document = json.loads(out.stdout)
        assert set(document) == {"item", "outcome", "feedback", "explanation"}
        results[number] = document
    outcomes = [r["outcome"] for r in results.values()]
    assert outcomes.count("correct") == 1
    wrong = next(r for r in results.values() if r["outcome"] == "incorrect")
    assert wrong["explanation"]
    empty = json.loads(run_cli("quiz", "check", item["id"], "--answer", "", "--json").stdout)
    assert empty["outcome"] == "not_attempted" and empty["explanation"] is None
    stored = quiz_attempts(open_database(db_path), item["id"])
    assert [a.outcome for a in stored] == [*outcomes, "not_attempted"]
    assert stored[0].created_at == "2026-11-28T09:30:00+00:00"


def test_an_unknown_item_exits_2_with_suggestions(run_cli):
    item = first_item(run_cli, "truefalse")
    result = run_cli("quiz", "check", item["id"][:-1], "--answer", "true")
    assert result.exit_code == 2 and item["id"] in result.stderr
    assert result.stderr.count("\n") == 1
