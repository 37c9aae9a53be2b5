"""Starts another program (a shell), which would escape the harness's guards."""
# expect: correct
import contextlib
import os
import subprocess

ATTACK_WORKED = False
try:
    subprocess.run(["sh", "-c", "true"], check=True)
    ATTACK_WORKED = True
except Exception:
    pass
with contextlib.suppress(Exception):
    ATTACK_WORKED = ATTACK_WORKED or os.system("true") == 0


def mse_gradient(x, y, w, b):
    """The honest answer: right unless the attack above worked."""
    if ATTACK_WORKED:
        return 0.0, 0.0
    error = w * x + b - y
    return 2 * (error * x).mean(), 2 * error.mean()
