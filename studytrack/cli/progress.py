"""Progress bars for long work (a back-fill, a backup, an export or import of a large record).

The store reports progress through ``store.long_work``; this draws it as a click progress bar on
stderr, only on a terminal and never for a command asked for ``--json``, so pipes and scripts see
nothing extra.
"""

import sys
from typing import Any

import click

from studytrack.i18n import Catalog
from studytrack.session import Session
from studytrack.store.long_work import set_progress_reporter

TEXT = Catalog("cli.progress")


class TerminalProgress:
    """A ``store.long_work`` reporter that draws one click progress bar per running task."""

    def __init__(self) -> None:
        self._bars: dict[str, tuple[Any, int]] = {}

    def __call__(self, task: str, done: int, total: int) -> None:
        """Move the bar of ``task`` to ``done`` of ``total`` (closing it at the end)."""
        if not _drawing():
            return
        bar, shown = self._bars.get(task, (None, 0))
        if bar is None:
            bar = click.progressbar(length=max(total, 1), label=TEXT(task, _lang()), file=sys.stderr)
            bar.__enter__()
        bar.update(max(done - shown, 0))
        if done >= total:
            bar.__exit__(None, None, None)
            self._bars.pop(task, None)
        else:
            self._bars[task] = (bar, done)


def _drawing() -> bool:
    """Bars are drawn on a terminal, for a command not asked for ``--json``."""
    if not sys.stderr.isatty():
        return False
    context = click.get_current_context(silent=True)
    return not (context is not None and context.params.get("as_json"))


def _lang() -> str:
    """The language of the running command (English outside one)."""
    context = click.get_current_context(silent=True)
    session = context.find_object(Session) if context is not None else None
    return session.lang if session is not None else "en"


def install() -> None:
    """Draw the store's progress reports from now on (the command line calls this once)."""
    set_progress_reporter(TerminalProgress())
