"""Every numeric check by name, and what is done with any of them: generating params and judging.

Each exercise kind lives in its own module and defines one ``CHECK``; this module lists them,
draws well-posed params for a seed, and judges parsed answers by tolerance (or by the check's own
judge, where an answer is judged by running it).
"""

from collections.abc import Mapping
from typing import Any

import numpy as np

from studytrack.domain.exercises.checks import (
    critical_point,
    gd_step,
    global_minimum_start,
    learning_rate,
    loss_curve,
    mse,
    mse_gradient,
)
from studytrack.domain.exercises.checks.base import (
    NUMBER,
    Check,
    GenerationError,
    Judgement,
    Params,
    Retry,
    Verdict,
    close,
)

CHECKS: dict[str, Check] = {
    module.CHECK.name: module.CHECK
    for module in (mse, mse_gradient, gd_step, learning_rate, global_minimum_start, critical_point, loss_curve)
}
"""Every numeric check an exercise file may name, by name."""


def generate_params(check: Check, seed: int, difficulty: str,
                    tolerances: Mapping[str, tuple[float, float]]) -> dict[str, Any]:
    """Well-posed params for ``seed`` and ``difficulty``: the same seed always gives the same numbers.

    Draws until the check's own conditions hold and, for number answers, every known wrong
    formula lands clearly outside the tolerance (more than twice it), so a wrong answer can never
    pass and a named mistake is never the right answer.
    """
    rng = np.random.default_rng(seed)
    for _ in range(check.tries):
        try:
            params = check.generate(rng, difficulty)
        except Retry:
            continue
        if _mistakes_are_distinct(check, params, tolerances):
            return params
    raise GenerationError(f"{check.name}: no well-posed problem for seed {seed} ({difficulty})")


def _mistakes_are_distinct(check: Check, params: Params, tolerances: Mapping[str, tuple[float, float]]) -> bool:
    """True when no known wrong formula gives a number answer within twice its tolerance."""
    expected = check.expected(params)
    for variant in check.mistakes(params).values():
        for name, value in variant.items():
            if check.answers[name] == NUMBER and close(value, expected[name], tolerances[name], 2.0):
                return False
    return True


def judge(check: Check, params: Params, values: Mapping[str, Any],
          tolerances: Mapping[str, tuple[float, float]]) -> Judgement:
    """Verdicts on the parsed answers ``values`` (only those given): the check's own judge or tolerance.

    Number answers are right within |a − e| ≤ atol + rtol·|e|; a wrong one is compared with every
    known wrong formula, within the same tolerance, to name the mistake. Choice and position
    answers are right when equal.
    """
    custom = check.judge(params, values) if check.judge else Judgement({})
    expected = check.expected(params)
    mistakes = check.mistakes(params)
    verdicts = dict(custom.verdicts)
    for name, value in values.items():
        if name in verdicts:
            continue
        if check.answers[name] == NUMBER:
            right = close(value, expected[name], tolerances[name])
            matches = [key for key, variant in mistakes.items()
                       if name in variant and close(value, variant[name], tolerances[name])]
        else:
            right = value == expected[name]
            matches = [key for key, variant in mistakes.items() if variant.get(name) == value]
        verdicts[name] = Verdict(right, mistake=None if right or not matches else matches[0])
    return Judgement(verdicts, custom.run)
