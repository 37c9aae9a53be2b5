"""Watching one run of a check's child: send the request, read its output and its result, keep
the whole tree within its limits until it ends, then end it (``runner`` starts the child).

Imported only once a child has started (``runner._Child._supervise``): json, selectors and the
domain's ``ProgramRun`` load beside the child's own start instead of before it.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import subprocess
import time
from dataclasses import dataclass, field
from typing import IO, Any

from studytrack.domain.exercises.judging import ProgramRun
from studytrack.sandbox import processes
from studytrack.sandbox.runner import POLL_SECONDS, RESULT_BYTES, SandboxUnavailable


@dataclass
class _Watch:
    """What the runner saw of one run while it lasted."""

    streams: dict[int, bytearray]
    truncated: bool = False
    timed_out: bool = False
    stopped: str | None = None
    limits: dict[str, int] = field(default_factory=dict)


def supervise(process: subprocess.Popen[bytes], result_read: int, request: dict[str, Any], limits: dict[str, int],
              *, wall_seconds: float, workdir: str, since: int, namespaced: bool) -> tuple[ProgramRun | None, bool]:
    """Send ``request`` to the child ``process`` (started at ``since``, boot ticks, in ``workdir``;
    in namespaces when ``namespaced``), watch it until it ends, passes one of the tree's ``limits``
    (``memory``, ``processes``, ``folder`` and the ``output`` cap) or ``wall_seconds`` pass, then end
    its whole tree. The run as the domain reads it (None when ``unshare`` failed before Python
    started), and whether the tree was seen gone (``processes.end_tree``)."""
    started = time.monotonic()
    stdin, stdout, stderr = _pipes(process)
    stdout_fd, stderr_fd = stdout.fileno(), stderr.fileno()
    watch = _Watch({stdout_fd: bytearray(), stderr_fd: bytearray(), result_read: bytearray()}, limits=limits)
    try:
        with contextlib.suppress(BrokenPipeError):
            stdin.write(json.dumps(request).encode())
            stdin.close()
        _watch(process, watch, started + wall_seconds, workdir, since, namespaced)
    finally:
        ended = processes.end_tree(process.pid, since)
        process.wait()
    out, err = (bytes(watch.streams[fd]).decode("utf-8", errors="replace") for fd in (stdout_fd, stderr_fd))
    if namespaced and process.returncode not in (0, None) and err.startswith("unshare: ") and not out:
        return None, ended
    return ProgramRun(
        result=_parse(bytes(watch.streams[result_read])),
        output="\n".join(part for part in (out, err) if part),
        output_truncated=watch.truncated,
        timed_out=watch.timed_out,
        returncode=process.returncode,
        pid=process.pid,
        seconds=time.monotonic() - started,
        stopped=watch.stopped,
    ), ended


def _pipes(process: subprocess.Popen[bytes]) -> tuple[IO[bytes], IO[bytes], IO[bytes]]:
    """The child's stdin, stdout and stderr pipes (``Popen`` made all three)."""
    if process.stdin is None or process.stdout is None or process.stderr is None:
        raise SandboxUnavailable("the child process has no pipes")
    return process.stdin, process.stdout, process.stderr


def _parse(data: bytes) -> dict[str, Any] | None:
    """The harness's JSON result, or None when the pipe holds nothing that parses as one."""
    try:
        result = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return result if isinstance(result, dict) else None


def _watch(process: subprocess.Popen[bytes], watch: _Watch, deadline: float, workdir: str, since: int,
           namespaced: bool) -> None:
    """Read the output and the result until the child ends, the deadline passes, or a limit is passed."""
    caps = {fd: (RESULT_BYTES if index == 2 else watch.limits["output"]) for index, fd in enumerate(watch.streams)}
    with selectors.DefaultSelector() as selector:
        for fd in watch.streams:
            os.set_blocking(fd, False)
            selector.register(fd, selectors.EVENT_READ)
        while True:
            remaining = deadline - time.monotonic()
            pause = max(min(remaining, POLL_SECONDS), 0)
            if selector.get_map():
                for key, _ in selector.select(pause):
                    _read(key.fd, watch, caps[key.fd], selector)
            else:  # every stream has ended: wait for the exit itself, not a whole poll's sleep
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(pause)
            if process.poll() is not None:
                break
            if remaining <= 0:
                watch.timed_out = True
                break
            watch.stopped = _over_limit(process.pid, since, workdir, watch.limits, namespaced)
            if watch.stopped:
                break
        for fd in [key.fd for key in selector.get_map().values()]:  # what was written before the end
            _read(fd, watch, caps[fd], selector)


def _read(fd: int, watch: _Watch, cap: int, selector: selectors.BaseSelector) -> None:
    """Read what ``fd`` holds now, keeping up to ``cap`` bytes; stop watching it at its end."""
    buffer = watch.streams[fd]
    for _ in range(64):
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:
            return
        if not chunk:
            selector.unregister(fd)
            return
        room = cap - len(buffer)
        buffer += chunk[: max(room, 0)]
        watch.truncated = watch.truncated or len(chunk) > room


def _over_limit(child: int, since: int, workdir: str, limits: dict[str, int], namespaced: bool) -> str | None:
    """Which of the tree's limits is passed now: ``memory``, ``processes``, ``folder``, or None."""
    inside = processes.namespace_members(child) if namespaced else None
    if inside is None:
        members = [info for info in processes.check_tree(processes.process_table(), child, since) if not info.zombie]
    else:  # the namespace's processes, plus unshare itself outside it
        members = [info for info in inside if not info.zombie]
        members.append(processes.ProcessInfo(child, 0, 0, 0, 0, zombie=False))
    if sum(info.rss_bytes for info in members) > limits["memory"]:
        return "memory"
    if len(members) > limits["processes"]:
        return "processes"
    if processes.folder_bytes(workdir) > limits["folder"]:
        return "folder"
    return None
