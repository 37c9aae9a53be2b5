"""A double-forked setsid() daemon that keeps writing: it must not outlive the check."""
# expect: correct
import os
import time

if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        for _ in range(600):
            with open("daemon-was-here.txt", "a") as note:
                note.write("still here\n")
            time.sleep(0.05)
    os._exit(0)
time.sleep(0.3)
ATTACK_WORKED = False


def mse_gradient(x, y, w, b):
    """The honest answer: right unless the attack above worked."""
    if ATTACK_WORKED:
        return 0.0, 0.0
    error = w * x + b - y
    return 2 * (error * x).mean(), 2 * error.mean()
