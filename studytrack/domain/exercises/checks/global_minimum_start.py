"""The global-minimum-start check: which start does descent carry to the global minimum?

A quartic with two valleys and a few starts; exactly one start's descent ends in the global
minimum. On normal and hard the trap is that the start with the lowest f is not that one. The
chosen start is judged by its own descent run, which the app plots.
"""

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from studytrack import engine
from studytrack.domain.exercises.checks.base import (
    POSITION,
    TEXT,
    Answers,
    Check,
    Judgement,
    Params,
    Retry,
    Verdict,
    known,
    memo,
)
from studytrack.domain.exercises.checks.numbers import clean, num, num_list, pick, polynomial_text, tenths, whole
from studytrack.domain.messages import Message

BASIN_TOL = 1e-10
"""Descent counts as settled when |f′| is at most this (the engine's ``polynomial_descent_basin``)."""


@memo
def _basins(params: Params) -> list[float | None]:
    """Where descent from each start ends (a local minimum), by the engine."""
    return [
        engine.polynomial_descent_basin(params["coeffs"], start, params["lr"], params["steps"], tol=BASIN_TOL)
        for start in params["starts"]
    ]


@memo
def _global_start_index(params: Params) -> int | None:
    """The 0-based index of the one start whose descent ends in the global minimum (None if not one)."""
    target = engine.polynomial_global_minimum(params["coeffs"])
    hits = [i for i, end in enumerate(_basins(params)) if end is not None and abs(end - target) < 1e-6]
    return hits[0] if len(hits) == 1 else None


def _winner(params: Params) -> int:
    """The 1-based position of the start whose descent reaches the global minimum (the answer)."""
    return known(_global_start_index(params), "single start that reaches the global minimum") + 1


def _generate_start(rng: np.random.Generator, difficulty: str) -> dict[str, Any]:
    coeffs: list[float]
    if difficulty == "easy":
        coeffs = [1, 0, -whole(rng, 2, 5), whole(rng, -3, 3, nonzero=True), 0]
        count, grid = 3, 1.0
    elif difficulty == "normal":
        coeffs = [1, whole(rng, -2, 2), whole(rng, -6, -2), whole(rng, -3, 3), 0]
        count, grid = 4, 0.5
    else:
        coeffs = [1, tenths(rng, -2, 2), whole(rng, -6, -2), tenths(rng, -3, 3, nonzero=True), 0]
        count, grid = 5, 0.5
    minima = engine.polynomial_local_minima(coeffs)
    if minima.size != 2:
        raise Retry
    values = [engine.polynomial_value(coeffs, m) for m in minima]
    if abs(values[0] - values[1]) < 0.5 or minima[1] - minima[0] < 1.5:
        raise Retry
    peak = next(p for p in engine.polynomial_critical_points(coeffs) if minima[0] < p < minima[1])
    grid_points = np.arange(math.floor((minima[0] - 1.2) / grid), math.ceil((minima[1] + 1.2) / grid) + 1) * grid
    global_left = values[0] < values[1]
    sides: dict[bool, list[float]] = {True: [], False: []}
    for point in grid_points:
        if abs(point - peak) > 0.25:
            sides[bool((point < peak) == global_left)].append(clean(point))
    if len(sides[False]) < count - 1 or not sides[True]:
        raise Retry
    winner = pick(rng, sides[True])
    others = [clean(v) for v in rng.choice(sides[False], count - 1, replace=False)]
    if difficulty != "easy" and min(engine.polynomial_value(coeffs, s) for s in others) >= engine.polynomial_value(
        coeffs, winner
    ):
        raise Retry  # the trap: the start with the lowest f is not the one that gets there
    starts = [[winner, *others][i] for i in rng.permutation(count)]
    params = {"coeffs": coeffs, "starts": starts, "lr": 0.01 if difficulty != "hard" else 0.02, "steps": 1000}
    ends = _basins(params)
    # fair: each start ends in the valley on its side of the peak (no overshooting into the other)
    if None in ends or any((s < peak) != (e < peak) for s, e in zip(starts, ends, strict=True)):
        raise Retry
    if _global_start_index(params) != starts.index(winner):
        raise Retry
    return params


