"""Opens the learner's database (its path planted by the test) and writes into it."""
# expect: correct
import sqlite3

ATTACK_WORKED = False
try:
    connection = sqlite3.connect("{db}")
    connection.execute("create table pwned (x)")
    connection.commit()
    ATTACK_WORKED = True
except Exception:
    pass
try:
    with open("{db}", "r+b") as database:
        database.write(b"garbage")
    ATTACK_WORKED = True
except OSError:
    pass


def mse_gradient(x, y, w, b):
    """The honest answer: right unless the attack above worked."""
    if ATTACK_WORKED:
        return 0.0, 0.0
    error = w * x + b - y
    return 2 * (error * x).mean(), 2 * error.mean()
