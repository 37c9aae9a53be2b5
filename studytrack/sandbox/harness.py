"""The child side of a code-exercise check: load the learner's file, call its function, print JSON.

``runner.py`` runs this file as a script (``python -I -B harness.py``) with the resource
limits already set. It reads one JSON request on stdin, ``{"file", "function", "call", "cases"}``,
and writes one line to stdout: ``RESULT_MARKER`` followed by the JSON result. The learner's prints
go to stderr, so they can never be mistaken for the result. It imports only the standard library,
numpy and the learner's file, so a check costs little more than starting Python with numpy; it
never imports studytrack (the parent compares the results with the engine).
"""

import json
import sys

RESULT_MARKER = "@@studytrack-result@@ "
"""Starts the one stdout line that carries the result."""


def main() -> None:
    """Answer the request on stdin with one result line on stdout."""
    request = json.loads(sys.stdin.read())
    channel = sys.stdout
    sys.stdout = sys.stderr
    result = run(request)
    channel.write(RESULT_MARKER + json.dumps(result) + "\n")
    channel.flush()


def run(request: dict) -> dict:
    """Load the file and call the function on every case; the first failure ends the run.

    The result's ``status`` is ``ok`` (with ``results``, one list of floats per case),
    ``error`` (an exception while loading or calling: ``stage``, ``type``, ``message``, ``line``,
    ``case``), ``not_implemented`` (the starter's ``NotImplementedError``), ``missing`` (no such
    function) or ``bad_return`` (a value that is not numbers).
    """
    import numpy as np

    path = request["file"]
    try:
        module = _load(path)
    except BaseException as error:  # the learner's file may raise anything, even SystemExit
        return _failure("load", error, path, None)
    function = getattr(module, request["function"], None)
    if not callable(function):
        return {"status": "missing"}
    results = []
    for index, case in enumerate(request["cases"]):
        arguments = _arguments(request["call"], case, np)
        try:
            value = function(*arguments)
        except NotImplementedError:
            return {"status": "not_implemented", "case": index}
        except BaseException as error:
            return _failure("call", error, path, index)
        try:
            if isinstance(value, str | bytes | dict):
                raise TypeError("not numbers")
            results.append(np.asarray(value, dtype=np.float64).ravel().tolist())
        except (TypeError, ValueError):
            return {"status": "bad_return", "case": index, "type": type(value).__name__,
                    "text": repr(value)[:200]}
    return {"status": "ok", "results": results}


def _load(path: str):
    """The learner's file as a module, whatever its name ends in."""
    from importlib.machinery import SourceFileLoader
    from importlib.util import module_from_spec, spec_from_loader

    loader = SourceFileLoader("learner_solution", path)
    module = module_from_spec(spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


def _arguments(call: str, case: dict, np) -> tuple:
    """The arguments of one call, built from the JSON case."""
    if call == "mse_gradient":
        return (np.array(case["x"], dtype=np.float64), np.array(case["y"], dtype=np.float64),
                float(case["w"]), float(case["b"]))
    if call == "gradient_descent":
        return _gradient(case["grad"], np), _start(case["x0"], np), float(case["lr"]), int(case["steps"])
    raise ValueError(f"unknown call {call!r}")


def _start(x0, np):
    """A number for one parameter, a fresh array for several."""
    return float(x0) if isinstance(x0, int | float) else np.array(x0, dtype=np.float64)


def _gradient(spec: dict, np):
    """The gradient function of a case: a polynomial's derivative, or θ ↦ A·(θ − c)."""
    if spec["kind"] == "polynomial":
        derivative = np.array(spec["derivative"], dtype=np.float64)
        return lambda x: np.polyval(derivative, x)
    matrix = np.array(spec["matrix"], dtype=np.float64)
    center = np.array(spec["center"], dtype=np.float64)
    return lambda theta: matrix @ (np.asarray(theta, dtype=np.float64) - center)


def _failure(stage: str, error: BaseException, path: str, case) -> dict:
    """An exception as JSON, with the line of the learner's file it came from."""
    line = getattr(error, "lineno", None) if isinstance(error, SyntaxError) else None
    traceback = error.__traceback__
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == path:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    message = error.msg if isinstance(error, SyntaxError) else str(error)
    # numpy's own out-of-memory error is a subclass; the parent only needs to know it is one
    name = "MemoryError" if isinstance(error, MemoryError) else type(error).__name__
    return {"status": "error", "stage": stage, "type": name, "message": str(message)[:300], "line": line,
            "case": case}


if __name__ == "__main__":
    main()
