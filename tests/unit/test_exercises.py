"""Numeric exercises: seeded generation, engine-backed judging, named mistakes, nothing revealed."""

import ast
import json
import math
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studytrack import engine
from studytrack.domain.content.course import load_course
from studytrack.domain.content.validate import check_exercises
from studytrack.domain.exercises import checks
from studytrack.domain.exercises.checks import CHOICE_WORDS, diagnose_loss_history, num
from studytrack.domain.exercises.model import (
    OUTCOMES,
    ExerciseError,
    check_answers,
    find_exercise,
    generate,
    hint,
    load_exercises,
    self_check,
    solution_text,
)
from studytrack.errors import UnknownIdError
from studytrack.i18n import Catalog
from studytrack.paths import bundled_content_dir

COURSE = load_course(bundled_content_dir())
EXERCISES = load_exercises(COURSE.root, COURSE.topic_ids)
NUMERIC = [e for e in EXERCISES if not e.is_code]
CONTRACT = {
    "mse-by-hand": ("loss.error", ("loss",), {"x", "y", "w", "b"}),
    "gradient-by-hand": ("gd.mse-gradient", ("dw", "db"), {"x", "y", "w", "b"}),
    "gd-step": ("gd.update-rule", ("w", "b"), {"x", "y", "w", "b", "lr"}),
    "pick-learning-rate": ("gd.learning-rate", ("lr",), {"x", "y", "w0", "b0", "steps", "tol"}),
    "global-minimum-start": ("opt.local-global", ("start",), {"coeffs", "starts", "lr", "steps"}),
    "classify-critical-point": ("opt.saddle", ("kind",), {"a", "b", "c"}),
    "diagnose-loss-curve": ("gd.learning-rate", ("kind",), set()),
    "implement-mse-gradient": ("gd.mse-gradient", ("mse_gradient",), set()),
    "implement-gradient-descent": ("gd.update-rule", ("gradient_descent",), set()),
}


def exercise(exercise_id):
    return find_exercise(EXERCISES, exercise_id)


def typed(value) -> str:
    """An expected answer as a learner could type it."""
    return repr(value) if isinstance(value, float) else str(value)


def test_the_bundled_exercises_keep_their_ids_topics_answers_and_params():
    assert {e.id for e in EXERCISES} == set(CONTRACT)
    for item in EXERCISES:
        topic, answers, params = CONTRACT[item.id]
        assert item.topic == topic and item.answer_names == answers
        if not item.is_code:
            assert params <= set(generate(item, 3).params), item.id
        assert len(item.hints) >= 2 and item.solution.en and item.solution.ko
    curve = generate(exercise("diagnose-loss-curve"), 3)
    assert list(curve.public_params()) == ["losses"] and str(curve.params["lr"]) not in curve.prompt("en")
    with pytest.raises(ExerciseError, match="code exercise"):
        check_answers(generate(exercise("implement-mse-gradient"), 1), {})


@pytest.mark.parametrize("item", NUMERIC, ids=lambda e: e.id)
def test_a_seed_reproduces_its_problem_and_other_seeds_vary(item):
    for difficulty in item.difficulties:
        first = generate(item, 2026, difficulty)
        again = generate(item, 2026, difficulty)
        assert dict(first.params) == dict(again.params)
        assert first.prompt("en") == again.prompt("en") and first.prompt("ko") == again.prompt("ko")
        others = {json.dumps(dict(generate(item, seed, difficulty).params)) for seed in range(6)}
        assert len(others) >= 3, (item.id, difficulty)


@pytest.mark.parametrize("item", NUMERIC, ids=lambda e: e.id)
def test_the_engines_own_answers_pass_for_every_difficulty(item):
    for difficulty in item.difficulties:
        for seed in range(12):
            instance = generate(item, seed, difficulty)
            answers = {name: typed(value) for name, value in instance.expected.items()}
            result = check_answers(instance, answers)
            assert result.outcome == "correct", (item.id, difficulty, seed, result.feedback.text("en"))
            assert dict(result.expected) == dict(instance.expected)


