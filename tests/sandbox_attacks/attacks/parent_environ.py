"""Reads the parent's (and every other process's) environment through /proc to find the learner's database."""
# expect: correct
import os

ATTACK_WORKED = False
for pid in {os.getppid(), *(int(name) for name in os.listdir("/proc") if name.isdigit())} - {os.getpid()}:
    try:
        with open(f"/proc/{pid}/environ", "rb") as environ:
            found = environ.read()
        ATTACK_WORKED = ATTACK_WORKED or b"STUDYTRACK_DB" in found or b"HOME=" in found
    except OSError:
        pass


def mse_gradient(x, y, w, b):
    """The honest answer: right unless the attack above worked."""
    if ATTACK_WORKED:
        return 0.0, 0.0
    error = w * x + b - y
    return 2 * (error * x).mean(), 2 * error.mean()
