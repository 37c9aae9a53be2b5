"""Imports studytrack's engine to get the answer without solving."""
# expect: error
import studytrack.engine  # noqa: F401  (importing it is the attack: the engine computes the answers)

ATTACK_WORKED = False


def mse_gradient(x, y, w, b):
    """The honest answer: right unless the attack above worked."""
    if ATTACK_WORKED:
        return 0.0, 0.0
    error = w * x + b - y
    return 2 * (error * x).mean(), 2 * error.mean()