def test_every_bundled_exercise_validates_and_self_checks():
    assert check_exercises(bundled_content_dir()) == []
    for item in EXERCISES:
        assert self_check(item) == []


def test_generated_problems_are_well_posed():
    start = exercise("global-minimum-start")
    critical = exercise("classify-critical-point")
    rate = exercise("pick-learning-rate")
    for difficulty in ("easy", "normal", "hard"):
        for seed in range(10):
            params = generate(start, seed, difficulty).params
            target = engine.polynomial_global_minimum(params["coeffs"])
            ends = [engine.polynomial_descent_basin(params["coeffs"], s, params["lr"], params["steps"])
                    for s in params["starts"]]
            assert None not in ends
            assert sum(abs(end - target) < 1e-6 for end in ends) == 1
            params = generate(critical, seed, difficulty).params
            hessian = engine.two_variable_quadratic(params["a"], params["b"], params["c"]).hessian([0, 0])
            assert engine.classify_critical_point(hessian) != "degenerate"
            assert np.min(np.abs(engine.hessian_eigenvalues(hessian))) > 0.1
        for seed in range(4):
            instance = generate(rate, seed, difficulty)
            lr = instance.expected["lr"]
            assert check_answers(instance, {"lr": str(lr)}).correct
            assert check_answers(instance, {"lr": str(lr / 200)}).outcome == "incorrect"


def mse_instance(seed=5):
    instance = generate(exercise("mse-by-hand"), seed)
    p = instance.params
    return instance, p["x"], p["y"], p["w"], p["b"]


def test_known_wrong_mse_formulas_are_named():
    instance, x, y, w, b = mse_instance()
    loss = engine.mse(x, y, w, b)
    wrong = {
        "sum": len(x) * loss,
        "mae": engine.mae(x, y, w, b),
        "rmse": math.sqrt(loss),
        "unsquared": float(np.mean(-engine.residuals(x, y, w, b))),
    }
    for key, value in wrong.items():
        result = check_answers(instance, {"loss": repr(value)})
        assert result.outcome == "incorrect" and result.mistakes == (key,), key
    assert "divide by n" in check_answers(instance, {"loss": repr(wrong["sum"])}).feedback.text("en")


def test_known_wrong_gradient_formulas_are_named_per_answer():
    instance = generate(exercise("gradient-by-hand"), 5)
    p = instance.params
    dw, db = engine.mse_gradient(p["x"], p["y"], p["w"], p["b"])
    n = len(p["x"])
    cases = {"sum": (n * dw, n * db), "half": (dw / 2, db / 2), "sign": (-dw, -db)}
    for key, (wrong_w, wrong_b) in cases.items():
        result = check_answers(instance, {"dw": repr(wrong_w), "db": repr(wrong_b)})
        assert result.outcome == "incorrect" and result.mistakes == (key,)
    mixed = check_answers(instance, {"dw": repr(dw), "db": repr(db / 2)})
    assert [a.outcome for a in mixed.answers] == ["correct", "incorrect"]
    assert mixed.mistakes == ("half",) and "factor 2" in mixed.feedback.text("en")


def test_known_wrong_step_formulas_are_named():
    instance = generate(exercise("gd-step"), 5)
    p = instance.params
    x, y, w, b, lr = p["x"], p["y"], p["w"], p["b"], p["lr"]
    dw, db = engine.mse_gradient(x, y, w, b)
    cases = {"added": (w + lr * dw, b + lr * db), "no_rate": (w - dw, b - db)}
    for key, (new_w, new_b) in cases.items():
        result = check_answers(instance, {"w": repr(new_w), "b": repr(new_b)})
        assert result.outcome == "incorrect" and result.mistakes == (key,), key
    assert "learning rate" in check_answers(instance, {"w": repr(w - dw), "b": repr(b - db)}).feedback.text("en")


