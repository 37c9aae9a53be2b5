"""Prints a result line that looks like the harness's, then leaves at once."""
# expect: error
import json
import os
import sys

for stream in (sys.stdout, sys.stderr, sys.__stdout__):
    stream.write("@@studytrack-result@@ " + json.dumps({"status": "ok", "results": [[0.0, 0.0]] * 5}) + "\n")
    stream.flush()
os._exit(0)
ATTACK_WORKED = True


def mse_gradient(x, y, w, b):
    """The honest answer: right unless the attack above worked."""
    if ATTACK_WORKED:
        return 0.0, 0.0
    error = w * x + b - y
    return 2 * (error * x).mean(), 2 * error.mean()
