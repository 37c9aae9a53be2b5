"""The ``studytrack`` command line (contract: ../shared/DESIGN.md).

Only click and a few small modules are imported at start-up: a command's module is imported when
that command runs (``StudytrackGroup.get_command``, by the table ``COMMAND_MODULES``), and every
command imports the store and the checks inside itself, so no command pays for the others.
"""

import importlib
import os
import sqlite3
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

import click

from studytrack import __version__
from studytrack.cli import progress
from studytrack.cli.common import one_line, readable_arguments, readable_environment
from studytrack.clock import Clock, fixed_clock, system_clock
from studytrack.errors import StudytrackError
from studytrack.i18n import LANGUAGES, Catalog, language_from_environment
from studytrack.paths import bundled_content_dir, default_db_path
from studytrack.session import Session

TEXT = Catalog("cli.common")

MAX_MESSAGE = 2000
"""The longest error line printed (an echoed value can be huge); the rest is cut."""


COMMAND_MODULES: dict[str, str] = {
    "backup": "backup", "backups": "backup", "restore": "backup", "doctor": "backup",
    "content": "content",
    "exercise": "exercise",
    "topics": "flags", "flag": "flags", "flags": "flags", "resolve": "flags", "edit-flag": "flags",
    "delete-flag": "flags",
    "quiz": "quiz",
    "due": "review", "review": "review", "checkin": "review", "break": "review", "breaks": "review",
    "undo": "review", "stats": "review",
    "optimize": "schedule", "forecast": "schedule",
    "settings": "settings",
    "share": "share", "cohort": "share",
    "export": "transfer", "import": "transfer",
}
"""Each command of the group → the module of ``studytrack.cli`` that defines it (in its
``COMMANDS``); a test proves the table and the modules agree."""


class StudytrackGroup(click.Group):
    """A click group whose errors are one line on stderr with exit status 2, never a traceback,
    and whose commands are imported only when one runs (or ``--help`` lists them)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command's name, sorted, without importing any command module."""
        return sorted({*self.commands, *COMMAND_MODULES})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command called ``cmd_name``, importing its module (and registering that module's
        commands) the first time; None for an unknown name (click then says so in one line)."""
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            module = importlib.import_module(f"studytrack.cli.{COMMAND_MODULES[cmd_name]}")
            for command in module.COMMANDS:
                self.add_command(command)
        return self.commands.get(cmd_name)

    def invoke(self, ctx: click.Context) -> object:
        """Run the command; an SQLite error is one line that says what is true (busy, no
        permission, disk full, damaged: then writes stop), and after the output comes the day's
        integrity check when opening left it for later (a large file)."""
        try:
            result = super().invoke(ctx)
        except sqlite3.Error as error:
            session = ctx.find_object(Session)
            if session is None:
                raise
            raise session.database_problem(error) from error
        session = ctx.find_object(Session)
        if session is not None:
            session.check_database_after_command()
            for notice in session.notices:
                click.echo(notice, err=True)
            session.notices.clear()
        return result

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> object:
        """Run the command; report errors as one line (exit 2) instead of click's usage block.

        What was typed (and the ``STUDYTRACK_*``/``TZ`` variables) is made valid text first:
        bytes that are not UTF-8 become U+FFFD, and a notice says so (after the output, or at the
        start of the one error line)."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        arguments, replaced = readable_arguments(sys.argv[1:] if args is None else args)
        replaced = readable_environment() or replaced
        lang = _message_language(arguments)
        notice = TEXT("invalid_utf8", lang) + " " if replaced else ""
        try:
            code = super().main(arguments, prog_name or "studytrack", complete_var, False, **extra)
        except click.UsageError as error:
            _fail(notice + _usage_line(error, lang), 2)
        except click.ClickException as error:
            _fail(f"{notice}studytrack: {error.format_message()}", error.exit_code)
        except StudytrackError as error:
            _fail(notice + error.text(lang), error.exit_code)
        except click.Abort:
            _fail(notice + "Aborted.", 1)
        except OSError as error:
            _fail(notice + _os_error_line(error), 2)
        except (OverflowError, UnicodeError, RecursionError, MemoryError) as error:
            _fail(notice + TEXT("unexpected", lang, error=f"{type(error).__name__}: {error}"), 1)
        if notice:
            click.echo(notice.strip(), err=True)
        sys.exit(code if isinstance(code, int) else 0)


