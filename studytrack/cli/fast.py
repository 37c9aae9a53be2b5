"""The command line without click: the fast path of the hot read-only commands, and the parts both
faces of the command line share.

Click and its group cost about as much as Python's own start (``--version`` is ~2.7× ``python -c
"import sqlite3, json"``), more than ``due --json`` and ``flags --json`` may cost in all. So the
entry point (``studytrack.cli.main``) first asks ``answer`` whether the arguments are exactly one
of the simple forms below; only those are answered here, every other argument list (another
option, ``--help``, anything mistyped, text that is not valid UTF-8, a value click would refuse)
goes to the click group untouched, which then says what is wrong as it always did::

    [--db PATH] [--content DIR] [--lang en|ko] due --json
    [--db PATH] [--content DIR] [--lang en|ko] flags [--all] --json

(global options in any order, each at most once, as ``--name VALUE`` or ``--name=VALUE``; the
command's flags in any order.) What the fast path prints, on stdout and stderr, and its exit
status are the click path's byte for byte: both build the session (``make_session``), the
documents (``due_document``, ``flags_document``), the after-command work and the error lines with
the same functions here (``tests/functional/test_cli_fast_path.py`` runs both over a table and
generated argument lists).
"""

from __future__ import annotations

import codecs
import errno
import os
import sqlite3
import stat
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn, TextIO

from studytrack.cli import COMPLETION_VARIABLE, global_options
from studytrack.cli.lines import json_text, one_line, read_variables, readable_text
from studytrack.clock import Clock, fixed_clock, system_clock, to_iso
from studytrack.errors import StudytrackError
from studytrack.i18n import LANGUAGES, Catalog, language_from_environment
from studytrack.paths import bundled_content_dir, default_db_path
from studytrack.session import Session

if TYPE_CHECKING:
    from studytrack.domain.planning.today import TodayPlan
    from studytrack.store.flags import Flag

TEXT = Catalog("cli.common")

MAX_MESSAGE = 2000
"""The longest error line printed (an echoed value can be huge); the rest is cut."""

CLOCK_YEARS = (1970, 9000)
"""The years ``STUDYTRACK_NOW`` may name: beyond them, due dates a century ahead and the study
days around "now" would fall off the calendar (year 1 … 9999)."""

COMMAND_FLAGS = {"due": frozenset({"--json"}), "flags": frozenset({"--json", "--all"})}
"""The commands the fast path answers, with the flags each may take (``--json`` is required)."""


class ClockError(ValueError):
    """``STUDYTRACK_NOW`` names no usable moment (the click group reports it as a bad parameter)."""


class Request(NamedTuple):
    """A command line the fast path answers: the command, its flags and the global options as
    click would have converted them (a named tuple: a dataclass costs ~0.5 ms more at start-up)."""

    command: str
    """``due`` or ``flags``."""
    flags: frozenset[str]
    """The command's flags given (``--json``, and ``--all`` for ``flags``)."""
    db_path: Path | None
    """``--db`` or ``STUDYTRACK_DB``; None for the default location."""
    content_dir: Path | None
    """``--content`` or ``STUDYTRACK_CONTENT``; None for the bundled course."""
    lang: str | None
    """``--lang`` or ``STUDYTRACK_LANG``; None for the locale's language."""


def answer(arguments: Sequence[str]) -> int | None:
    """Run the command ``arguments`` name when it is one of the fast path's forms and return its
    exit status (an error line exits through ``SystemExit`` as on the click path); None, having
    done nothing, for anything else."""
    request = recognise(arguments, os.environ)
    session = None if request is None else session_of(request.db_path, request.content_dir, request.lang)
    if request is None or session is None:
        return None
    run = _run_due if request.command == "due" else _run_flags
    return run_in_session(session, lambda: run(session, request), message_language(arguments))


def recognise(arguments: Sequence[str], environ: Mapping[str, str]) -> Request | None:
    """The request ``arguments`` make in ``environ`` when the fast path can answer it exactly as
    click would, else None: every token one of the forms in this module's docstring, every value
    valid as click's parameter types take it, and nothing that makes click behave otherwise
    (a completion request, text that is not valid UTF-8, an output stream that is not UTF-8)."""
    if not plain_streams():
        return None
    given = global_options(list(arguments))
    if given is None:
        return None
    options, (command, *flags) = given
    allowed = COMMAND_FLAGS.get(command)
    if allowed is None or "--json" not in flags or len(set(flags)) != len(flags) or not set(flags) <= allowed:
        return None
    found = session_paths(options, arguments, environ)
    return None if found is None else Request(command, frozenset(flags), *found)