def test_choices_and_positions_name_their_traps():
    critical = exercise("classify-critical-point")
    trap = next(generate(critical, seed, "hard") for seed in range(50)
                if generate(critical, seed, "hard").expected["kind"] == "saddle")
    diagonal = "minimum" if trap.params["a"] > 0 else "maximum"
    assert check_answers(trap, {"kind": diagonal}).mistakes == ("diagonal",)
    start = exercise("global-minimum-start")
    instance = generate(start, 4, "normal")
    values = [engine.polynomial_value(instance.params["coeffs"], s) for s in instance.params["starts"]]
    lowest = int(np.argmin(values)) + 1
    assert lowest != instance.expected["start"]
    result = check_answers(instance, {"start": str(lowest)})
    assert result.mistakes == ("lowest_start",) and result.run is not None


@pytest.mark.parametrize(
    ("exercise_id", "answer", "choice"),
    [("classify-critical-point", "안장점", "saddle"), ("classify-critical-point", "Saddle point", "saddle"),
     ("classify-critical-point", "극소", "minimum"), ("classify-critical-point", "최댓값", "maximum"),
     ("classify-critical-point", " MINIMUM ", "minimum"), ("diagnose-loss-curve", "too slow", "too-slow"),
     ("diagnose-loss-curve", "진동", "oscillating"), ("diagnose-loss-curve", "발산", "diverging"),
     ("diagnose-loss-curve", "수렴", "converging")],
)
def test_choice_words_are_read_in_english_and_korean(exercise_id, answer, choice):
    instance = generate(exercise(exercise_id), 1)
    result = check_answers(instance, {"kind": answer})
    assert result.answers[0].value == choice and result.outcome in ("correct", "incorrect")


@pytest.mark.parametrize(
    ("raw", "outcome", "reason"),
    [("", "not_attempted", ""), ("   ", "not_attempted", ""), ("1,5", "invalid", "use a point for decimals: 1.5"),
     ("nan", "invalid", "not a finite number"), ("-inf", "invalid", "not a finite number"),
     ("1e400", "invalid", "too large"), ("2" * 300, "invalid", "too long"), ("abc", "invalid", "not a number"),
     ("1/0", "invalid", "divides by zero")],
)
def test_number_answers_follow_the_parsing_rules(raw, outcome, reason):
    instance, *_ = mse_instance()
    result = check_answers(instance, {"loss": raw})
    assert result.outcome == outcome
    assert reason.lower() in result.feedback.text("en").lower()
    assert "expected" not in result.to_json("en")


def test_fractions_and_full_width_digits_are_accepted():
    instance = generate(exercise("mse-by-hand"), 0, "easy")
    loss = instance.expected["loss"]
    fraction = next(f"{round(loss * d)}/{d}" for d in (1, 2, 3, 4, 6, 12) if abs(round(loss * d) - loss * d) < 1e-9)
    assert check_answers(instance, {"loss": fraction}).correct
    wide = fraction.translate(str.maketrans("0123456789/", "０１２３４５６７８９／"))
    assert check_answers(instance, {"loss": wide}).correct


def test_a_missing_answer_is_not_attempted_for_that_answer_only():
    instance = generate(exercise("gradient-by-hand"), 5)
    result = check_answers(instance, {"dw": typed(instance.expected["dw"])})
    assert [a.outcome for a in result.answers] == ["correct", "not_attempted"]
    assert result.outcome == "incorrect" and "db: no answer yet" in result.feedback.text("en")
    assert check_answers(instance, {}).outcome == "not_attempted"
    with pytest.raises(ExerciseError, match="dw, db"):
        check_answers(instance, {"dx": "1"})


def test_positions_must_be_a_start_number():
    instance = generate(exercise("global-minimum-start"), 2)
    count = len(instance.params["starts"])
    for raw in ("0", str(count + 1), "1.5", "first"):
        result = check_answers(instance, {"start": raw})
        assert result.outcome == "invalid", raw
    assert check_answers(instance, {"start": "１"}).answers[0].value == 1


