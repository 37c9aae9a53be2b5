"""Moves the folder above the database's folder aside to read the database there, then back."""
# expect: correct
import os

ATTACK_WORKED = False
top = os.path.dirname(os.path.dirname("{db}"))
for source, target in ((top, top + ".moved"), (os.path.dirname(top), os.path.dirname(top) + ".moved")):
    try:
        os.rename(source, target)
    except OSError:
        continue
    try:
        moved = target + "{db}"[len(source):]
        with open(moved, "rb") as record:
            ATTACK_WORKED = record.read(16).startswith(b"SQLite format 3")
    except OSError:
        pass
    finally:
        os.rename(target, source)


def mse_gradient(x, y, w, b):
    """The honest answer: right unless the attack above worked."""
    if ATTACK_WORKED:
        return 0.0, 0.0
    error = w * x + b - y
    return 2 * (error * x).mean(), 2 * error.mean()