class SessionPaths(NamedTuple):
    """The group's options as click converts them: the database, the course folder, the language
    (None where the default applies)."""

    db_path: Path | None
    content_dir: Path | None
    lang: str | None


def session_paths(options: Mapping[str, str], arguments: Sequence[str], environ: Mapping[str, str]
                  ) -> SessionPaths | None:
    """The group's ``options`` (``global_options``) with their variables from ``environ``, as click
    would take them; None where click would do anything else first: complete (a shell asking),
    rewrite text that is not valid (in ``arguments`` or a variable), refuse a value."""
    if environ.get(COMPLETION_VARIABLE):
        return None
    if not all(_readable(value) for value in arguments) or not all(
            _readable(environ[name]) for name in read_variables() if name in environ):
        return None
    lang = options.get("--lang") or environ.get("STUDYTRACK_LANG") or None
    if lang is not None and lang not in LANGUAGES:
        return None
    db_value = options.get("--db") or environ.get("STUDYTRACK_DB") or None
    content_value = options.get("--content") or environ.get("STUDYTRACK_CONTENT") or None
    db_path = click_path(db_value, directory=False) if db_value is not None else None
    content_dir = click_path(content_value, directory=True) if content_value is not None else None
    if (db_value is not None and db_path is None) or (content_value is not None and content_dir is None):
        return None
    return SessionPaths(db_path, content_dir, lang)


def _readable(value: str) -> bool:
    """Whether ``value`` is valid text as it is (``lines.readable_text`` would not change it; the
    click path then prints no notice about it)."""
    return not readable_text(value)[1]


def plain_streams() -> bool:
    """Whether stdout and stderr are UTF-8 text streams, which click writes to as they are (on an
    ASCII stream it wraps its own writer)."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        if not encoding or codecs.lookup(encoding).name != "utf-8":
            return False
    return True


def click_path(value: str, *, directory: bool) -> Path | None:
    """``value`` as the group's ``click.Path`` option takes it (a database file, ``directory``
    False, or a course folder), or None where click would refuse it: an existing path of the
    wrong kind, or one that is not readable."""
    try:
        found = os.stat(value)
    except OSError:
        return Path(value)  # a path that does not exist yet: click takes it as it is
    if stat.S_ISREG(found.st_mode) if directory else stat.S_ISDIR(found.st_mode):
        return None
    return Path(value) if os.access(value, os.R_OK) else None


def message_language(arguments: Sequence[str]) -> str:
    """The language for messages printed outside the session (usage errors, and the errors
    commands raise): ``--lang`` when given, else ``STUDYTRACK_LANG``, else the locale's — the
    session's own choice."""
    for index, argument in enumerate(arguments):
        if argument == "--lang" and index + 1 < len(arguments) and arguments[index + 1] in LANGUAGES:
            return arguments[index + 1]
        if argument.startswith("--lang=") and argument[7:] in LANGUAGES:
            return argument[7:]
    chosen = os.environ.get("STUDYTRACK_LANG", "")
    return chosen if chosen in LANGUAGES else language_from_environment()


def clock_from_environment() -> Clock:
    """The system clock, or the fixed moment in ``STUDYTRACK_NOW`` (for tests and demos);
    ``ClockError`` saying what is wrong with a value that names no usable moment."""
    value = os.environ.get("STUDYTRACK_NOW")
    if not value:
        return system_clock
    shown = one_line(value)[:60]
    try:
        moment = datetime.fromisoformat(value)
        clock = fixed_clock(moment)
        year = clock().year
    except (ValueError, OverflowError) as error:
        raise ClockError(f"STUDYTRACK_NOW={shown!r} is not an ISO-8601 time with a zone") from error
    if not CLOCK_YEARS[0] <= year <= CLOCK_YEARS[1]:
        raise ClockError(
            f"STUDYTRACK_NOW={shown!r} is out of range: give a time in the years "
            f"{CLOCK_YEARS[0]} to {CLOCK_YEARS[1]}"
        )
    return clock


