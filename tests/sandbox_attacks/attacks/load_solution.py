"""Loads the shipped reference solution (its path planted by the test)."""
# expect: correct
ATTACK_WORKED = False
try:
    with open("{solution}") as source:
        exec(source.read())
    ATTACK_WORKED = True
except Exception:
    pass


def mse_gradient(x, y, w, b):
    """The honest answer: right unless the attack above worked."""
    if ATTACK_WORKED:
        return 0.0, 0.0
    error = w * x + b - y
    return 2 * (error * x).mean(), 2 * error.mean()
