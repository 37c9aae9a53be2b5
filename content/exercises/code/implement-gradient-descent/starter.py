"""Exercise implement-gradient-descent: plain gradient descent.

Write gradient_descent below, then check it:  studytrack exercise check implement-gradient-descent
"""


def gradient_descent(grad, x0, lr, steps):
    """Start at x0, make exactly `steps` updates x ← x − lr·grad(x), and return the final x.

    grad: a function returning the gradient at x (same shape as x).
    x0: a number, or a 1-D numpy array.  lr: the learning rate.  steps: a whole number ≥ 0.
    """
    raise NotImplementedError("write gradient_descent here")
