"""Exercises 05 and 06: every generated problem is unambiguous, and a wrong pick is explained.

05 (diagnose-loss-curve): an "oscillating" loss zigzags with no upward trend, so no learner can
read it as diverging. 06 (global-minimum-start): far starts may jump the peak; the answer comes
from the engine's runs and picking by the side of the peak is a named mistake.
"""

import numpy as np
import pytest

from studytrack import engine
from studytrack.domain.content.course import load_course
from studytrack.domain.exercises.checks import CHECKS, diagnose_loss_history, mistake_message
from studytrack.domain.exercises.checks.global_minimum_start import first_step
from studytrack.domain.exercises.checks.loss_curve import envelope_grows
from studytrack.domain.exercises.model import check_answers, find_exercise, generate, load_exercises
from studytrack.paths import bundled_content_dir

COURSE = load_course(bundled_content_dir())
EXERCISES = load_exercises(COURSE.root, COURSE.topic_ids)
CURVE = find_exercise(EXERCISES, "diagnose-loss-curve")
START = find_exercise(EXERCISES, "global-minimum-start")
SEEDS = range(120)


def mistake_text(key: str, lang: str) -> str:
    """The sentence naming the known mistake ``key``, in ``lang``."""
    return mistake_message(key).text(lang)


def sign_flips(values: np.ndarray) -> int:
    steps = np.sign(np.diff(values))
    return int(np.sum(steps[1:] * steps[:-1] < 0))


