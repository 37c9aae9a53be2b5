"""Running a learner's Python file in a child process that cannot hang, flood, or outlive the check.

The threat is not a malicious learner (it is their own machine) but code that, by mistake or
curiosity, outlives the check, takes the machine down, touches the learner's record, or gets
"correct" without solving. What holds (see also the README's "Code exercises" section):

- The child is ``python -I -B harness.py`` in a private temporary working folder that holds a copy
  of the learner's file and is deleted afterwards; its whole environment is ``CHILD_ENVIRONMENT``
  (no ``HOME``, no ``STUDYTRACK_*``). The result comes back on a pipe of its own, never stdout.
- On Linux, where ``unshare`` can make unprivileged namespaces, the child gets a fresh user, PID
  and network namespace: no network, no view of the parent, and when its first process ends (or
  the runner dies, via ``--kill-child``) the kernel ends everything in it. Elsewhere the runner is
  a subreaper, the child gets ``PR_SET_PDEATHSIG``, and the harness gives it to every fork too.
- Run as root, the child runs as ``nobody`` where that user can read Python, numpy and the
  harness, so per-user limits apply and the learner's files are out of reach.
- Limits per process: CPU seconds, address space, file size, open files. For the whole tree, every
  ``POLL_SECONDS``: resident memory, process count, and bytes in the working folder; over a limit,
  the tree is killed. The wall-clock deadline kills the tree too, and so does the end of every run.

POSIX only (Linux, macOS; on macOS only the per-process limits, the process group, the private
folder, the environment and the harness's guards hold).

This module starts the child and ends it; watching a run (``watch``) is imported only once the
child has started, so that as little as possible stands between a command's start and its child's.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import math
import os
import shutil
import stat
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studytrack.paths import bundled_content_dir
from studytrack.sandbox import processes

if TYPE_CHECKING:
    from studytrack.domain.exercises.judging import ProgramRun

if sys.platform != "win32":  # Windows has no POSIX resource limits to set, nor a user database
    import pwd
    import resource

HARNESS = Path(__file__).with_name("harness.py")
"""The script the child runs."""

PACKAGE_DIR = Path(__file__).resolve().parents[1]
"""studytrack's own code, which the child may not read (the engine computes the answers)."""

WALL_SECONDS = 10.0
"""Default wall-clock limit of one check."""

MEMORY_BYTES = 1 << 30
"""Memory limit: 1 GiB of address space per process, and 1 GiB resident for the whole tree."""

FILE_BYTES = 1 << 20
"""Largest file the child may write (1 MiB)."""

FOLDER_BYTES = 16 << 20
"""Most bytes the whole tree may leave in its working folder (16 MiB)."""

PROCESS_LIMIT = 32
"""Most processes the tree may have at once."""

OPEN_FILES = 64
"""Most file descriptors each process may hold."""

OUTPUT_BYTES = 64 * 1024
"""Most bytes of each output stream kept; the rest is read and dropped."""

RESULT_BYTES = 4 << 20
"""Most bytes of the result read from the result pipe."""

POLL_SECONDS = 0.05
"""How often the tree's memory, process count and folder size are measured."""

WORKDIR_PREFIX = "studytrack-check-"
"""Working folders are ``<temp>/studytrack-check-<pid of the studytrack that made it>-<random>``."""

UNPRIVILEGED_ID = 65534
"""The user and group (``nobody``) a check runs as when studytrack runs as root."""

NAMESPACE_COMMAND = ["unshare", "--user", "--map-current-user", "--pid", "--fork", "--kill-child",
                     "--mount-proc", "--net", "--"]
"""The prefix that gives the child fresh user, PID, mount (for its own /proc) and network namespaces."""

CHILD_ENVIRONMENT = {
    "PATH": os.defpath,
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    # one BLAS thread: less memory to reserve, faster start, and the same numbers every time
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}
"""The child's environment, with ``TMPDIR`` set to its working folder: nothing of the learner's own."""


class SandboxUnavailable(RuntimeError):
    """This system cannot run a limited child process (no POSIX resource limits)."""


