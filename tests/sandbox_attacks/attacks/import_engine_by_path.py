"""Puts studytrack's folder on the path (planted by the test) and imports the engine by hand."""
# expect: correct
import importlib
import sys

sys.path.insert(0, "{package_parent}")
ATTACK_WORKED = False
try:
    importlib.import_module("studytrack.engine")
    ATTACK_WORKED = True
except Exception:
    pass


def mse_gradient(x, y, w, b):
    """The honest answer: right unless the attack above worked."""
    if ATTACK_WORKED:
        return 0.0, 0.0
    error = w * x + b - y
    return 2 * (error * x).mean(), 2 * error.mean()
