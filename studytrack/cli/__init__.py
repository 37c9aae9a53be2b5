"""The ``studytrack`` command line (contract: ../shared/DESIGN.md).

Only click is imported at start-up, so ``--help`` and ``--version`` stay fast; every command
imports what it needs (the store pulls in sqlite-utils, checks pull in numpy) inside itself.
"""

import os
import sys
from datetime import datetime
from pathlib import Path

import click

from studytrack import __version__
from studytrack.clock import Clock, fixed_clock, system_clock
from studytrack.errors import StudytrackError
from studytrack.i18n import LANGUAGES, language_from_environment
from studytrack.session import Session


class StudytrackGroup(click.Group):
    """A click group whose errors are one line on stderr with exit status 2, never a traceback."""

    def invoke(self, ctx: click.Context):
        import sqlite3

        try:
            return super().invoke(ctx)
        except sqlite3.DatabaseError as error:
            from studytrack.errors import DatabaseFileError
            from studytrack.store.database import TEXT

            session = ctx.find_object(Session)
            path = session.db_path if session else "the database"
            lang = session.lang if session else "en"
            raise DatabaseFileError(TEXT("corrupt", lang, path=path, reason=error)) from error

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Run the command; report errors as one line (exit 2) instead of click's usage block."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name or "studytrack", complete_var, False, **extra)
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx else "studytrack"
            click.echo(f"{where}: {error.format_message()} (see '{where} --help')", err=True)
            sys.exit(2)
        except click.ClickException as error:
            click.echo(f"studytrack: {error.format_message()}", err=True)
            sys.exit(error.exit_code)
        except StudytrackError as error:
            click.echo(str(error), err=True)
            sys.exit(error.exit_code)
        except click.Abort:
            click.echo("Aborted.", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def _clock_from_environment() -> Clock:
    """The system clock, or the fixed moment in ``STUDYTRACK_NOW`` (for tests and demos)."""
    value = os.environ.get("STUDYTRACK_NOW")
    if not value:
        return system_clock
    try:
        return fixed_clock(datetime.fromisoformat(value))
    except ValueError as error:
        raise click.BadParameter(
            f"STUDYTRACK_NOW={value!r} is not an ISO-8601 time with a zone"
        ) from error


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
def cli(ctx: click.Context, db_path: Path | None, content_dir: Path | None, lang: str | None):
    """studytrack: lessons, quizzes, checked exercises and flags for what you didn't get.

    Run without a command to open the app.
    """
    from studytrack.paths import bundled_content_dir, default_db_path

    preset = ctx.obj if isinstance(ctx.obj, dict) else {}
    ctx.obj = Session(
        db_path=db_path or default_db_path(),
        content_dir=content_dir or bundled_content_dir(),
        lang=lang or language_from_environment(),
        clock=preset.get("clock") or _clock_from_environment(),
    )
    if ctx.invoked_subcommand is None:
        from studytrack.ui.app import run_app

        run_app(ctx.obj)


pass_session = click.make_pass_decorator(Session)
"""Gives a command the shared ``Session``."""


def echo_json(document: object) -> None:
    """Print one JSON document on stdout, and nothing else."""
    import json

    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


def _register_commands() -> None:
    """Attach every command group; each module imports only click at its top."""
    from studytrack.cli import content, exercise, flags, quiz, review, settings

    for module in (flags, content, quiz, review, exercise, settings):
        for command in module.COMMANDS:
            cli.add_command(command)


_register_commands()
main = cli
"""The console-script entry point."""
