"""Calls C directly through ctypes, around Python's checks."""
# expect: correct
ATTACK_WORKED = False
try:
    import ctypes

    ATTACK_WORKED = ctypes.CDLL(None).getpid() > 0
except Exception:
    pass


def mse_gradient(x, y, w, b):
    """The honest answer: right unless the attack above worked."""
    if ATTACK_WORKED:
        return 0.0, 0.0
    error = w * x + b - y
    return 2 * (error * x).mean(), 2 * error.mean()
