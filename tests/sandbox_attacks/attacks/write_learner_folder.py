"""Writes next to the learner's own file (its folder planted by the test)."""
# expect: correct
ATTACK_WORKED = False
try:
    with open("{learner_dir}/pwned.txt", "w") as note:
        note.write("pwned")
    ATTACK_WORKED = True
except OSError:
    pass


def mse_gradient(x, y, w, b):
    """The honest answer: right unless the attack above worked."""
    if ATTACK_WORKED:
        return 0.0, 0.0
    error = w * x + b - y
    return 2 * (error * x).mean(), 2 * error.mean()
