"""The global-minimum-start check: which start does descent carry to the global minimum?

A quartic with two valleys and a few starts; exactly one start's descent ends in the global
minimum. On normal and hard one trap is that the start with the lowest f is not that one.
In some problems (``JUMP_SHARE``) a far start's first step jumps over the peak, so the side of
the peak a start is on does not decide where it ends: every start ends in the valley where its
first step lands, which the engine's runs decide. The chosen start is judged by its own descent
run, which the app plots.
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
    Worked,
    known,
    memo,
)
from studytrack.domain.exercises.checks.numbers import clean, num, num_list, pick, polynomial_text, tenths, whole
from studytrack.domain.messages import Joined, Message

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


JUMP_SHARE = {"easy": 0.4, "normal": 0.5, "hard": 0.6}
"""How often a problem holds a far start whose first step jumps the peak, by difficulty."""

FAR_REACH = 6.0
"""How far past the valleys the far starts lie at most (farther ones overflow or bounce for ever)."""


def _peak(coeffs: list[float]) -> float:
    """The peak between the two valleys of the quartic (its local maximum)."""
    minima = engine.polynomial_local_minima(coeffs)
    return float(next(p for p in engine.polynomial_critical_points(coeffs) if minima[0] < p < minima[-1]))


def first_step(coeffs: list[float], start: float, lr: float) -> float:
    """Where descent's first step x − α·f′(x) lands from ``start``."""
    return start - lr * engine.polynomial_derivative(coeffs, start)


def _draw_quartic(rng: np.random.Generator, difficulty: str) -> tuple[list[float], int, float]:
    """A quartic with two valleys to choose from, the number of starts and their grid spacing."""
    if difficulty == "easy":
        return [1, 0, -whole(rng, 2, 5), whole(rng, -3, 3, nonzero=True), 0], 3, 1.0
    if difficulty == "normal":
        return [1, whole(rng, -2, 2), whole(rng, -6, -2), whole(rng, -3, 3), 0], 4, 0.5
    return [1, tenths(rng, -2, 2), whole(rng, -6, -2), tenths(rng, -3, 3, nonzero=True), 0], 5, 0.5


def _candidate_starts(coeffs: list[float], grid: float, lr: float, peak: float,
                      global_left: bool) -> dict[str, list[float]]:
    """Grid points by role: ``near`` starts on the global (``near_global``) or the other side of the
    peak, and ``far`` ones whose first step jumps the peak (``jump_global`` from the global side)."""
    minima = engine.polynomial_local_minima(coeffs)
    low, high = math.floor((minima[0] - FAR_REACH) / grid), math.ceil((minima[1] + FAR_REACH) / grid)
    roles: dict[str, list[float]] = {"near_global": [], "near_other": [], "jump_global": [], "jump_other": []}
    for point in (clean(k * grid) for k in range(low, high + 1)):
        side = "global" if (point < peak) == global_left else "other"
        jumps = (first_step(coeffs, point, lr) < peak) != (point < peak)
        if minima[0] - 1.2 <= point <= minima[1] + 1.2:
            if abs(point - peak) > 0.25 and not jumps:
                roles[f"near_{side}"].append(point)
        elif jumps:
            roles[f"jump_{side}"].append(point)
    return roles


def _choose_starts(rng: np.random.Generator, roles: dict[str, list[float]], count: int,
                   jump: bool) -> tuple[float, list[float]]:
    """The winner and the other starts. With ``jump``, one other is a far start on the global side
    that jumps into the other valley, and the winner may be a far start that jumps into the global one."""
    if jump:
        if not roles["jump_global"]:
            raise Retry
        winner = pick(rng, [*roles["near_global"], *roles["jump_other"]])
        traps = [pick(rng, roles["jump_global"])]
    else:
        winner, traps = pick(rng, roles["near_global"]), []
    if len(roles["near_other"]) < count - 1 - len(traps):
        raise Retry
    others = [clean(v) for v in rng.choice(roles["near_other"], count - 1 - len(traps), replace=False)]
    return winner, [*traps, *others]


def _generate_start(rng: np.random.Generator, difficulty: str) -> dict[str, Any]:
    """A problem; whether it holds a jumping start is drawn once, so retries don't thin those out."""
    jump = bool(rng.random() < JUMP_SHARE[difficulty])
    for _ in range(40):
        try:
            return _draw_start_problem(rng, difficulty, jump)
        except Retry:
            continue
    raise Retry


