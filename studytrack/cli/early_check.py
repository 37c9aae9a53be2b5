"""The child of a code check, started as the very first thing ``studytrack exercise check`` does.

A code check's child (``sandbox.runner.start_check``) spends most of the check starting Python
and importing numpy; it needs nothing from the command line to do so. So the entry point
(``studytrack.cli.main``) calls ``start_early`` before it imports click or opens anything: when the
arguments look like a code check (``[global options] exercise check …`` without ``--answer``), the
child starts right away and runs beside this process's own start (click, the session, the
database, the kept plan), on the other core. The command takes it with ``take_started``; a child
nobody takes (click refused the arguments, a numeric exercise) is ended at exit, as every check's
child is ended: its whole tree killed and its folder deleted.

Only ``os`` and ``atexit`` are imported unless the arguments match (the global options are read
with ``cli.global_options``, in the package the entry point lives in), so every other command pays
nothing for this.
"""

from __future__ import annotations

import atexit
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from studytrack.cli import COMPLETION_VARIABLE, global_options

if TYPE_CHECKING:
    from studytrack.sandbox.runner import StartedCheck

_started: list[StartedCheck] = []
"""The child started early, until the command takes it."""


def looks_like_code_check(arguments: Sequence[str]) -> bool:
    """Whether ``arguments`` are ``exercise check …`` after global options (as
    ``cli.global_options`` reads them: each at most once, with a value), without
    ``--answer`` (a numeric check) or a request for help. A cheap guess: click still parses the
    arguments, and a child started for arguments it refuses is only ended unused; for arguments
    of any other shape no child starts here (the command, if click takes it, starts its own)."""
    given = global_options(list(arguments))
    if given is None or given[1][:2] != ["exercise", "check"]:
        return False
    return not any(token in ("--help", "-h") or token.startswith("--answer") for token in given[1][2:])


def start_early(arguments: Sequence[str]) -> None:
    """Start a code check's child now when ``arguments`` look like a code check (see the module
    docstring); where it cannot start, the command starts its own and says what is wrong."""
    if os.environ.get(COMPLETION_VARIABLE) or not looks_like_code_check(arguments):
        return
    # Deferred: the sandbox's runner (subprocess, selectors, tempfile); only a code check needs it.
    from studytrack.sandbox.runner import SandboxUnavailable, start_check  # noqa: PLC0415

    try:
        started = start_check()
    except (SandboxUnavailable, OSError):
        return
    atexit.register(started.__exit__, None, None, None)
    _started.append(started)


def take_started() -> StartedCheck | None:
    """The child ``start_early`` started, once (the taker ends it); None when there is none."""
    return _started.pop() if _started else None
