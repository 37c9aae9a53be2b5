"""Numbers as a learner reads them, without numpy: ``num`` and ``num_list``.

Every check formats its numbers with these (``checks.numbers`` re-exports them); they live here,
outside the checks, so that judging a code exercise from its cached plan (``judging``) needs no
numpy at all.
"""

import math
from collections.abc import Iterable
from typing import SupportsFloat


def num(value: SupportsFloat, places: int = 4) -> str:
    """``value`` with at most ``places`` decimals, trailing zeros dropped, ASCII minus, no ``-0``."""
    number = float(value)
    if not math.isfinite(number):
        return str(number)
    if abs(number) < 1e-9:
        return "0"  # rounding noise of an exact zero (a perfect fit's loss)
    if abs(number) >= 1e6 or (0 < abs(number) < 10 ** -places):
        return f"{number:.4g}"
    text = f"{round(number, places):.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def num_list(values: Iterable[SupportsFloat]) -> str:
    """A list of numbers as ``[1, 2.5, -3]``."""
    return "[" + ", ".join(num(v) for v in values) + "]"