def _draw_start_problem(rng: np.random.Generator, difficulty: str, jump: bool) -> dict[str, Any]:
    coeffs, count, grid = _draw_quartic(rng, difficulty)
    minima = engine.polynomial_local_minima(coeffs)
    if minima.size != 2:
        raise Retry
    values = [engine.polynomial_value(coeffs, m) for m in minima]
    if abs(values[0] - values[1]) < 0.5 or minima[1] - minima[0] < 1.5:
        raise Retry
    lr, peak = 0.01 if difficulty != "hard" else 0.02, _peak(coeffs)
    roles = _candidate_starts(coeffs, grid, lr, peak, global_left=values[0] < values[1])
    if not roles["near_global"]:
        raise Retry
    winner, others = _choose_starts(rng, roles, count, jump)
    if difficulty != "easy" and min(engine.polynomial_value(coeffs, s) for s in others) >= engine.polynomial_value(
        coeffs, winner
    ):
        raise Retry  # the trap: the start with the lowest f is not the one that gets there
    starts = [[winner, *others][i] for i in rng.permutation(count)]
    params = {"coeffs": coeffs, "starts": starts, "lr": lr, "steps": 1000}
    # fair: each start ends in the valley on the side of the peak where its first step lands
    for start, end in zip(starts, _basins(params), strict=True):
        if end is None or (first_step(coeffs, start, lr) < peak) != (end < peak):
            raise Retry
    if _global_start_index(params) != starts.index(winner):
        raise Retry
    return params


def _expected_start(params: Params) -> Answers:
    return {"start": _winner(params)}


def _mistakes_start(params: Params) -> dict[str, Answers]:
    """The lowest start when it is not the answer; the start on the global minimum's side of the
    peak whose first step jumps into the other valley."""
    coeffs, starts, winner = params["coeffs"], params["starts"], _winner(params)
    peak, target = _peak(coeffs), engine.polynomial_global_minimum(coeffs)
    jumps = [(first_step(coeffs, s, params["lr"]) < peak) != (s < peak) for s in starts]
    mistakes: dict[str, Answers] = {}
    lowest = int(np.argmin([engine.polynomial_value(coeffs, s) for s in starts]))
    if lowest + 1 != winner and not jumps[lowest]:
        mistakes["lowest_start"] = {"start": lowest + 1}
    jumpers = [i for i, s in enumerate(starts) if i + 1 != winner and (s < peak) == (target < peak) and jumps[i]]
    if len(jumpers) == 1:
        mistakes["side_of_peak"] = {"start": jumpers[0] + 1}
    return mistakes


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
    mistake = next((key for key, answer in _mistakes_start(params).items() if answer["start"] == position), None)
    if end is None:
        note = Message(TEXT, "start_stuck",
                       {"position": position, "start": num(start), "steps": params["steps"]})
    else:
        value = engine.polynomial_value(params["coeffs"], end)
        note = Message(TEXT, "start_ends",
                       {"position": position, "start": num(start), "end": num(end, 2), "value": num(value, 2)})
    return Judgement({"start": Verdict(False, mistake=mistake, note=note)}, run)


def _start_fields(params: Params) -> dict[str, str]:
    return {
        "f": polynomial_text(params["coeffs"]),
        "coeffs": num_list(params["coeffs"]),
        "starts": "   ".join(f"{i}) x = {num(s)}" for i, s in enumerate(params["starts"], start=1)),
        "count": str(len(params["starts"])),
        "lr": num(params["lr"]),
        "steps": str(params["steps"]),
    }


def _start_worked(params: Params) -> Worked:
    coeffs = params["coeffs"]
    derivative = list(np.polyder(np.asarray(coeffs, dtype=float)))
    minima = engine.polynomial_local_minima(coeffs)
    target = engine.polynomial_global_minimum(coeffs)
    critical = engine.polynomial_critical_points(coeffs)
    lines: list[Message] = []
    for position, (start, basin) in enumerate(zip(params["starts"], _basins(params), strict=True), start=1):
        end = known(basin, f"end of the descent from start {position}")
        label = Message(TEXT, "global_label" if abs(end - target) < 1e-6 else "local_label")
        first = first_step(coeffs, start, params["lr"])
        lines.append(Message(TEXT, "start_line", {"position": position, "start": num(start), "first": num(first, 2),
                                                  "end": num(end, 2), "label": label}))
    return {
        **_start_fields(params),
        "derivative": polynomial_text(derivative),
        "critical": ", ".join(num(p, 2) for p in critical),
        "minima": ", ".join(f"x ≈ {num(m, 2)} (f ≈ {num(engine.polynomial_value(coeffs, m), 2)})" for m in minima),
        "global_x": num(target, 2),
        "global_f": num(engine.polynomial_value(coeffs, target), 2),
        "runs": Joined(tuple(Joined(("  ", line), "") for line in lines), "\n"),
        "start": str(_winner(params)),
    }


def _start_choices(params: Params) -> dict[str, tuple[Any, ...]]:
    """The positions a learner may choose: 1 … the number of starts."""
    return {"start": tuple(range(1, len(params["starts"]) + 1))}


CHECK = Check("global-minimum-start", {"start": POSITION}, _generate_start, _expected_start, _start_fields,
              _start_worked, mistakes=_mistakes_start, choices=_start_choices, judge=_judge_start)
"""Answer: the 1-based position of the start. Known mistakes: the start with the lowest f, and the
far start on the global minimum's side whose first step jumps into the other valley."""