def session_of(db_path: Path | None, content_dir: Path | None, lang: str | None) -> Session | None:
    """The session a recognised fast-path request runs in (``make_session`` with the clock of the
    environment); None when ``STUDYTRACK_NOW`` names no usable moment (the click path then says
    what is wrong with it)."""
    try:
        clock = clock_from_environment()
    except ClockError:
        return None
    return make_session(db_path, content_dir, lang, clock)


def make_session(db_path: Path | None, content_dir: Path | None, lang: str | None, clock: Clock) -> Session:
    """The session of one command: the given paths and language or their defaults."""
    return Session(
        db_path=db_path or default_db_path(),
        content_dir=content_dir or bundled_content_dir(),
        lang=lang or language_from_environment(),
        clock=clock,
        create_db_folder=db_path is None,
    )


def due_document(session: Session) -> tuple[TodayPlan, dict[str, Any]]:
    """Today's plan for ``due``, and the document ``due --json`` prints (the text form is worded
    from the same document)."""
    # Deferred: the store's planning modules (~20 ms); --help, --version and the commands that
    # don't plan never need them.
    from studytrack.store.flags import list_flags  # noqa: PLC0415
    from studytrack.store.outline_cache import course_outline  # noqa: PLC0415
    from studytrack.store.plan import plan_today  # noqa: PLC0415

    db = session.db()
    plan = plan_today(db, course_outline(db, session.content_dir), session.now())
    flags = {flag.id: flag for flag in list_flags(db)} if plan.flag_ids else {}
    document: dict[str, Any] = {
        "day": plan.day.isoformat(),
        "condition": plan.condition,
        "budget_minutes": plan.budget_minutes,
        "estimated_minutes": plan.estimated_minutes,
        "items": [
            {"id": r.item_id, "topic": r.topic_id, "retrievability": round(r.retrievability, 4),
             "due": to_iso(r.due)}
            for r in plan.items
        ],
        "flags": [
            {"id": flags[i].id, "topic": flags[i].topic_id, "category": flags[i].category,
             "note": flags[i].note}
            for i in plan.flag_ids
        ],
        "new": [{"id": n.item_id, "topic": n.topic_id, "lesson": n.lesson_id}
                for n in plan.new_items],
        "note": plan.note().text(session.lang),
    }
    return plan, document


def listed_flags(session: Session, include_resolved: bool) -> list[Flag]:
    """The flags ``flags`` lists: the open ones, oldest first, or all with ``include_resolved``."""
    # Deferred: the store's flag module and the database (~10 ms); --help never needs them.
    from studytrack.store.flags import list_flags  # noqa: PLC0415

    return list_flags(session.db(), include_resolved)


def flags_document(found: Sequence[Flag]) -> list[dict[str, Any]]:
    """The document ``flags --json`` prints for the flags ``found``."""
    return [item.to_json() for item in found]


def automatic_backup_failure(session: Session) -> str | None:
    """The day's automatic backup after a command that used the database, when none was made this
    study day (a mark answers that with a read and a stat); the one line saying why it failed, or
    None. A failure never changes the command's exit status."""
    if not session.has_open_db():
        return None
    # Deferred: the mark reads one small file; a command that never opened the database skips it.
    from studytrack.store.backup_mark import marked_today  # noqa: PLC0415

    if marked_today(session.db_path, session.now()):  # the usual answer: made already today
        return None
    # Deferred: the backup module, only on the first command of a study day.
    from studytrack.store.backup import automatic_backup  # noqa: PLC0415

    outcome = automatic_backup(session.db_path, session.now(), session.lang)
    return outcome.message if outcome.status == "failed" else None


def notices_after_command(session: Session) -> list[str]:
    """Once a command's output is out: the day's integrity check when opening left it for later
    (``DatabaseFileError`` on damage), then the notices to print on stderr (taken from the
    session)."""
    session.check_database_after_command()
    notices = list(session.notices)
    session.notices.clear()
    return notices


def error_line(message: str) -> str:
    """An error as it is printed: one printable line, cut at ``MAX_MESSAGE`` characters."""
    return one_line(message)[:MAX_MESSAGE]