def _expected_start(params: Params) -> Answers:
    return {"start": _winner(params)}


def _mistakes_start(params: Params) -> dict[str, Answers]:
    values = [engine.polynomial_value(params["coeffs"], s) for s in params["starts"]]
    lowest = int(np.argmin(values)) + 1
    return {} if lowest == _winner(params) else {"lowest_start": {"start": lowest}}


def _judge_start(params: Params, values: Mapping[str, Any]) -> Judgement:
    """The chosen start's own descent run, and where it ends when that is not the global minimum."""
    if "start" not in values:
        return Judgement({})
    position = values["start"]
    start = params["starts"][position - 1]
    objective = engine.polynomial_objective(params["coeffs"])
    run = engine.descend(objective.gradient, start, params["lr"], params["steps"], loss=objective.value,
                         tol=BASIN_TOL)
    if position == _winner(params):
        return Judgement({"start": Verdict(True)}, run)
    end = _basins(params)[position - 1]
    mistakes = _mistakes_start(params)
    mistake = "lowest_start" if mistakes.get("lowest_start", {}).get("start") == position else None
    if end is None:
        note = Message(TEXT, "start_stuck",
                       {"position": position, "start": num(start), "steps": params["steps"]})
    else:
        value = engine.polynomial_value(params["coeffs"], end)
        note = Message(TEXT, "start_ends",
                       {"position": position, "start": num(start), "end": num(end, 2), "value": num(value, 2)})
    return Judgement({"start": Verdict(False, mistake=mistake, note=note)}, run)


def _start_fields(params: Params, lang: str) -> dict[str, str]:
    return {
        "f": polynomial_text(params["coeffs"]),
        "coeffs": num_list(params["coeffs"]),
        "starts": "   ".join(f"{i}) x = {num(s)}" for i, s in enumerate(params["starts"], start=1)),
        "count": str(len(params["starts"])),
        "lr": num(params["lr"]),
        "steps": str(params["steps"]),
    }


def _start_worked(params: Params, lang: str) -> dict[str, str]:
    coeffs = params["coeffs"]
    derivative = list(np.polyder(np.asarray(coeffs, dtype=float)))
    minima = engine.polynomial_local_minima(coeffs)
    target = engine.polynomial_global_minimum(coeffs)
    critical = engine.polynomial_critical_points(coeffs)
    lines = []
    for position, (start, basin) in enumerate(zip(params["starts"], _basins(params), strict=True), start=1):
        end = known(basin, f"end of the descent from start {position}")
        label = TEXT("global_label" if abs(end - target) < 1e-6 else "local_label", lang)
        lines.append("  " + TEXT("start_line", lang, position=position, start=num(start), end=num(end, 2),
                                 label=label))
    return {
        **_start_fields(params, lang),
        "derivative": polynomial_text(derivative),
        "critical": ", ".join(num(p, 2) for p in critical),
        "minima": ", ".join(f"x ≈ {num(m, 2)} (f ≈ {num(engine.polynomial_value(coeffs, m), 2)})" for m in minima),
        "global_x": num(target, 2),
        "global_f": num(engine.polynomial_value(coeffs, target), 2),
        "runs": "\n".join(lines),
        "start": str(_winner(params)),
    }


def _start_choices(params: Params) -> dict[str, tuple[Any, ...]]:
    """The positions a learner may choose: 1 … the number of starts."""
    return {"start": tuple(range(1, len(params["starts"]) + 1))}


CHECK = Check("global-minimum-start", {"start": POSITION}, _generate_start, _expected_start, _start_fields,
              _start_worked, mistakes=_mistakes_start, choices=_start_choices, judge=_judge_start)
"""Answer: the 1-based position of the start. Known mistake: the start with the lowest f."""