_namespaces_work: bool | None = None
"""Whether ``NAMESPACE_COMMAND`` works here: None until tried, False after it failed once."""


def _limit(kind: int, wanted: int) -> tuple[int, int]:
    """``(soft, hard)`` for ``kind``: ``wanted``, but never above the hard limit we already have."""
    _, hard = resource.getrlimit(kind)
    value = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    return value, value


def _child_setup(cpu_seconds: int, memory_bytes: int, identity: int | None) -> Callable[[], None]:
    """A ``preexec_fn`` that sets the child's limits, drops to ``identity`` and asks to die with us.

    The values are computed here, in the parent, so the child does little between fork and exec.
    The parent-death signal is set after the change of user, which would clear it.
    """
    cpu_soft, cpu_hard = _limit(resource.RLIMIT_CPU, cpu_seconds + 1)
    limits = [
        (resource.RLIMIT_CPU, (min(cpu_seconds, cpu_soft), cpu_hard)),
        (resource.RLIMIT_AS, _limit(resource.RLIMIT_AS, memory_bytes)),
        (resource.RLIMIT_FSIZE, _limit(resource.RLIMIT_FSIZE, FILE_BYTES)),
        (resource.RLIMIT_NOFILE, _limit(resource.RLIMIT_NOFILE, OPEN_FILES)),
        (resource.RLIMIT_CORE, (0, 0)),
    ]
    parent = os.getpid()

    def apply() -> None:
        for kind, values in limits:
            # macOS refuses RLIMIT_AS; the other limits still hold there
            with contextlib.suppress(OSError, ValueError):
                resource.setrlimit(kind, values)
        if identity is not None:
            os.setgroups([])
            os.setresgid(identity, identity, identity)
            os.setresuid(identity, identity, identity)
        processes.die_with_parent()
        if os.getppid() != parent:  # the parent died before the signal was asked for
            os._exit(1)

    return apply


def _open_to_others(path: Path, *, execute: bool = False) -> bool:
    """True when a user with no special rights can reach ``path`` and read (or run) it."""
    wanted = stat.S_IROTH | (stat.S_IXOTH if execute else 0)
    try:
        resolved = path.resolve()
        if resolved.stat().st_mode & wanted != wanted:
            return False
        return all(parent.stat().st_mode & stat.S_IXOTH for parent in resolved.parents)
    except OSError:
        return False


@functools.cache
def _child_identity() -> int | None:
    """``UNPRIVILEGED_ID`` when we are root and ``nobody`` can run the harness; otherwise None (our own)."""
    if sys.platform != "linux" or os.geteuid() != 0:
        return None
    # the cheap questions first: a Python in root's home (pyenv) is out of nobody's reach already
    if not (_open_to_others(Path(sys.executable), execute=True) and _open_to_others(HARNESS)
            and _open_to_others(Path(tempfile.gettempdir()))):
        return None
    numpy = importlib.util.find_spec("numpy")  # found, not imported: the parent may not need numpy at all
    if numpy is None or numpy.origin is None:
        return None
    needed = [Path(sysconfig.get_paths()["stdlib"]) / "os.py", Path(numpy.origin)]
    return UNPRIVILEGED_ID if all(_open_to_others(path) for path in needed) else None


def _namespace_prefix() -> list[str]:
    """``NAMESPACE_COMMAND`` where it may work (Linux with ``unshare``), else nothing."""
    unshare = shutil.which("unshare") if sys.platform == "linux" and _namespaces_work is not False else None
    return [unshare, *NAMESPACE_COMMAND[1:]] if unshare else []


def protected_paths(extra: Sequence[Path] = ()) -> list[str]:
    """The folders the child may not open: studytrack's code, the course, the learner's home and record."""
    paths = [PACKAGE_DIR, bundled_content_dir(), *extra]
    for variable in ("HOME", "STUDYTRACK_CONTENT"):
        if os.environ.get(variable):
            paths.append(Path(os.environ[variable]))
    if os.environ.get("STUDYTRACK_DB"):
        paths.append(Path(os.environ["STUDYTRACK_DB"]).parent)
    with contextlib.suppress(KeyError):
        paths.append(Path(pwd.getpwuid(os.getuid()).pw_dir))
    return [str(path) for path in paths if str(path) not in ("/", "")]


