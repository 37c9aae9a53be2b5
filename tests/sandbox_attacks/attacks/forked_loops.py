"""Forks, and both halves loop forever."""
# expect: timeout
import os

os.fork()
while True:
    pass
ATTACK_WORKED = True


def mse_gradient(x, y, w, b):
    """The honest answer: right unless the attack above worked."""
    if ATTACK_WORKED:
        return 0.0, 0.0
    error = w * x + b - y
    return 2 * (error * x).mean(), 2 * error.mean()