def test_a_learning_rate_is_judged_by_running_it_and_the_run_is_returned():
    instance = generate(exercise("pick-learning-rate"), 5)
    steps = instance.params["steps"]
    good = check_answers(instance, {"lr": str(instance.expected["lr"])})
    assert good.correct and good.run.status == "max_steps" and len(good.run.losses) == steps + 1
    blown = check_answers(instance, {"lr": "5"})
    assert blown.outcome == "diverged" and blown.run is not None and "too large" in blown.feedback.text("en")
    slow = check_answers(instance, {"lr": "0.00001"})
    assert slow.outcome == "incorrect" and "too slow" in slow.feedback.text("en")
    assert check_answers(instance, {"lr": "-0.1"}).outcome == "incorrect"


def test_judging_needs_no_language_and_its_notes_are_worded_when_shown():
    """A check's verdicts carry notes as keys (a ``Message``); the feedback words them per language."""
    instance = generate(exercise("pick-learning-rate"), 5)
    judgement = checks.judge(checks.CHECKS["learning-rate"], instance.params, {"lr": 5.0},
                             {"lr": (0.0, 0.0)})
    note = judgement.verdicts["lr"].note
    assert note is not None and note.key == "rate_diverged" and judgement.verdicts["lr"].diverged
    result = check_answers(instance, {"lr": "5"})
    assert note.text("en") in result.feedback.text("en") and note.text("ko") in result.feedback.text("ko")
    assert result.outcome == "diverged" and note.text("en") != note.text("ko")
    assert result.to_json("ko")["feedback"] == result.feedback.text("ko")


def message_keys(path: Path, function: str, position: int) -> set[str]:
    """The constant keys given as argument ``position`` of every call of ``function`` in ``path``."""
    return {node.args[position].value for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == function
            and len(node.args) > position and isinstance(node.args[position], ast.Constant)}


def test_every_message_key_judging_names_has_a_text():
    """Judging keeps sentences as keys (``Message(TEXT, "key", …)``, ``_say("key", …)`` for code,
    in ``judging``); each key is in its locale table."""
    folder = Path(checks.__file__).parent
    keys = set().union(*(message_keys(path, "Message", 1) for path in folder.glob("*.py")))
    assert {"rate_not_positive", "rate_diverged", "rate_reached", "start_stuck", "start_ends"} <= keys
    catalog = Catalog("domain.exercises.checks")
    assert all(key in catalog for key in [*keys, "rate_zigzag", "rate_slow"])
    code_keys = message_keys(folder.parent / "judging.py", "_say", 0)
    assert {"timeout", "not_implemented", "wrong", "shape", "pair", "unknown_line"} <= code_keys
    code_catalog = Catalog("domain.exercises.code")
    assert all(key in code_catalog for key in [*code_keys, "syntax", "load_error"])


def occurs(text: str, haystack: str) -> bool:
    """True when the number ``text`` occurs in ``haystack`` as a whole number, not inside another."""
    return re.search(rf"(?<![\d.]){re.escape(text)}(?![\d])", haystack) is not None


def wrong_answer(spec, value, choices):
    if spec.kind == "choice":
        return next(c for c in choices[spec.name] if c != value)
    if spec.kind == "position":
        return str(next(c for c in choices[spec.name] if c != value))
    if spec.kind == "rate":
        return str(value / 300)
    return repr(value + 17.3)


@pytest.mark.parametrize("item", NUMERIC, ids=lambda e: e.id)
def test_a_failed_check_never_reveals_the_expected_answer(item):
    for seed in range(8):
        instance = generate(item, seed)
        choices = instance.choices()
        answers = {spec.name: wrong_answer(spec, instance.expected[spec.name], choices) for spec in item.answers}
        result = check_answers(instance, answers)
        assert result.outcome in ("incorrect", "diverged"), (item.id, seed)
        for lang in ("en", "ko"):
            feedback = result.feedback.text(lang)
            document = json.dumps(result.to_json(lang), ensure_ascii=False)
            assert "expected" not in result.to_json(lang)
            for spec in item.answers:
                value = instance.expected[spec.name]
                if spec.kind == "choice":
                    words = {value, CHOICE_WORDS[value]["en"], CHOICE_WORDS[value]["ko"]}
                    assert not any(word in feedback for word in words), (item.id, seed)
                elif spec.kind == "position":
                    assert f"start {value} " not in feedback and f"{value}번" not in feedback
                else:
                    texts = {num(value, 4), num(value, 3), num(value, 2), f"{value:.6g}", repr(value)}
                    for text in texts:
                        if len(text.lstrip("-")) >= 3 and text not in json.dumps(answers):
                            assert not occurs(text, feedback), (item.id, seed, text)
                            assert not occurs(text, document), (item.id, seed, text)