def run_in_sandbox(
    request: dict[str, Any],
    *,
    protected: Sequence[Path] = (),
    wall_seconds: float = WALL_SECONDS,
    memory_bytes: int = MEMORY_BYTES,
    output_bytes: int = OUTPUT_BYTES,
) -> ProgramRun:
    """Run the harness on ``request`` (see ``harness.run``) in a limited child process.

    The learner's file (``request["file"]``) is copied into a private working folder first; the
    child may not open ``protected`` folders (besides those of ``protected_paths``). Returns when
    the child has finished, a limit was passed, or ``wall_seconds`` have passed, whichever is
    first; every process of the check is killed and the folder deleted before returning.
    """
    with start_check(wall_seconds=wall_seconds, memory_bytes=memory_bytes, output_bytes=output_bytes) as check:
        return check.run(request, protected=protected)


def start_check(
    *, wall_seconds: float = WALL_SECONDS, memory_bytes: int = MEMORY_BYTES, output_bytes: int = OUTPUT_BYTES,
) -> StartedCheck:
    """Start the child of a check now, before its request is known: it starts Python and imports
    numpy (most of a check's time) while this process prepares the test cases, so the two overlap.
    Use it as a context manager; ``StartedCheck.run`` gives it the request."""
    if sys.platform == "win32":
        raise SandboxUnavailable("code checks need POSIX resource limits (Linux or macOS)")
    return StartedCheck(wall_seconds, memory_bytes, output_bytes)


class StartedCheck:
    """A check's child, started and waiting for its request on stdin (it is only the harness,
    importing numpy, until then). ``run`` runs the request once; leaving the ``with`` block ends
    every process of the check and deletes its folder, whether or not it ran."""

    def __init__(self, wall_seconds: float, memory_bytes: int, output_bytes: int) -> None:
        self.wall_seconds, self.memory_bytes, self.output_bytes = wall_seconds, memory_bytes, output_bytes
        self._exits = contextlib.ExitStack()
        self._exits.enter_context(processes.subreaper())
        try:
            self._child = self._exits.enter_context(_Child(_namespace_prefix(), wall_seconds, memory_bytes))
        except BaseException:
            self._exits.close()
            raise

    def __enter__(self) -> StartedCheck:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._exits.close()

    def run(self, request: dict[str, Any], *, protected: Sequence[Path] = ()) -> ProgramRun:
        """Run the harness on ``request`` in the started child (see ``run_in_sandbox``); where
        ``unshare`` turns out not to work, once more in a child without namespaces."""
        global _namespaces_work
        run = self._child.run(request, protected, self.output_bytes)
        if self._child.prefix and run is None:  # unshare itself failed: no namespaces here, run without them
            _namespaces_work = False
            self._child = self._exits.enter_context(_Child([], self.wall_seconds, self.memory_bytes))
            run = self._child.run(request, protected, self.output_bytes)
        elif self._child.prefix:
            _namespaces_work = True
        if run is None:
            raise SandboxUnavailable("the code check could not start a child process")
        return run


