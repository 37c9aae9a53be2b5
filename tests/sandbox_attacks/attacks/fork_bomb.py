"""Two hundred forks that all stay alive: the kernel's process limit or the tree's count stops them."""
# expect: error stopped=processes|memory|-
# (200 forks of Python may reach the tree-wide memory limit before the process count: both stop it.)
import os
import time

for _ in range(200):
    if os.fork() == 0:
        time.sleep(30)
        os._exit(0)
ATTACK_WORKED = True


def mse_gradient(x, y, w, b):
    """The honest answer: right unless the attack above worked."""
    if ATTACK_WORKED:
        return 0.0, 0.0
    error = w * x + b - y
    return 2 * (error * x).mean(), 2 * error.mean()
