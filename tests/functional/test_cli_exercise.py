"""``studytrack exercise …`` from the command line: JSON shapes, exit codes, recording, workspace."""

import json

import pytest

from studytrack.store.database import open_database
from studytrack.store.exercise_attempts import exercise_attempts, remembered_workspace

SHOW_KEYS = {"id", "topic", "title", "prompt", "seed", "params", "answers"}
CHECK_KEYS = {"exercise", "seed", "outcome", "answers", "feedback"}


def show(run_cli, exercise_id, *args, lang="en"):
    result = run_cli("exercise", "show", exercise_id, *args, "--json", lang=lang)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def check(run_cli, exercise_id, *args, lang="en"):
    result = run_cli("exercise", "check", exercise_id, *args, "--json", lang=lang)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def expected_answers(exercise_id, seed):
    """The engine's answers to a problem, computed by the domain as the app would."""
    from studytrack.domain.content.course import load_course
    from studytrack.domain.exercises.model import find_exercise, generate, load_exercises
    from studytrack.paths import bundled_content_dir

    course = load_course(bundled_content_dir())
    item = find_exercise(load_exercises(course.root, course.topic_ids), exercise_id)
    return {name: repr(v) if isinstance(v, float) else str(v) for name, v in generate(item, seed).expected.items()}


def test_exercise_list_shows_every_exercise_in_both_languages(run_cli):
    rows = json.loads(run_cli("exercise", "list", "--json").stdout)
    ids = [row["id"] for row in rows]
    assert ids[0] == "mse-by-hand" and "implement-gradient-descent" in ids and "diagnose-loss-curve" in ids
    assert set(rows[0]) == {"id", "topic", "title", "kind", "answers", "difficulties"}
    assert {row["kind"] for row in rows} == {"numeric", "code"}
    korean = run_cli("exercise", "list", lang="ko")
    assert korean.exit_code == 0 and "평균제곱오차" in korean.stdout


def test_show_json_shape_and_seeds(run_cli):
    document = show(run_cli, "gradient-by-hand", "--seed", "12")
    assert set(document) >= SHOW_KEYS
    assert document["seed"] == 12 and set(document["params"]) == {"x", "y", "w", "b"}
    assert [a["name"] for a in document["answers"]] == ["dw", "db"]
    assert all({"name", "kind", "atol", "rtol"} <= set(a) and a["atol"] > 0 for a in document["answers"])
    assert show(run_cli, "gradient-by-hand", "--seed", "12") == document
    assert show(run_cli, "gradient-by-hand", "--seed", "12", "--difficulty", "easy")["params"] != document["params"]
    choice = show(run_cli, "classify-critical-point", "--seed", "3")["answers"][0]
    assert choice["choices"] == ["minimum", "maximum", "saddle"] and choice["atol"] is None
    assert show(run_cli, "global-minimum-start", "--seed", "3")["answers"][0]["choices"][0] == 1
    fresh = show(run_cli, "mse-by-hand")
    assert isinstance(fresh["seed"], int)
    assert "평균제곱오차" in show(run_cli, "mse-by-hand", "--seed", "1", lang="ko")["prompt"]


def test_show_prints_a_fresh_seed_and_the_check_command_in_text(run_cli):
    result = run_cli("exercise", "show", "mse-by-hand")
    assert result.exit_code == 0
    seed = result.stdout.split("seed ")[1].split("]")[0]
    assert f"--seed {seed} --answer loss=VALUE" in result.stdout
    korean = run_cli("exercise", "show", "mse-by-hand", "--seed", "5", "--difficulty", "hard", lang="ko")
    assert "시드 5" in korean.stdout and "어려움" in korean.stdout and "--difficulty hard" in korean.stdout


