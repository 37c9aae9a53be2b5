"""``Objective``: a function to minimise bundled with its analytic derivatives."""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

Params = float | np.ndarray
"""A point in parameter space: a float for one parameter, a 1-D array for several."""


@dataclass(frozen=True)
class Objective:
    """A named function with its analytic gradient and (when simple) Hessian.

    Lessons hand ``objective.gradient`` and ``objective.value`` to ``descend``; tests compare them
    with the numerical derivatives of ``calculus``. For one parameter the gradient and the Hessian
    are floats (the first and second derivative); for several they are arrays.
    """

    name: str
    value: Callable[[Params], float]
    gradient: Callable[[Params], Params]
    hessian: Callable[[Params], Params] | None = None
