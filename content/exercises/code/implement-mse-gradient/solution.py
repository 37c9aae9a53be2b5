"""Reference solution of implement-mse-gradient."""

import numpy as np


def mse_gradient(x, y, w, b):
    """Return (dw, db), the gradient of L = (1/n)·Σ(ŷ − y)² for the line ŷ = w·x + b."""
    errors = w * x + b - y
    return 2 * np.mean(errors * x), 2 * np.mean(errors)