def test_check_json_shape_outcomes_and_recording(run_cli, db_path):
    answers = expected_answers("gradient-by-hand", 8)
    right = check(run_cli, "gradient-by-hand", "--seed", "8", "--answer", f"dw={answers['dw']}",
                  "--answer", f"db={answers['db']}")
    assert set(right) >= CHECK_KEYS and right["outcome"] == "correct"
    assert set(right["answers"]) == {"dw", "db"}
    assert set(right["answers"]["dw"]) == {"given", "value", "correct"} and right["answers"]["dw"]["correct"]
    assert set(right["expected"]) == {"dw", "db"}
    wrong = check(run_cli, "gradient-by-hand", "--seed", "8", "--answer", "dw=1000", "--answer", "db=")
    assert wrong["outcome"] == "incorrect" and "expected" not in wrong
    assert wrong["answers"]["db"] == {"given": "", "value": None, "correct": False}
    outcomes = {
        "1,5": "invalid", "nan": "invalid", "1e400": "invalid", "": "not_attempted", "abc": "invalid",
    }
    for given, outcome in outcomes.items():
        assert check(run_cli, "mse-by-hand", "--seed", "8", "--answer", given)["outcome"] == outcome
    assert "1.5" in check(run_cli, "mse-by-hand", "--seed", "8", "--answer", "loss=1,5")["feedback"]
    stored = exercise_attempts(open_database(db_path))
    assert [a.outcome for a in stored[:2]] == ["correct", "incorrect"]
    assert stored[0].exercise_id == "gradient-by-hand" and stored[0].seed == 8
    assert stored[0].answers == {"dw": answers["dw"], "db": answers["db"]}
    assert stored[0].created_at == "2026-11-28T09:30:00+00:00" and stored[0].seconds is None
    assert len(exercise_attempts(open_database(db_path), "mse-by-hand")) == 6


