"""Progress of long work (a back-fill, a backup, an export or import of a large record).

The store never draws anything: it tells the reporter set here how far it is, and the command line
sets one that draws a bar on a terminal (``studytrack.cli.progress``). With no reporter set, or on
a pipe, nothing extra is printed.
"""

from collections.abc import Callable

ProgressReporter = Callable[[str, int, int], None]
"""Called with (task, done, total): ``task`` names the work (``backfill``, ``backup``, ``export``,
``import``), ``done`` grows to ``total``; ``done == total`` ends the task."""

_reporters: list[ProgressReporter] = []


def set_progress_reporter(reporter: ProgressReporter | None) -> None:
    """Send progress to ``reporter`` from now on (None: to nobody)."""
    _reporters.clear()
    if reporter is not None:
        _reporters.append(reporter)


def report_progress(task: str, done: int, total: int) -> None:
    """Tell the reporter, if any, that ``task`` has done ``done`` of ``total`` steps."""
    for reporter in _reporters:
        reporter(task, done, total)
