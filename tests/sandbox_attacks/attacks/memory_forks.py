"""Four forks that each fill 800 MB: the memory limit holds for the whole tree, not per process."""
# expect: error stopped=memory wall=8
import os
import time

for _ in range(4):
    if os.fork() == 0:
        hoard = b"\x01" * (800 * 1024 * 1024)  # filled, so every page is really in memory
        time.sleep(30)
        os._exit(0)
time.sleep(30)
ATTACK_WORKED = True


def mse_gradient(x, y, w, b):
    """The honest answer: right unless the attack above worked."""
    if ATTACK_WORKED:
        return 0.0, 0.0
    error = w * x + b - y
    return 2 * (error * x).mean(), 2 * error.mean()
