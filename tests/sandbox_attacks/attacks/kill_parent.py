"""Kills the process that started it (the CLI or the app)."""
# expect: correct
import os
import signal

ATTACK_WORKED = False
try:
    os.kill(os.getppid(), signal.SIGKILL)
    ATTACK_WORKED = os.getppid() not in (0, 1)
except OSError:
    pass


def mse_gradient(x, y, w, b):
    """The honest answer: right unless the attack above worked."""
    if ATTACK_WORKED:
        return 0.0, 0.0
    error = w * x + b - y
    return 2 * (error * x).mean(), 2 * error.mean()
