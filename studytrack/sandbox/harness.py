"""The child side of a code-exercise check: load the learner's file, call its function, report on a pipe.

``runner.py`` runs this file as a script (``python -I -B harness.py``) with the resource limits
already set, in a private working folder that holds a copy of the learner's file. It reads one
JSON request on stdin (see ``run``, plus the sandbox's ``result_fd``, ``protected`` and
``process_limit``) and writes one JSON result to the file descriptor ``result_fd``, a pipe of its
own: what the learner's code prints on stdout or stderr is only ever output, so a forged result
line cannot pass for a result. It imports only the standard library, numpy and the learner's file.

Before the learner's code runs, two guards go up that stay for the life of the process and its
forks. An import finder and an audit hook refuse ``studytrack`` (the engine would give the answers
away); the audit hook (which Python offers no way to remove) also refuses to open, delete, move or
change files under the protected folders (studytrack's package, the course with its reference
solutions, the learner's home and database folder, the kept plans of ``code_plans``), other
processes' ``/proc`` entries, ``sqlite3``, starting programs, network sockets, ``ctypes`` calls,
and signals to processes outside the check.
"""

import _socket
import ctypes
import json
import os
import resource
import sys
import sysconfig
from collections.abc import Callable, Sequence
from importlib.machinery import ModuleSpec, SourceFileLoader
from importlib.util import module_from_spec, spec_from_loader
from types import ModuleType
from typing import Any

import numpy as np

REFUSED_EVENTS = frozenset({
    "os.exec", "os.posix_spawn", "os.spawn", "os.system", "os.startfile", "subprocess.Popen", "pty.spawn",
    "ctypes.dlopen", "ctypes.dlsym", "ctypes.dlsym/handle", "ctypes.call_function", "ctypes.cdata",
    "ctypes.addressof", "ctypes.string_at", "ctypes.wstring_at", "sys.remote_exec", "os.setns", "os.unshare",
})
"""Audit events refused inside a check: starting programs and calling C directly."""

PATH_CHANGES = {
    "os.remove": (0,), "os.rmdir": (0,), "os.mkdir": (0,), "os.chmod": (0,), "os.chown": (0,), "os.chflags": (0,),
    "os.truncate": (0,), "os.utime": (0,), "os.setxattr": (0,), "os.removexattr": (0,), "shutil.rmtree": (0,),
    "os.rename": (0, 1), "os.link": (0, 1), "os.symlink": (1,),
}
"""Audit events that change a path, with the positions of their path arguments: refused under the
protected folders like opening (``os.replace`` raises ``os.rename``), so that nothing there is
deleted, moved or replaced (a forged plan of ``code_plans`` put in place of the kept one, say),
and refused on a folder above a protected one (moved aside, its files would be out of reach of
the guard)."""

PR_SET_PDEATHSIG = 1
SIGKILL = 9

LOCAL_SOCKET_FAMILIES = frozenset({_socket.AF_UNIX})
"""Socket families allowed (multiprocessing's pipes); every network family is refused. (The
constant comes from ``_socket``: ``socket`` itself costs the child ~3 ms to import, on every check.)"""


class Refused(PermissionError):
    """What the learner's code gets for something a check does not allow."""


class _NoStudytrack:
    """An import finder that refuses ``studytrack`` and its modules inside a check. (A finder only
    needs ``find_spec``: ``importlib.abc.MetaPathFinder`` would cost the child ~25 ms to import,
    on every check, for importlib.resources.)"""

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
                  ) -> ModuleSpec | None:
        """Refuse ``studytrack`` and ``studytrack.*``; leave every other import to the next finder."""
        if fullname == "studytrack" or fullname.startswith("studytrack."):
            raise ImportError("studytrack cannot be imported inside a code check: write the code yourself")
        return None


def main() -> None:
    """Answer the request on stdin with one JSON result on the result pipe."""
    request = json.loads(sys.stdin.buffer.read())
    channel = os.fdopen(request["result_fd"], "w", encoding="utf-8")
    harness_pid = os.getpid()
    if request.get("process_limit"):
        limit = int(request["process_limit"])
        resource.setrlimit(resource.RLIMIT_NPROC, (limit, limit))
    _forks_die_with_their_parent()
    install_guards(request.get("protected", []), os.path.dirname(request["file"]))
    result = run(request)
    if os.getpid() != harness_pid:  # a fork of the learner's that returned here: only the harness reports
        os._exit(0)
    channel.write(json.dumps(result))
    channel.close()
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    os._exit(0)  # done: threads or exit handlers the learner's code left behind must not hold the check up


def _forks_die_with_their_parent() -> None:
    """Every fork of the learner's asks to be killed when its parent ends (Linux's ``PR_SET_PDEATHSIG``).

    The harness itself dies with the runner, so the whole tree goes down in a chain even where
    there is no PID namespace; a double-forked daemon dies as soon as its middle process exits.
    (numpy has loaded ctypes already, so this costs nothing at start-up.)
    """
    if sys.platform != "linux":
        return
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    os.register_at_fork(after_in_child=lambda: prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0))


def install_guards(protected: Sequence[str], workdir: str) -> None:
    """Refuse ``import studytrack`` and put up the audit hook described in the module docstring."""
    sys.meta_path.insert(0, _NoStudytrack())
    paths = sysconfig.get_paths()
    allowed = [os.path.realpath(paths[key]) for key in ("stdlib", "platstdlib", "purelib", "platlib")]
    allowed.append(os.path.realpath(workdir))
    denied = [os.path.realpath(path) for path in protected]
    sys.addaudithook(_audit_hook(denied, allowed, os.getppid(), os.getpgid(0)))


