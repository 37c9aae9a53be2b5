"""Exercise implement-mse-gradient: the gradient of the mean squared error.

Write mse_gradient below, then check it:  studytrack exercise check implement-mse-gradient
numpy is available (import numpy as np); x and y arrive as numpy arrays.
"""


def mse_gradient(x, y, w, b):
    """Return (dw, db), the gradient of L = (1/n)·Σ(ŷ − y)² for the line ŷ = w·x + b.

    x, y: 1-D numpy arrays of length n.  w, b: numbers.
    dw = (2/n)·Σ(ŷ − y)·x   and   db = (2/n)·Σ(ŷ − y)
    """
    raise NotImplementedError("write mse_gradient here")
