"""One 8 MiB file: the per-file size limit stops the write."""
# expect: error
with open("big.bin", "wb") as big:
    big.write(b"x" * (8 * 1024 * 1024))
ATTACK_WORKED = True


def mse_gradient(x, y, w, b):
    """The honest answer: right unless the attack above worked."""
    if ATTACK_WORKED:
        return 0.0, 0.0
    error = w * x + b - y
    return 2 * (error * x).mean(), 2 * error.mean()