def _under(path: str, root: str) -> bool:
    """True when ``path`` is ``root`` or inside it."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _deepest(path: str, roots: Sequence[str]) -> int:
    """The length of the deepest root that holds ``path`` (-1 when none does)."""
    return max((len(root) for root in roots if _under(path, root)), default=-1)


def _audit_hook(denied: list[str], allowed: list[str], parent: int, group: int
                ) -> Callable[[str, tuple[Any, ...]], None]:
    """The audit hook of a check (see the module docstring); the deepest matching folder decides."""

    def path_allowed(target: object) -> bool:
        if isinstance(target, int):
            return True
        path = os.path.realpath(os.fsdecode(target))  # type: ignore[arg-type]
        parts = path.split(os.sep)
        if len(parts) > 2 and parts[1] == "proc" and parts[2].isdigit() and int(parts[2]) != os.getpid():
            return False
        return _deepest(path, allowed) >= _deepest(path, denied)

    def change_allowed(target: object) -> bool:
        """A path may change (be deleted, moved, replaced) when it may be opened and holds no
        protected folder: moving a folder above one would put its files at an unprotected path."""
        if not path_allowed(target):
            return False
        if isinstance(target, int):
            return True
        path = os.path.realpath(os.fsdecode(target))  # type: ignore[arg-type]
        return not any(_under(root, path) for root in denied)

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event in REFUSED_EVENTS:
            raise Refused(f"{event} is not allowed inside a code check")
        if event in ("open", "sqlite3.connect", "os.listdir", "os.scandir") and args and args[0] is not None \
                and not path_allowed(args[0]):
            raise Refused(f"{args[0]} is out of bounds for a code check")
        for index in PATH_CHANGES.get(event, ()):
            if index < len(args) and args[index] is not None and not change_allowed(args[index]):
                raise Refused(f"{args[index]} is out of bounds for a code check")
        if event == "sqlite3.connect":
            raise Refused("databases are out of bounds for a code check")
        if event == "socket.__new__" and len(args) > 1 and args[1] not in LOCAL_SOCKET_FAMILIES and args[1] != -1:
            raise Refused("the network is out of bounds for a code check")
        if event == "os.kill" and (args[0] in (parent, -1) or (args[0] < 0 and -args[0] != group)):
            raise Refused("only the check's own processes may be signalled")
        if event == "os.killpg" and args[0] != group:
            raise Refused("only the check's own processes may be signalled")
        if event == "import" and args and isinstance(args[0], str) and args[0].split(".")[0] == "studytrack":
            raise Refused("studytrack cannot be imported inside a code check: write the code yourself")

    return hook


def run(request: dict[str, Any]) -> dict[str, Any]:
    """Load the file and call the function on every case; the first failure ends the run.

    The result's ``status`` is ``ok`` (with ``results``, one list of floats per case),
    ``error`` (an exception while loading or calling: ``stage``, ``type``, ``message``, ``line``,
    ``case``), ``not_implemented`` (the starter's ``NotImplementedError``), ``missing`` (no such
    function) or ``bad_return`` (a value that is not numbers).
    """
    path = request["file"]
    try:
        module = _load(path)
    except BaseException as error:  # the learner's file may raise anything, even SystemExit
        return _failure("load", error, path, None)
    function = getattr(module, request["function"], None)
    if not callable(function):
        return {"status": "missing"}
    results, starts_after = [], []
    for index, case in enumerate(request["cases"]):
        arguments = _arguments(request["call"], case)
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
        if request["call"] == "gradient_descent":  # the caller's x0 after the call: changed in place?
            starts_after.append(np.asarray(arguments[1], dtype=np.float64).ravel().tolist())
    return {"status": "ok", "results": results, "starts_after": starts_after}


def _load(path: str) -> ModuleType:
    """The learner's file as a module, whatever its name ends in."""
    loader = SourceFileLoader("learner_solution", path)
    spec = spec_from_loader(loader.name, loader)
    if spec is None:
        raise ImportError(f"cannot load {path}")
    module = module_from_spec(spec)
    loader.exec_module(module)
    return module


def _arguments(call: str, case: dict[str, Any]) -> tuple[Any, ...]:
    """The arguments of one call, built from the JSON case."""
    if call == "mse_gradient":
        return (np.array(case["x"], dtype=np.float64), np.array(case["y"], dtype=np.float64),
                float(case["w"]), float(case["b"]))
    if call == "gradient_descent":
        return _gradient(case["grad"]), _start(case["x0"]), float(case["lr"]), int(case["steps"])
    raise ValueError(f"unknown call {call!r}")


def _start(x0: float | list[float]) -> float | np.ndarray:
    """A number for one parameter, a fresh array for several."""
    return float(x0) if isinstance(x0, int | float) else np.array(x0, dtype=np.float64)


def _gradient(spec: dict[str, Any]) -> Callable[[float | np.ndarray], float | np.ndarray]:
    """The gradient function of a case: a polynomial's derivative, or θ ↦ A·(θ − c)."""
    if spec["kind"] == "polynomial":
        derivative = np.array(spec["derivative"], dtype=np.float64)
        return lambda x: np.polyval(derivative, x)
    matrix = np.array(spec["matrix"], dtype=np.float64)
    center = np.array(spec["center"], dtype=np.float64)
    return lambda theta: matrix @ (np.asarray(theta, dtype=np.float64) - center)


def _failure(stage: str, error: BaseException, path: str, case: int | None) -> dict[str, Any]:
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