def reads_unambiguously(kind: str, losses: list[float]) -> bool:
    """The curve says ``kind`` and nothing else, by the definitions the prompt and hints teach."""
    values = np.asarray(losses, dtype=float)
    steps = np.diff(values)
    if kind == "oscillating":
        # zigzags, and the upper envelope does not grow: from the first trough on, the last third
        # never reaches above the highest loss before it (4-digit rounding aside)
        trough = next(k for k in range(1, values.size - 1) if values[k - 1] > values[k] < values[k + 1])
        zigzag = values[trough:]
        third = zigzag.size // 3
        return (sign_flips(values[values.size // 2 - 1 :]) >= 3
                and zigzag[-third:].max() <= zigzag[:-third].max() * 1.002 and values[-1] < values[0])
    if kind == "diverging":
        return values[-1] > 5 * values[0] and bool(np.all(steps[-2:] > 0)) and sign_flips(values) <= 1
    # converging and too slow only fall
    return bool(np.all(steps <= 0))


@pytest.mark.parametrize("difficulty", ["easy", "normal", "hard"])
def test_every_generated_loss_curve_is_unambiguous(difficulty):
    kinds = set()
    for seed in SEEDS:
        instance = generate(CURVE, seed, difficulty)
        kind, losses = instance.expected["kind"], instance.public_params()["losses"]
        kinds.add(kind)
        assert reads_unambiguously(kind, losses), (seed, difficulty, kind, losses)
        if kind == "oscillating":
            assert not envelope_grows(losses)
    assert kinds == {"converging", "too-slow", "oscillating", "diverging"}


def test_a_zigzag_that_climbs_is_not_called_oscillating():
    """Seed 8 easy used to show 0.55 → 0.58 → … → 1.47 as "oscillating"."""
    climbing = [2.049, 3.671, 0.5475, 0.5812, 0.6034, 0.6844, 0.7078, 0.8879, 0.8591, 1.196, 0.9914, 1.473, 1.038]
    level = [14.42, 8.318, 2.959, 1.544, 2.108, 1.588, 2.124, 1.599, 2.118, 1.602, 2.123, 1.602, 2.124]
    assert envelope_grows(climbing) and not envelope_grows(level)
    assert diagnose_loss_history(climbing) is None and diagnose_loss_history(level) == "oscillating"


def first_instance(kind: str):
    return next(i for i in (generate(CURVE, seed, "easy") for seed in SEEDS) if i.expected["kind"] == kind)


@pytest.mark.parametrize(
    ("kind", "picked", "mistake"),
    [("oscillating", "diverging", "oscillating_called_diverging"),
     ("diverging", "oscillating", "diverging_called_oscillating"),
     ("converging", "too-slow", "converging_called_too_slow"),
     ("too-slow", "converging", "too_slow_called_converging"),
     ("oscillating", "converging", None),
     ("diverging", "too-slow", None)])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_wrong_reading_of_a_curve_is_explained(kind, picked, mistake, lang):
    instance = first_instance(kind)
    result = check_answers(instance, {"kind": picked})
    assert result.outcome == "incorrect"
    assert result.mistakes == ((mistake,) if mistake else ())
    if mistake:
        assert mistake_text(mistake, lang) in result.feedback.text(lang)
    right = check_answers(instance, {"kind": kind})
    assert right.outcome == "correct" and right.mistakes == ()


def test_the_curve_mistakes_never_name_the_right_word_as_wrong():
    """Each message explains the wrong pick; the English names the picked kind's meaning."""
    assert "Diverging means" in mistake_text("oscillating_called_diverging", "en")
    assert "Oscillating means" in mistake_text("diverging_called_oscillating", "en")
    assert "발산은" in mistake_text("oscillating_called_diverging", "ko")
    assert "진동은" in mistake_text("diverging_called_oscillating", "ko")


def peak_of(coeffs) -> float:
    minima = engine.polynomial_local_minima(coeffs)
    return next(p for p in engine.polynomial_critical_points(coeffs) if minima[0] < p < minima[1])


def test_the_issue_example_far_starts_jump_the_peak():
    """x⁴ − 4x² + x with α = 0.01: starts at 5.5 and 6 lie right of the peak and end in the left valley."""
    coeffs = [1, 0, -4, 1, 0]
    peak = peak_of(coeffs)
    for start in (5.5, 6.0):
        end = engine.polynomial_descent_basin(coeffs, start, 0.01, 1000)
        assert start > peak and first_step(coeffs, start, 0.01) < peak and end is not None and end < peak


@pytest.mark.parametrize("difficulty", ["easy", "normal", "hard"])
def test_every_start_ends_where_its_first_step_lands_and_jumps_are_offered(difficulty):
    jumping = 0
    for seed in range(30):
        params = generate(START, seed, difficulty).params
        coeffs, lr = params["coeffs"], params["lr"]
        peak, target = peak_of(coeffs), engine.polynomial_global_minimum(coeffs)
        ends = [engine.polynomial_descent_basin(coeffs, s, lr, params["steps"]) for s in params["starts"]]
        assert None not in ends and sum(abs(e - target) < 1e-6 for e in ends) == 1
        for start, end in zip(params["starts"], ends, strict=True):
            assert (first_step(coeffs, start, lr) < peak) == (end < peak), (seed, start)
        jumping += any((first_step(coeffs, s, lr) < peak) != (s < peak) for s in params["starts"])
        # what each named mistake's message says holds for the start it names
        for key, answer in CHECKS["global-minimum-start"].mistakes(params).items():
            start, end = params["starts"][answer["start"] - 1], ends[answer["start"] - 1]
            jumps = (first_step(coeffs, start, lr) < peak) != (start < peak)
            assert abs(end - target) > 1e-6 and jumps == (key == "side_of_peak"), (seed, key)
            if key == "side_of_peak":
                assert (start < peak) == (target < peak)
            else:  # lowest_start: downhill into the valley on its own side, the shallower one
                assert (end < peak) == (start < peak)
    assert jumping >= 6, difficulty


def jump_problem(difficulty="normal"):
    """A problem with a far start on the global minimum's side whose first step jumps the peak."""
    for seed in range(100):
        instance = generate(START, seed, difficulty)
        if "side_of_peak" in CHECKS["global-minimum-start"].mistakes(instance.params):
            return instance
    raise AssertionError("no problem with a jumping start")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_picking_by_the_side_of_the_peak_is_a_named_mistake(lang):
    instance = jump_problem()
    params = instance.params
    trap = CHECKS["global-minimum-start"].mistakes(params)["side_of_peak"]["start"]
    coeffs, start = params["coeffs"], params["starts"][trap - 1]
    peak, target = peak_of(coeffs), engine.polynomial_global_minimum(coeffs)
    assert (start < peak) == (target < peak)  # on the deepest valley's side …
    end = engine.polynomial_descent_basin(coeffs, start, params["lr"], params["steps"])
    assert end is not None and (end < peak) != (target < peak)  # … yet it ends in the other valley
    result = check_answers(instance, {"start": str(trap)})
    assert result.outcome == "incorrect" and result.mistakes == ("side_of_peak",)
    assert mistake_text("side_of_peak", lang) in result.feedback.text(lang)
    winner = check_answers(instance, {"start": str(instance.expected["start"])})
    assert winner.outcome == "correct"


def test_the_lowest_start_message_no_longer_claims_descent_stays_in_its_valley():
    assert "only walks downhill into the valley it starts in" not in mistake_text("lowest_start", "en")
    assert "출발한 골짜기 안에서 내리막만" not in mistake_text("lowest_start", "ko")
    assert "its own side of the peak" in mistake_text("lowest_start", "en")
