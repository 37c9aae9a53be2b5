"""1 MiB files one after another (300 MB in all): the working folder's budget stops them."""
# expect: error stopped=folder
for number in range(300):
    with open(f"part-{number}.bin", "wb") as part:
        part.write(b"x" * (1024 * 1024 - 1))
ATTACK_WORKED = True


def mse_gradient(x, y, w, b):
    """The honest answer: right unless the attack above worked."""
    if ATTACK_WORKED:
        return 0.0, 0.0
    error = w * x + b - y
    return 2 * (error * x).mean(), 2 * error.mean()
