"""Reference solution of implement-gradient-descent."""


def gradient_descent(grad, x0, lr, steps):
    """Start at x0, make exactly `steps` updates x ← x − lr·grad(x), and return the final x."""
    x = x0
    for _ in range(steps):
        x = x - lr * grad(x)
    return x
