"""The processes of one check: found in ``/proc``, measured, and ended together (Linux; elsewhere a no-op).

A check's tree is the child the runner started and everything below it. A process whose parent
died (a double-forked ``setsid()`` daemon) is re-parented to the nearest *subreaper*; the runner's
process is one while a check runs, so such orphans become its own children and are still found: a
child of ours that started after the check began and left our session belongs to the check. Where
there is no ``/proc`` (macOS) nothing is found and only the process group is ended. Inside a
fresh PID namespace orphans go to the namespace's first process instead, which is in the tree.
"""

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from typing import NamedTuple

PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36

_libc = ctypes.CDLL(None, use_errno=True) if sys.platform == "linux" else None


class ProcessInfo(NamedTuple):
    """One line of ``/proc/<pid>/stat``, the fields a check needs. (A named tuple: a dataclass
    would import ``dataclasses``, ~5 ms, before a check's child can start.)"""

    pid: int
    parent: int
    session: int
    started: int
    """Start time in clock ticks since boot."""
    rss_bytes: int
    zombie: bool


def boot_ticks() -> int:
    """Now, in the clock ticks since boot that ``ProcessInfo.started`` counts."""
    if not hasattr(time, "CLOCK_BOOTTIME"):  # macOS: no /proc, so no start times to compare with
        return 0
    return int(time.clock_gettime(time.CLOCK_BOOTTIME) * CLOCK_TICKS)


def process_table(proc: str = "/proc") -> dict[int, ProcessInfo]:
    """Every process this one can see in ``proc``, by id (empty where there is no such folder)."""
    table: dict[int, ProcessInfo] = {}
    try:
        names = os.listdir(proc)
    except OSError:
        return table
    for name in names:
        if not name.isdigit():
            continue
        try:  # os.open and os.read: twice as fast as open() for a few hundred small files
            descriptor = os.open(f"{proc}/{name}/stat", os.O_RDONLY)
            try:
                fields = os.read(descriptor, 4096).rsplit(b")", 1)[1].split()
            finally:
                os.close(descriptor)
        except (OSError, IndexError):
            continue  # it ended while we looked
        table[int(name)] = ProcessInfo(int(name), int(fields[1]), int(fields[3]), int(fields[19]),
                                       int(fields[21]) * PAGE_BYTES, fields[0] == b"Z")
    return table


def namespace_members(child: int) -> list[ProcessInfo] | None:
    """The processes of ``child``'s own PID namespace, read from the ``/proc`` mounted inside it.

    ``unshare --mount-proc`` mounts a ``/proc`` that shows only the namespace; reading it through
    ``/proc/<child>/root`` costs a few files instead of a scan of every process on the machine.
    None while that ``/proc`` is not mounted yet (or where there is none): scan the tree instead.
    """
    inner = f"/proc/{child}/root/proc"
    try:
        if os.stat(inner).st_dev == os.stat("/proc").st_dev:
            return None
    except OSError:
        return None
    return list(process_table(inner).values())


def check_tree(table: dict[int, ProcessInfo], child: int, since: int) -> list[ProcessInfo]:
    """The processes of the check started as ``child`` at ``since`` (boot ticks), orphans included."""
    me = os.getpid()
    my_session = os.getsid(0)
    roots = [child] + [info.pid for info in table.values()
                       if info.parent == me and info.pid != child and info.started >= since
                       and info.session != my_session]
    children: dict[int, list[int]] = {}
    for info in table.values():
        children.setdefault(info.parent, []).append(info.pid)
    found: list[ProcessInfo] = []
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        pid = stack.pop()
        if pid in seen or pid not in table:
            continue
        seen.add(pid)
        found.append(table[pid])
        stack.extend(children.get(pid, []))
    return found


def end_tree(child: int, since: int, *, wait_seconds: float = 2.0) -> bool:
    """SIGKILL the whole check (its group and every process of its tree) and reap what is ours.

    Returns True when none of them is left but zombies that are not ours to reap, False when
    ``wait_seconds`` passed first.
    """
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child, signal.SIGKILL)
    deadline = time.monotonic() + wait_seconds
    while True:
        members = check_tree(process_table(), child, since)
        _kill(info.pid for info in members if not info.zombie)
        _reap(info.pid for info in members if info.pid != child)
        # a zombie is dead; ours are reaped above, except the child, which ``Popen.wait`` reaps
        alive = [info for info in members if not info.zombie or (info.parent == os.getpid() and info.pid != child)]
        if not alive:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.005)


def _kill(pids: Iterable[int]) -> None:
    """SIGKILL each of ``pids`` that still exists."""
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)


def _reap(pids: Iterable[int]) -> None:
    """Collect the exit status of each of ``pids`` that is our child and has ended."""
    for pid in pids:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


_subreaper_users = 0
_subreaper_lock = threading.Lock()


@contextlib.contextmanager
def subreaper() -> Iterator[None]:
    """While a check runs, this process is the subreaper of its descendants (Linux): orphans stay findable.

    Only then, so that a program started otherwise (a browser opened by the app) is not adopted.
    """
    global _subreaper_users
    with _subreaper_lock:
        _subreaper_users += 1
        if _libc is not None and _subreaper_users == 1:
            _libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    try:
        yield
    finally:
        with _subreaper_lock:
            _subreaper_users -= 1
            if _libc is not None and _subreaper_users == 0:
                _libc.prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)


def die_with_parent() -> None:
    """In a child between fork and exec: be killed when the parent dies (Linux's ``PR_SET_PDEATHSIG``)."""
    if _libc is not None:
        _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def folder_bytes(folder: str, *, most_entries: int = 10_000) -> int:
    """Bytes held by the files in ``folder`` and below (blocks, so sparse files count what they use).

    More than ``most_entries`` entries counts as over any budget.
    """
    total, entries = 0, 0
    stack = [folder]
    while stack:
        try:
            with os.scandir(stack.pop()) as listing:
                for entry in listing:
                    entries += 1
                    if entries > most_entries:
                        return sys.maxsize
                    with contextlib.suppress(OSError):
                        if entry.is_dir(follow_symlinks=False):
                            stack.append(entry.path)
                        else:
                            total += entry.stat(follow_symlinks=False).st_blocks * 512
        except OSError:
            continue
    return total
