"""Leaves with status 0 while loading, before any result."""
# expect: error
import sys

sys.exit(0)
ATTACK_WORKED = True


def mse_gradient(x, y, w, b):
    """The honest answer: right unless the attack above worked."""
    if ATTACK_WORKED:
        return 0.0, 0.0
    error = w * x + b - y
    return 2 * (error * x).mean(), 2 * error.mean()