@pytest.mark.parametrize("item", NUMERIC, ids=lambda e: e.id)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(st.text(max_size=60), st.from_regex(r"[-+]?\d{0,4}([.,/]\d{0,4})?(e[-+]?\d{1,4})?"),
                      st.sampled_from(["nan", "inf", "1e400", "１／３", "½", "0x10", "1_000", "\x00", "١٢"])),
       lang=st.sampled_from(["en", "ko"]))
def test_any_text_gives_an_outcome_and_never_raises(item, text, lang):
    instance = generate(item, 9)
    result = check_answers(instance, {name: text for name in item.answer_names})
    assert result.outcome in OUTCOMES
    assert result.feedback.text(lang)
    json.dumps(result.to_json(lang))


def test_loss_histories_are_diagnosed():
    converging = [10 * 0.3**k + 1 for k in range(10)]
    slow = [10 - 0.3 * k for k in range(10)]
    oscillating = [5, 2, 1, 1.5, 0.9, 1.6, 0.9, 1.6, 0.9, 1.6]
    diverging = [1.5**k for k in range(10)]
    assert [diagnose_loss_history(h) for h in (converging, slow, oscillating, diverging)] == [
        "converging", "too-slow", "oscillating", "diverging"]
    assert diagnose_loss_history([1, 2, 1]) is None


def test_hints_climb_a_ladder_and_solutions_carry_the_engines_numbers():
    item = exercise("mse-by-hand")
    assert hint(item, 1).get("ko") != hint(item, 2).get("ko")
    with pytest.raises(ExerciseError):
        hint(item, len(item.hints) + 1)
    instance, x, y, w, b = mse_instance()
    assert num(engine.mse(x, y, w, b)) in solution_text(instance, "en")
    assert num(engine.mse(x, y, w, b)) in solution_text(instance, "ko")


def test_unknown_ids_seeds_and_difficulties_are_refused():
    with pytest.raises(UnknownIdError, match="mse-by-hand"):
        find_exercise(EXERCISES, "mse-by-han")
    with pytest.raises(ExerciseError):
        generate(exercise("mse-by-hand"), -1)
    with pytest.raises(ExerciseError):
        generate(exercise("implement-mse-gradient"), 1, "easy")


BROKEN = '''
id = "broken"
topic = "no.such-topic"
check = "mse"
title.en = "Broken"
prompt.en = "Loss for {x} and {nonsense}?"
prompt.ko = "{x}의 손실은?"
solution.en = "{loss}"
solution.ko = "{loss}"

[[answer]]
name = "loss"
atol = 0

[[hint]]
en = "only one"
ko = "하나뿐"
'''


def test_validation_reports_every_definition_problem(mini_course):
    folder = mini_course / "exercises"
    folder.mkdir()
    (folder / "broken.toml").write_text(BROKEN, encoding="utf-8")
    (folder / "unknown.toml").write_text('id = "unknown"\ncheck = "msee"\n', encoding="utf-8")
    messages = "\n".join(str(p) for p in check_exercises(mini_course))
    for expected in ("unknown topic id 'no.such-topic'", "title.ko is missing", "at least 2 [[hint]]",
                     "atol > 0", "unknown check 'msee'", "unknown placeholders nonsense"):
        assert expected in messages
    assert "broken.toml:" in messages
