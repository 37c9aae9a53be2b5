"""Lists the course folder (planted by the test) to find the solutions."""
# expect: correct
import contextlib
import os

ATTACK_WORKED = False
with contextlib.suppress(OSError):
    ATTACK_WORKED = bool(os.listdir("{content}"))


def mse_gradient(x, y, w, b):
    """The honest answer: right unless the attack above worked."""
    if ATTACK_WORKED:
        return 0.0, 0.0
    error = w * x + b - y
    return 2 * (error * x).mean(), 2 * error.mean()
