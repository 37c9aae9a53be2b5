"""Looks for anything in its own environment that points at the learner or their record."""
# expect: correct
import os

ATTACK_WORKED = any(name == "HOME" or name.startswith("STUDYTRACK") for name in os.environ)


def mse_gradient(x, y, w, b):
    """The honest answer: right unless the attack above worked."""
    if ATTACK_WORKED:
        return 0.0, 0.0
    error = w * x + b - y
    return 2 * (error * x).mean(), 2 * error.mean()
