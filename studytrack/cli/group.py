"""The click group of the ``studytrack`` command line (contract: ../shared/DESIGN.md): every
argument list the fast path (``cli.fast``) does not answer comes here.

Only click and a few small modules are imported at start-up: a command's module is imported when
that command runs (``StudytrackGroup.get_command``, by the table ``COMMAND_MODULES``), and every
command imports the store and the checks inside itself, so no command pays for the others.
"""

import importlib
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from studytrack import __version__
from studytrack.cli import COMMAND_MODULES, progress
from studytrack.cli.fast import (
    HANDLED,
    TEXT,
    ClockError,
    automatic_backup_failure,
    clock_from_environment,
    error_line,
    failure_report,
    make_session,
    message_language,
    notices_after_command,
)
from studytrack.cli.lines import readable_arguments, readable_environment
from studytrack.clock import Clock
from studytrack.i18n import LANGUAGES
from studytrack.session import Session

NO_AUTOMATIC_BACKUP_AFTER = frozenset({"backup", "backups", "restore", "doctor"})
"""Commands after which no automatic backup is made (they look after backups themselves)."""


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
            for notice in notices_after_command(session):
                click.echo(notice, err=True)
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
        lang = message_language(arguments)
        notice = TEXT("invalid_utf8", lang) + " " if replaced else ""
        try:
            code = super().main(arguments, prog_name or "studytrack", complete_var, False, **extra)
        except click.UsageError as error:
            _fail(notice + _usage_line(error, lang), 2)
        except click.ClickException as error:
            _fail(f"{notice}studytrack: {error.format_message()}", error.exit_code)
        except click.Abort:
            _fail(notice + "Aborted.", 1)
        except HANDLED as error:
            line, status = failure_report(error, lang)
            _fail(notice + line, status)
        if notice:
            click.echo(notice.strip(), err=True)
        sys.exit(code if isinstance(code, int) else 0)


def _fail(message: str, status: int) -> NoReturn:
    """Print ``message`` on stderr as one printable line and exit with ``status``."""
    click.echo(error_line(message), err=True)
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


def _clock_from_environment() -> Clock:
    """The system clock, or the fixed moment in ``STUDYTRACK_NOW`` (a bad parameter when it
    names no usable moment)."""
    try:
        return clock_from_environment()
    except ClockError as error:
        raise click.BadParameter(str(error)) from error


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
    ctx.obj = make_session(db_path, content_dir, lang, preset.get("clock") or _clock_from_environment())
    if ctx.invoked_subcommand is None:
        # Deferred: the app imports Textual (~200 ms); the commands and --help never need it.
        from studytrack.ui.app import run_app  # noqa: PLC0415

        ctx.exit(run_app(ctx.obj))


@cli.result_callback()
def _after_command(result: object, **params: object) -> object:
    """Once a command's output is out: the day's automatic backup, when the command used the
    database and is not one of the backup commands (``fast.automatic_backup_failure``; a failure
    is one line on stderr and never changes the exit status)."""
    ctx = click.get_current_context()
    session = ctx.find_object(Session)
    if session is None or ctx.invoked_subcommand in NO_AUTOMATIC_BACKUP_AFTER:
        return result
    failure = automatic_backup_failure(session)
    if failure is not None:
        click.echo(failure, err=True)
    return result


progress.install()