def test_check_in_text_and_korean(run_cli):
    result = run_cli("exercise", "check", "mse-by-hand", "--seed", "2", "--answer", "99999", lang="ko")
    assert result.exit_code == 0 and "아직 아니에요" in result.stdout
    assert "studytrack exercise hint mse-by-hand" in result.stdout
    diverged = check(run_cli, "pick-learning-rate", "--seed", "2", "--answer", "lr=10")
    assert diverged["outcome"] == "diverged"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("mse-by-han", "--seed", "1", "--answer", "1"), "mse-by-hand"),
        (("mse-by-hand", "--answer", "1"), "--seed"),
        (("gradient-by-hand", "--seed", "1", "--answer", "dx=1"), "dw, db"),
        (("gradient-by-hand", "--seed", "1", "--answer", "3"), "NAME=VALUE"),
        (("mse-by-hand", "--seed", "1", "--answer", "loss=1", "--answer", "loss=2"), "twice"),
        (("mse-by-hand", "--seed", "-3", "--answer", "1"), "--seed"),
        (("implement-mse-gradient",), "workspace"),
        (("implement-mse-gradient", "--answer", "1"), "code exercise"),
    ],
)
def test_bad_check_requests_exit_2_with_one_line(run_cli, args, message):
    result = run_cli("exercise", "check", *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_hints_come_one_level_at_a_time(run_cli):
    first = run_cli("exercise", "hint", "gd-step")
    assert first.exit_code == 0 and "Hint 1 of 3" in first.stdout and "--level 2" in first.stdout
    last = run_cli("exercise", "hint", "gd-step", "--level", "3", lang="ko")
    assert last.exit_code == 0 and "힌트 3/3" in last.stdout and "--level 4" not in last.stdout
    beyond = run_cli("exercise", "hint", "gd-step", "--level", "4")
    assert beyond.exit_code == 2 and "1 to 3" in beyond.stderr


def test_the_solution_opens_only_after_a_real_attempt_at_that_problem(run_cli):
    before = run_cli("exercise", "solution", "mse-by-hand", "--seed", "4")
    assert before.exit_code == 2 and "Try it first" in before.stderr and before.stderr.count("\n") == 1
    check(run_cli, "mse-by-hand", "--seed", "4", "--answer", "")
    assert run_cli("exercise", "solution", "mse-by-hand", "--seed", "4").exit_code == 2
    check(run_cli, "mse-by-hand", "--seed", "4", "--answer", "1")
    opened = run_cli("exercise", "solution", "mse-by-hand", "--seed", "4", lang="ko")
    assert opened.exit_code == 0 and "(ŷ − y)²" in opened.stdout and "풀이" in opened.stdout
    assert run_cli("exercise", "solution", "mse-by-hand", "--seed", "5").exit_code == 2
    assert run_cli("exercise", "solution", "mse-by-hand", "--seed", "4", "--difficulty", "easy").exit_code == 2
    assert run_cli("exercise", "solution", "mse-by-hand").exit_code == 2


def test_workspace_defaults_to_the_data_folder_and_never_overwrites(run_cli, db_path, isolated_environment):
    first = run_cli("exercise", "workspace")
    assert first.exit_code == 0, first.output
    folder = remembered_workspace(open_database(db_path))
    assert folder.is_relative_to(isolated_environment) and folder.name == "workspace"
    assert {p.name for p in folder.iterdir()} == {"mse_gradient.py", "gradient_descent.py"}
    mine = folder / "mse_gradient.py"
    mine.write_text("# my own work\n", encoding="utf-8")
    again = run_cli("exercise", "workspace", lang="ko")
    assert again.exit_code == 0 and "mse_gradient.py" in again.stdout and "그대로" in again.stdout
    assert mine.read_text(encoding="utf-8") == "# my own work\n"


def test_code_checks_find_the_workspace_file_and_are_recorded(run_cli, db_path, tmp_path):
    assert run_cli("exercise", "check", "implement-mse-gradient").exit_code == 2
    folder = tmp_path / "my-work"
    assert run_cli("exercise", "workspace", str(folder)).exit_code == 0
    starter = check(run_cli, "implement-mse-gradient", "--seed", "1")
    assert starter["outcome"] == "not_attempted"
    assert starter["answers"]["mse_gradient"]["given"] == str(folder / "mse_gradient.py")
    locked = run_cli("exercise", "solution", "implement-mse-gradient")
    assert locked.exit_code == 2 and "Try it first" in locked.stderr
    wrong = folder / "mse_gradient.py"
    wrong.write_text("def mse_gradient(x, y, w, b):\n    return 0.0, 0.0\n", encoding="utf-8")
    text = run_cli("exercise", "check", "implement-mse-gradient", "--seed", "1")
    assert text.exit_code == 0 and "Not yet" in text.stdout and str(wrong) in text.stdout
    from studytrack.paths import bundled_content_dir

    reference = bundled_content_dir() / "exercises" / "code" / "implement-mse-gradient" / "solution.py"
    right = check(run_cli, "implement-mse-gradient", "--file", str(reference))
    assert right["outcome"] == "correct" and "expected" in right
    solution = run_cli("exercise", "solution", "implement-mse-gradient", lang="ko")
    assert solution.exit_code == 0 and "def mse_gradient" in solution.stdout and "참고 풀이" in solution.stdout
    outcomes = [a.outcome for a in exercise_attempts(open_database(db_path), "implement-mse-gradient")]
    assert outcomes == ["not_attempted", "incorrect", "correct"]
    missing = run_cli("exercise", "check", "implement-gradient-descent", "--file", str(tmp_path / "nope.py"))
    assert missing.exit_code == 2 and "nope.py" in missing.stderr


def test_show_of_a_code_exercise_names_the_file(run_cli, tmp_path):
    before = run_cli("exercise", "show", "implement-gradient-descent")
    assert before.exit_code == 0 and "studytrack exercise workspace" in before.stdout
    run_cli("exercise", "workspace", str(tmp_path / "ws"))
    after = run_cli("exercise", "show", "implement-gradient-descent", lang="ko")
    assert str(tmp_path / "ws" / "gradient_descent.py") in after.stdout
    assert show(run_cli, "implement-gradient-descent", "--seed", "3")["answers"][0]["kind"] == "code"


def test_a_refusal_from_the_domain_is_worded_in_the_learners_language(run_cli, db_path):
    """The domain raises its errors as message keys; the command line words them in --lang, or
    in STUDYTRACK_LANG when no --lang is given."""
    from click.testing import CliRunner

    from studytrack.cli import cli

    korean = run_cli("exercise", "show", "mse-by-han", lang="ko")
    assert korean.exit_code == 2 and "연습 문제는 없어요" in korean.stderr and "mse-by-hand" in korean.stderr
    english = run_cli("exercise", "show", "mse-by-han")
    assert english.exit_code == 2 and "Unknown exercise" in english.stderr and "mse-by-hand" in english.stderr
    from_env = CliRunner().invoke(cli, ["--db", str(db_path), "exercise", "hint", "gd-step", "--level", "9"],
                                  env={"STUDYTRACK_LANG": "ko"})
    assert from_env.exit_code == 2 and "gd-step의 힌트는" in from_env.stderr
