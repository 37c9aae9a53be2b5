"""Deletes, moves or replaces the learner's database (its path planted by the test) without opening it."""
# expect: correct
import os

ATTACK_WORKED = False
with open("forged.db", "wb") as forged:
    forged.write(b"forged")
for attempt in (lambda: os.replace("forged.db", "{db}"), lambda: os.rename("{db}", "{db}.gone"),
                lambda: os.remove("{db}"), lambda: os.truncate("{db}", 0), lambda: os.chmod("{db}", 0),
                lambda: os.symlink("forged.db", "{db}-wal"), lambda: os.mkdir("{db}.d")):
    try:
        attempt()
        ATTACK_WORKED = True
    except OSError:
        pass


def mse_gradient(x, y, w, b):
    """The honest answer: right unless the attack above worked."""
    if ATTACK_WORKED:
        return 0.0, 0.0
    error = w * x + b - y
    return 2 * (error * x).mean(), 2 * error.mean()
