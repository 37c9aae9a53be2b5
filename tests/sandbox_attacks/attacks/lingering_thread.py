"""Leaves a thread running that never ends: the check still ends as soon as the answers are in."""
# expect: correct
import threading
import time


def linger():
    while True:
        time.sleep(1)


threading.Thread(target=linger).start()
ATTACK_WORKED = False


def mse_gradient(x, y, w, b):
    """The honest answer: right unless the attack above worked."""
    if ATTACK_WORKED:
        return 0.0, 0.0
    error = w * x + b - y
    return 2 * (error * x).mean(), 2 * error.mean()
