"""The critical-point check: is the origin of a two-variable quadratic a minimum, maximum or saddle?"""

from typing import Any

import numpy as np

from studytrack import engine
from studytrack.domain.exercises.checks.base import CHOICE, Answers, Check, Params, Retry, Worked, choice_word, known
from studytrack.domain.exercises.checks.numbers import matrix_text, num, pick, quadratic_text, whole


def _hessian(params: Params) -> np.ndarray:
    quadratic = engine.two_variable_quadratic(params["a"], params["b"], params["c"])
    hessian = known(quadratic.hessian, "Hessian")(np.zeros(2))
    return np.asarray(hessian, dtype=np.float64)


def _generate_critical(rng: np.random.Generator, difficulty: str) -> dict[str, Any]:
    target = pick(rng, ("minimum", "maximum", "saddle"))
    if difficulty == "hard" and target != "saddle" and pick(rng, (True, False)):
        target = "saddle"  # hard leans on the trap: a and c agree, yet the cross term makes a saddle
    for _ in range(200):
        if difficulty == "easy":
            params = {"a": whole(rng, -3, 3, nonzero=True), "b": 0, "c": whole(rng, -3, 3, nonzero=True)}
        elif difficulty == "normal":
            params = {"a": whole(rng, -3, 3, nonzero=True), "b": whole(rng, -4, 4, nonzero=True),
                      "c": whole(rng, -3, 3, nonzero=True)}
        else:
            # a and c of one sign, so the diagonal alone suggests a minimum or a maximum
            sign = pick(rng, (-1, 1))
            params = {"a": sign * whole(rng, 1, 4), "b": whole(rng, -6, 6, nonzero=True),
                      "c": sign * whole(rng, 1, 4)}
        eigenvalues = engine.hessian_eigenvalues(_hessian(params))
        if engine.classify_critical_point(_hessian(params)) == target and np.min(np.abs(eigenvalues)) >= 0.2:
            return params
    raise Retry


def _expected_critical(params: Params) -> Answers:
    return {"kind": engine.classify_critical_point(_hessian(params))}


def _mistakes_critical(params: Params) -> dict[str, Answers]:
    diagonal = engine.classify_critical_point(np.diag(np.diag(_hessian(params))))
    expected = _expected_critical(params)["kind"]
    return {"diagonal": {"kind": diagonal}} if diagonal not in (expected, "degenerate") else {}


def _critical_fields(params: Params) -> dict[str, str]:
    return {"a": num(params["a"]), "b": num(params["b"]), "c": num(params["c"]),
            "f": quadratic_text(params["a"], params["b"], params["c"])}


def _critical_worked(params: Params) -> Worked:
    hessian = _hessian(params)
    eigenvalues = engine.hessian_eigenvalues(hessian)
    kind = _expected_critical(params)["kind"]
    return {
        **_critical_fields(params),
        "hessian": matrix_text(hessian),
        "eig_min": num(eigenvalues[0]),
        "eig_max": num(eigenvalues[-1]),
        "det": num(float(np.linalg.det(hessian))),
        "kind": choice_word(kind),
    }


def _critical_choices(params: Params) -> dict[str, tuple[Any, ...]]:
    """The kinds a learner may name."""
    return {"kind": ("minimum", "maximum", "saddle")}


CHECK = Check("critical-point", {"kind": CHOICE}, _generate_critical, _expected_critical, _critical_fields,
              _critical_worked, mistakes=_mistakes_critical, choices=_critical_choices)
"""Answer: minimum, maximum or saddle. Known mistake: reading only the Hessian's diagonal."""