def os_error_line(error: OSError) -> str:
    """A file-system refusal (a name too long, a folder where a file belongs …) as one line naming
    the path, shortened."""
    name = str(error.filename) if error.filename is not None else ""
    if len(name) > 120:
        name = name[:60] + "…" + name[-40:]
    reason = error.strerror or type(error).__name__
    return f"studytrack: {name}: {reason}" if name else f"studytrack: {reason}"


def unexpected_line(error: BaseException, lang: str) -> str:
    """The line for an error nobody could fix by retyping (a number too large, text that cannot
    be encoded, no memory left)."""
    return TEXT("unexpected", lang, error=f"{type(error).__name__}: {error}")


UNEXPECTED = (OverflowError, UnicodeError, RecursionError, MemoryError)
"""Errors told as ``unexpected_line`` with exit status 1, on both paths."""

HANDLED: tuple[type[Exception], ...] = (StudytrackError, OSError, *UNEXPECTED)
"""The errors a command may raise that every face of the command line reports as one line and an
exit status (``failure_report``), never as a traceback."""


def failure_report(error: BaseException, lang: str) -> tuple[str, int]:
    """The line (before ``error_line`` shortens it) and the exit status an error of ``HANDLED``
    is reported with: a learner's problem with its own status, a file-system refusal 2, anything
    else (``UNEXPECTED``) 1. One mapping for the click group, the fast path and the app's launch."""
    if isinstance(error, StudytrackError):
        return error.text(lang), error.exit_code
    if isinstance(error, OSError):
        return os_error_line(error), 2
    return unexpected_line(error, lang), 1


def run_in_session(session: Session, command: Callable[[], None], lang: str) -> int:
    """Run ``command`` (which prints its output) the way the click group runs a command: an SQLite
    error becomes the session's one-line database problem, the automatic backup and the notices
    follow the output, and every error the group reports is reported with the same line and exit
    status. The exit status (0) on success."""
    try:
        try:
            try:
                command()
                failure = automatic_backup_failure(session)
                if failure is not None:
                    echo(failure, sys.stderr)
            except sqlite3.Error as error:
                raise session.database_problem(error) from error
            for notice in notices_after_command(session):
                echo(notice, sys.stderr)
        except (EOFError, KeyboardInterrupt):
            echo("", sys.stderr)  # closes the terminal's ^C echo, as click does
            _fail("Aborted.", 1)
        except OSError as error:
            if error.errno != errno.EPIPE:
                raise
            # A reader that went away (``| head``): exit 1 in silence, as click does.
            sys.stdout = _QuietFlush(sys.stdout)
            sys.stderr = _QuietFlush(sys.stderr)
            sys.exit(1)
    except HANDLED as error:
        _fail(*failure_report(error, lang))
    return 0


def _run_due(session: Session, request: Request) -> None:
    """``due --json``."""
    echo(json_text(due_document(session)[1]), sys.stdout)


def _run_flags(session: Session, request: Request) -> None:
    """``flags [--all] --json``."""
    echo(json_text(flags_document(listed_flags(session, "--all" in request.flags))), sys.stdout)


def echo(text: str, stream: TextIO) -> None:
    """Write ``text`` and a newline to ``stream`` and flush, as ``click.echo`` does on a UTF-8
    text stream (the fast paths' output, without importing click)."""
    stream.write(text + "\n")
    stream.flush()


def _fail(message: str, status: int) -> NoReturn:
    """Print ``message`` on stderr as one printable line and exit with ``status``."""
    echo(error_line(message), sys.stderr)
    sys.exit(status)


class _QuietFlush:
    """A stream whose flush ignores a closed pipe (so the exit after a reader went away prints
    nothing more), as click's own wrapper."""

    def __init__(self, wrapped: TextIO) -> None:
        self._wrapped = wrapped

    def flush(self) -> None:
        """Flush, ignoring a broken pipe."""
        try:
            self._wrapped.flush()
        except OSError as error:
            if error.errno != errno.EPIPE:
                raise

    def __getattr__(self, name: str) -> Any:
        """Everything else is the wrapped stream's."""
        return getattr(self._wrapped, name)
