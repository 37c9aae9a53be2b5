"""Numbers as a learner reads them, and drawing readable numbers: the helpers every check shares.

Formatting (``num``, ``sig``, ``num_list``, ``polynomial_text`` …) keeps prompts, feedback and
worked solutions alike; drawing (``whole``, ``tenths``, ``distinct_xs``) keeps generated problems
easy to compute by hand.
"""

from collections.abc import Sequence
from typing import SupportsFloat, TypeVar, overload

import numpy as np
from numpy.typing import ArrayLike

from studytrack.domain.exercises.numtext import num as num
from studytrack.domain.exercises.numtext import num_list as num_list

T = TypeVar("T")

SUPERSCRIPTS = {2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶"}
"""The exponents a polynomial's terms show."""


def sig(value: SupportsFloat, digits: int = 4) -> str:
    """``value`` to ``digits`` significant digits (``1.234e+05`` style once large)."""
    number = float(value)
    if number == 0:
        return "0"
    return f"{number:.{digits}g}"


def matrix_text(matrix: ArrayLike) -> str:
    """A small matrix as ``[[2, 1], [1, 4]]``."""
    return "[" + ", ".join(num_list(row) for row in np.asarray(matrix)) + "]"


def clean(value: SupportsFloat) -> int | float:
    """A generated number as JSON shows it: an int when whole, else a float rounded to 6 places."""
    number = float(value)
    return int(number) if number.is_integer() else round(number, 6)


def polynomial_text(coeffs: Sequence[float], variable: str = "x") -> str:
    """A polynomial, highest power first, as ``x⁴ − 3x² + x``."""
    degree = len(coeffs) - 1
    terms: list[tuple[bool, str]] = []
    for power, coefficient in zip(range(degree, -1, -1), coeffs, strict=True):
        if coefficient == 0:
            continue
        size = abs(float(coefficient))
        body = "" if power == 0 else variable + SUPERSCRIPTS.get(power, "")
        terms.append((coefficient < 0, ("" if size == 1 and power else num(size)) + body))
    if not terms:
        return "0"
    negative, first = terms[0]
    text = ("-" if negative else "") + first
    return text + "".join(f" {'−' if neg else '+'} {term}" for neg, term in terms[1:])


def quadratic_text(a: float, b: float, c: float) -> str:
    """a·x² + b·x·y + c·y² as ``2x² − 3xy + y²``."""
    terms = [(a, "x²"), (b, "xy"), (c, "y²")]
    parts: list[str] = []
    for coefficient, body in terms:
        if coefficient == 0:
            continue
        size = abs(coefficient)
        term = ("" if size == 1 else num(size)) + body
        if not parts:
            parts.append(("-" if coefficient < 0 else "") + term)
        else:
            parts.append(f"{'−' if coefficient < 0 else '+'} {term}")
    return " ".join(parts) or "0"


def pick(rng: np.random.Generator, values: Sequence[T]) -> T:
    """One of ``values``, chosen by ``rng``."""
    return values[int(rng.integers(len(values)))]


@overload
def whole(rng: np.random.Generator, low: int, high: int, size: None = None, *, nonzero: bool = False) -> int: ...
@overload
def whole(rng: np.random.Generator, low: int, high: int, size: int, *, nonzero: bool = False) -> list[int]: ...
def whole(rng: np.random.Generator, low: int, high: int, size: int | None = None, *,
          nonzero: bool = False) -> int | list[int]:
    """Whole numbers in [low, high] (a list for a size, one int otherwise)."""
    choices = [v for v in range(low, high + 1) if not (nonzero and v == 0)]
    if size is None:
        return int(pick(rng, choices))
    return [int(v) for v in rng.choice(choices, size=size)]


@overload
def tenths(rng: np.random.Generator, low: float, high: float, size: None = None, *,
           nonzero: bool = False) -> int | float: ...
@overload
def tenths(rng: np.random.Generator, low: float, high: float, size: int, *,
           nonzero: bool = False) -> list[int | float]: ...
def tenths(rng: np.random.Generator, low: float, high: float, size: int | None = None, *,
           nonzero: bool = False) -> int | float | list[int | float]:
    """Numbers with one decimal in [low, high]."""
    choices = [v / 10 for v in range(round(low * 10), round(high * 10) + 1) if not (nonzero and v == 0)]
    if size is None:
        return clean(pick(rng, choices))
    return [clean(v) for v in rng.choice(choices, size=size)]


def distinct_xs(rng: np.random.Generator, count: int, low: float, high: float, step: float) -> list[int | float]:
    """``count`` different sorted x values on a grid of ``step`` in [low, high]."""
    grid = np.arange(round(low / step), round(high / step) + 1) * step
    return [clean(round(float(v), 6)) for v in sorted(rng.choice(grid, size=count, replace=False))]

