"""Running a learner's Python file in a child process that cannot hang, flood or outlive the check.

The child is ``python -I -B harness.py`` (isolated: no user site, no PYTHON* variables, no
script folder on the path; no bytecode files left in the learner's folder), in its own process
group, with limits on CPU time, address space, file size and open files, and a minimal
environment. A wall-clock deadline kills the whole group, and the group is killed after every run
anyway, so nothing the learner's code started is left behind. What the program prints is kept up
to a cap and the rest is read and dropped. POSIX only (Linux, macOS).
"""

import contextlib
import json
import math
import os
import selectors
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from studytrack.sandbox.harness import RESULT_MARKER

try:
    import resource
except ImportError:  # Windows: there are no POSIX resource limits to set
    resource = None

HARNESS = Path(__file__).with_name("harness.py")
"""The script the child runs."""

WALL_SECONDS = 10.0
"""Default wall-clock limit of one check."""

MEMORY_BYTES = 1 << 30
"""Address-space limit: 1 GiB, well above what ``import numpy`` needs with one BLAS thread."""

FILE_BYTES = 1 << 20
"""Largest file the child may write (1 MiB)."""

OPEN_FILES = 64
"""Most file descriptors the child may hold."""

OUTPUT_BYTES = 64 * 1024
"""Most bytes of each output stream kept; the rest is read and dropped."""

CHILD_ENVIRONMENT = {
    "PATH": os.defpath,
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    # one BLAS thread: less memory to reserve, faster start, and the same numbers every time
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}
"""The whole environment of the child: nothing of the learner's own is passed on."""


@dataclass(frozen=True)
class SandboxRun:
    """How one child run went: the harness's result (if it printed one) and what else happened."""

    result: dict | None
    """The harness's JSON result, or None when it printed none (killed, crashed, timed out)."""
    output: str
    """What the learner's code printed, at most ``OUTPUT_BYTES`` of it."""
    output_truncated: bool
    """True when the program printed more than was kept."""
    timed_out: bool
    """True when the wall-clock limit ended the run."""
    returncode: int | None
    """The child's exit status; negative for the signal that ended it."""
    pid: int
    """The child's process id, which is also its process group id."""
    seconds: float
    """Wall-clock time of the run."""

    @property
    def signal_name(self) -> str | None:
        """The name of the signal that ended the child (``SIGXCPU``, ``SIGKILL`` …), if one did."""
        if self.returncode is None or self.returncode >= 0:
            return None
        try:
            return signal.Signals(-self.returncode).name
        except ValueError:
            return f"signal {-self.returncode}"


class SandboxUnavailable(RuntimeError):
    """This system cannot run a limited child process (no POSIX resource limits)."""


def _limit(kind: int, wanted: int) -> tuple[int, int]:
    """``(soft, hard)`` for ``kind``: ``wanted``, but never above the hard limit we already have."""
    _, hard = resource.getrlimit(kind)
    value = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    return value, value


def _limits_setter(cpu_seconds: int, memory_bytes: int):
    """A ``preexec_fn`` that sets the child's limits; the values are computed here, in the parent,
    so that the child does as little as possible between fork and exec."""
    cpu_soft, cpu_hard = _limit(resource.RLIMIT_CPU, cpu_seconds + 1)
    limits = [
        (resource.RLIMIT_CPU, (min(cpu_seconds, cpu_soft), cpu_hard)),
        (resource.RLIMIT_AS, _limit(resource.RLIMIT_AS, memory_bytes)),
        (resource.RLIMIT_FSIZE, _limit(resource.RLIMIT_FSIZE, FILE_BYTES)),
        (resource.RLIMIT_NOFILE, _limit(resource.RLIMIT_NOFILE, OPEN_FILES)),
        (resource.RLIMIT_CORE, (0, 0)),
    ]

    def apply() -> None:
        for kind, values in limits:
            # macOS refuses RLIMIT_AS; the other limits still hold there
            with contextlib.suppress(OSError, ValueError):
                resource.setrlimit(kind, values)

    return apply


def run_in_sandbox(
    request: dict,
    *,
    cwd: Path,
    wall_seconds: float = WALL_SECONDS,
    memory_bytes: int = MEMORY_BYTES,
    output_bytes: int = OUTPUT_BYTES,
) -> SandboxRun:
    """Run the harness on ``request`` (see ``harness.run``) in a limited child process.

    Returns when the child has finished or ``wall_seconds`` have passed, whichever is first; in
    both cases every process of the child's group is killed before returning. The CPU limit is the
    wall limit rounded up, so a busy loop ends either way.
    """
    if resource is None:
        raise SandboxUnavailable("code checks need POSIX resource limits (Linux or macOS)")
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-I", "-B", str(HARNESS)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=str(cwd),
        env=CHILD_ENVIRONMENT,
        start_new_session=True,
        preexec_fn=_limits_setter(math.ceil(wall_seconds), memory_bytes),
    )
    try:
        try:
            process.stdin.write(json.dumps(request).encode())
            process.stdin.close()
        except BrokenPipeError:
            pass
        streams, truncated, timed_out = _read_until(process, started + wall_seconds, output_bytes)
    finally:
        _kill_group(process.pid)
        process.wait()
        for stream in (process.stdout, process.stderr):
            stream.close()
    stdout = streams[process.stdout].decode("utf-8", errors="replace")
    stderr = streams[process.stderr].decode("utf-8", errors="replace")
    result, other_lines = None, []
    for line in stdout.splitlines():
        if line.startswith(RESULT_MARKER):
            try:
                result = json.loads(line[len(RESULT_MARKER) :])
            except json.JSONDecodeError:
                result = None
        else:
            other_lines.append(line)
    output = "\n".join([*other_lines, stderr]) if other_lines else stderr
    return SandboxRun(
        result=result if isinstance(result, dict) else None,
        output=output,
        output_truncated=truncated,
        timed_out=timed_out,
        returncode=process.returncode,
        pid=process.pid,
        seconds=time.monotonic() - started,
    )


def _read_until(process: subprocess.Popen, deadline: float, cap: int) -> tuple[dict, bool, bool]:
    """Both output streams (each cut at ``cap`` bytes) until they close or the deadline passes."""
    kept = {process.stdout: bytearray(), process.stderr: bytearray()}
    truncated = False
    with selectors.DefaultSelector() as selector:
        for stream in kept:
            selector.register(stream, selectors.EVENT_READ)
        while selector.get_map():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return kept, truncated, True
            for key, _ in selector.select(remaining):
                chunk = os.read(key.fd, 65536)
                if not chunk:
                    selector.unregister(key.fileobj)
                    continue
                buffer = kept[key.fileobj]
                room = cap - len(buffer)
                buffer += chunk[: max(room, 0)]
                truncated = truncated or len(chunk) > room
    return kept, truncated, False


def _kill_group(pgid: int) -> None:
    """SIGKILL every process of the group ``pgid``; the leader is not reaped yet, so the id is ours."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)