class _Child:
    """One child process of a check (in namespaces when ``prefix`` is given) with its private
    working folder and its pipes; as a context manager, it ends the child's whole tree and
    deletes the folder on the way out."""

    def __init__(self, prefix: list[str], wall_seconds: float, memory_bytes: int) -> None:
        self.prefix, self.wall_seconds, self.memory_bytes = prefix, wall_seconds, memory_bytes
        self.identity = _child_identity()
        self.workdir = tempfile.mkdtemp(prefix=f"{WORKDIR_PREFIX}{os.getpid()}-")
        self.process: subprocess.Popen[bytes] | None = None
        self.result_read = -1
        self.ended = False
        """True once a run ended the whole tree and saw it gone (then leaving need not look again)."""
        try:
            if self.identity is not None:
                os.chown(self.workdir, self.identity, self.identity)
            self._start()
            _sweep_stale_folders()  # after the start, beside the child's own: it lists the whole temporary folder
        except BaseException:
            self.__exit__()
            raise

    def _start(self) -> None:
        """Start the harness in the working folder, with its limits and a result pipe of its own."""
        self.result_read, self.result_fd = os.pipe()
        self.since = processes.boot_ticks() - 1
        try:
            self.process = subprocess.Popen(
                [*self.prefix, sys.executable, "-I", "-B", str(HARNESS)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                cwd=self.workdir, env={**CHILD_ENVIRONMENT, "TMPDIR": self.workdir}, start_new_session=True,
                pass_fds=(self.result_fd,),
                preexec_fn=_child_setup(math.ceil(self.wall_seconds), self.memory_bytes, self.identity),
            )
        finally:
            os.close(self.result_fd)

    def __enter__(self) -> _Child:
        return self

    def __exit__(self, *exc_info: object) -> None:
        """End every process of the check, close the pipes, delete the working folder."""
        try:
            if self.process is not None:
                if not self.ended:
                    processes.end_tree(self.process.pid, self.since)
                self.process.wait()
                for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
                    with contextlib.suppress(OSError):
                        if stream is not None:
                            stream.close()
            if self.result_read >= 0:
                os.close(self.result_read)
                self.result_read = -1
        finally:
            _remove(self.workdir)

    def run(self, request: dict[str, Any], protected: Sequence[Path], output_bytes: int) -> ProgramRun | None:
        """Copy the learner's file in, send the request, watch the child until it ends or passes a
        limit (the wall-clock deadline counts from the request), then end its whole tree. None
        when ``unshare`` failed before Python started."""
        assert self.process is not None, "the child was started"
        learner = Path(request["file"])
        copy = Path(self.workdir) / (learner.stem + ".py")
        shutil.copyfile(learner, copy)
        if self.identity is not None:
            os.chown(copy, self.identity, self.identity)
        limited = self.identity is not None or (bool(self.prefix) and os.geteuid() != 0)
        full_request = {**request, "file": str(copy), "result_fd": self.result_fd,
                        "protected": protected_paths(protected), "process_limit": PROCESS_LIMIT if limited else None}
        return self._supervise(full_request, output_bytes)

    def _supervise(self, request: dict[str, Any], output_bytes: int) -> ProgramRun | None:
        """Send ``request``, watch until the child ends or passes a limit, then end its whole tree."""
        # Deferred: watching a run needs json, selectors and the domain's ProgramRun (~10 ms with
        # their dataclasses); they load after the child has started, beside its own start.
        from studytrack.sandbox.watch import supervise  # noqa: PLC0415

        assert self.process is not None, "the child was started"
        limits = {"memory": self.memory_bytes, "processes": PROCESS_LIMIT + 2, "folder": FOLDER_BYTES,
                  "output": output_bytes}
        run, self.ended = supervise(self.process, self.result_read, request, limits, wall_seconds=self.wall_seconds,
                                    workdir=self.workdir, since=self.since, namespaced=bool(self.prefix))
        return run


def _sweep_stale_folders() -> None:
    """Delete the working folders of checks whose studytrack was killed before it could (their owner is gone)."""
    temp = tempfile.gettempdir()
    with contextlib.suppress(OSError):
        for name in os.listdir(temp):
            owner = name.removeprefix(WORKDIR_PREFIX).split("-", 1)[0]
            if name.startswith(WORKDIR_PREFIX) and owner.isdigit() and not _alive(int(owner)):
                _remove(os.path.join(temp, name))


def _alive(pid: int) -> bool:
    """True when process ``pid`` exists (or belongs to someone else, so we can't tell)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove(folder: str) -> None:
    """Delete the working folder, even where the learner's code took away its own permissions."""

    def allow_and_retry(function: Callable[..., Any], path: str, _: object) -> None:
        with contextlib.suppress(OSError):
            os.chmod(os.path.dirname(path), stat.S_IRWXU)
            os.chmod(path, stat.S_IRWXU)
            function(path)

    shutil.rmtree(folder, onerror=allow_and_retry)