def _fail(message: str, status: int) -> NoReturn:
    """Print ``message`` on stderr as one printable line and exit with ``status``."""
    click.echo(one_line(message)[:MAX_MESSAGE], err=True)
    sys.exit(status)


def _usage_line(error: click.UsageError, lang: str) -> str:
    """A usage error as one line: where, what, and where the help is. A group called without its
    command names the commands it has (click would print its whole help)."""
    where = error.ctx.command_path if error.ctx else "studytrack"
    message = error.format_message()
    command = error.ctx.command if error.ctx else None
    if isinstance(error, click.exceptions.NoArgsIsHelpError) and isinstance(command, click.Group):
        message = TEXT("missing_command", lang,
                       choices=", ".join(command.list_commands(error.ctx)))
    return f"{where}: {message} (see '{where} --help')"


def _os_error_line(error: OSError) -> str:
    """A file-system refusal (a name too long, a folder where a file belongs …) as one line naming
    the path, shortened."""
    name = str(error.filename) if error.filename is not None else ""
    if len(name) > 120:
        name = name[:60] + "…" + name[-40:]
    reason = error.strerror or type(error).__name__
    return f"studytrack: {name}: {reason}" if name else f"studytrack: {reason}"


def _message_language(arguments: Sequence[str]) -> str:
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


CLOCK_YEARS = (1970, 9000)
"""The years ``STUDYTRACK_NOW`` may name: beyond them, due dates a century ahead and the study
days around "now" would fall off the calendar (year 1 … 9999)."""


def _clock_from_environment() -> Clock:
    """The system clock, or the fixed moment in ``STUDYTRACK_NOW`` (for tests and demos)."""
    value = os.environ.get("STUDYTRACK_NOW")
    if not value:
        return system_clock
    shown = one_line(value)[:60]
    try:
        moment = datetime.fromisoformat(value)
        clock = fixed_clock(moment)
        year = clock().year
    except (ValueError, OverflowError) as error:
        raise click.BadParameter(
            f"STUDYTRACK_NOW={shown!r} is not an ISO-8601 time with a zone"
        ) from error
    if not CLOCK_YEARS[0] <= year <= CLOCK_YEARS[1]:
        raise click.BadParameter(
            f"STUDYTRACK_NOW={shown!r} is out of range: give a time in the years "
            f"{CLOCK_YEARS[0]} to {CLOCK_YEARS[1]}"
        )
    return clock


@click.group(cls=StudytrackGroup, invoke_without_command=True)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="STUDYTRACK_DB",
    help="The database file. Default: the user data folder's studytrack.db.",
)
@click.option(
    "--content",
    "content_dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="STUDYTRACK_CONTENT",
    help="A course folder to use instead of the bundled course.",
)
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    envvar="STUDYTRACK_LANG",
    help="Language of the texts: en or ko. Default: from the locale.",
)
@click.version_option(__version__, prog_name="studytrack")
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None, content_dir: Path | None, lang: str | None) -> None:
    """studytrack: lessons, quizzes, checked exercises and flags for what you didn't get.

    Run without a command to open the app.
    """
    preset = ctx.obj if isinstance(ctx.obj, dict) else {}
    ctx.obj = Session(
        db_path=db_path or default_db_path(),
        content_dir=content_dir or bundled_content_dir(),
        lang=lang or language_from_environment(),
        clock=preset.get("clock") or _clock_from_environment(),
        create_db_folder=db_path is None,
    )
    if ctx.invoked_subcommand is None:
        # Deferred: the app imports Textual (~200 ms); the commands and --help never need it.
        from studytrack.ui.app import run_app  # noqa: PLC0415

        ctx.exit(run_app(ctx.obj))


@cli.result_callback()
def _after_command(result: object, **params: object) -> object:
    """Once a command's output is out: the day's automatic backup, when the command used the
    database (``cli.backup.after_command``; imported only then)."""
    session = click.get_current_context().find_object(Session)
    if session is None or session._db is None:
        return result
    # Deferred: the backup commands' module; a command that never opened the database skips it.
    from studytrack.cli.backup import after_command  # noqa: PLC0415

    return after_command(result, **params)


progress.install()

main = cli
"""The console-script entry point."""
