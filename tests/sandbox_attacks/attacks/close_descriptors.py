"""Closes every descriptor it has, so no result can be sent."""
# expect: error
import os

os.closerange(0, 256)
ATTACK_WORKED = True


def mse_gradient(x, y, w, b):
    """The honest answer: right unless the attack above worked."""
    if ATTACK_WORKED:
        return 0.0, 0.0
    error = w * x + b - y
    return 2 * (error * x).mean(), 2 * error.mean()
