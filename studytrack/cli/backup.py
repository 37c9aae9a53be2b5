"""``studytrack backup``, ``backups``, ``restore`` and ``doctor``: keeping the learner's record safe
(the automatic backup after a command's output is ``cli.fast.automatic_backup_failure``)."""

import sys
from pathlib import Path

import click

from studytrack.cli.common import echo_json, pass_session
from studytrack.errors import StudytrackError
from studytrack.i18n import Catalog
from studytrack.session import Session

TEXT = Catalog("cli.backup")

@click.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@pass_session
def backup(session: Session, path: Path | None) -> None:
    """Back up the database now (into backups/ beside it, or to PATH)."""
    # Deferred: the store imports sqlite-utils (~100 ms); --help never needs it.
    from studytrack.store.backup import make_backup, refuse_if_damaged  # noqa: PLC0415

    db, now, lang = session.db(), session.now(), session.lang
    refuse_if_damaged(db, session.db_path, now, lang)
    if path is not None and path.is_dir():
        path = path / f"studytrack-{now.strftime('%Y%m%dT%H%M%SZ')}.db"
    if path is not None and path.exists():
        raise StudytrackError(TEXT("exists", lang, path=path))
    try:
        written = make_backup(session.db_path, now, "manual", path)
    except OSError as error:
        raise StudytrackError(TEXT("failed", lang, path=path or session.db_path.parent, reason=error)) from error
    click.echo(TEXT("made", lang, path=written, size=_megabytes(written.stat().st_size)))


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_session
def backups(session: Session, as_json: bool) -> None:
    """List the backups beside the database: when, size, flags and reviews in each."""
    # Deferred like backup's import above.
    from studytrack.store.backup import list_backups  # noqa: PLC0415
    from studytrack.store.database import backups_folder  # noqa: PLC0415  (the same)

    found = list_backups(session.db_path)
    if as_json:
        echo_json({"backups": [info.to_json() for info in found]})
        return
    if not found:
        click.echo(TEXT("none", session.lang, folder=backups_folder(session.db_path)))
        return
    for info in found:
        click.echo(TEXT("row", session.lang, made_at=info.made_at, kind=info.kind,
                        size=_megabytes(info.size), flags=_count(info.flags), reviews=_count(info.reviews),
                        path=info.path))


@click.command()
@click.argument("backup_file", metavar="BACKUP", type=click.Path(path_type=Path))
@click.option("--yes", is_flag=True, help="Restore without asking (for scripts).")
@click.pass_context
def restore(ctx: click.Context, backup_file: Path, yes: bool) -> None:
    """Put BACKUP in place of the database (the current one is backed up first)."""
    # Deferred like backup's import above.
    from studytrack.store.database import backups_folder  # noqa: PLC0415
    from studytrack.store.restore import restore_backup  # noqa: PLC0415  (the same: sqlite-utils)

    session = ctx.find_object(Session)
    assert session is not None
    lang = session.lang
    if not backup_file.exists() and (backups_folder(session.db_path) / backup_file).exists():
        backup_file = backups_folder(session.db_path) / backup_file
    if not yes:
        if not sys.stdin.isatty():
            raise StudytrackError(TEXT("no_terminal", lang))
        if not click.confirm(TEXT("confirm", lang, backup=backup_file, path=session.db_path), default=False):
            click.echo(TEXT("cancelled", lang), err=True)
            ctx.exit(2)
    restored = restore_backup(session.db_path, backup_file, session.now(), lang)
    kept = restored.previous_saved_as
    click.echo(TEXT("restored", lang, backup=backup_file, path=session.db_path))
    if kept is not None:
        click.echo(TEXT("previous_kept", lang, path=kept))


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def doctor(ctx: click.Context, as_json: bool) -> None:
    """Check the database and its backups; each problem is one line with what to do (exit 1)."""
    # Deferred like backup's import above.
    from studytrack.store.doctor import examine  # noqa: PLC0415

    session = ctx.find_object(Session)
    assert session is not None
    checkup = examine(session.db_path, session.now(), session.lang)
    if as_json:
        echo_json(checkup.to_json())
    elif checkup.problems:
        for problem in checkup.problems:
            click.echo(problem)
    else:
        click.echo(TEXT("healthy", session.lang, path=session.db_path))
    if checkup.problems:
        ctx.exit(1)


COMMANDS = (backup, backups, restore, doctor)
"""The commands of this module, for the group."""


def _megabytes(size: int) -> str:
    """A size in MB with one decimal."""
    return f"{size / 1024 / 1024:.1f} MB"


def _count(value: int | None) -> str:
    """A count, or ``?`` for a file that could not be read."""
    return "?" if value is None else str(value)
