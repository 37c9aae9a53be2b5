"""``studytrack export --anki FILE.apkg [--both]``: the quiz bank as an Anki deck (the options
live on ``export`` in ``studytrack.cli.transfer``; this is what they run)."""

from pathlib import Path

import click

from studytrack.errors import StudytrackError
from studytrack.i18n import LANGUAGES, Catalog
from studytrack.session import Session

TEXT = Catalog("cli.anki_export")


def export_anki(session: Session, path: Path, both: bool) -> None:
    """Write the quiz bank to the Anki package ``path`` in the session's language, or in English
    and Korean on each card with ``both``; the notice goes to stderr."""
    # Deferred: genanki and the store (sqlite-utils) cost ~150 ms; --help never needs them.
    from studytrack.store.anki_package import write_anki_package  # noqa: PLC0415

    lang = session.lang
    if path.suffix.lower() != ".apkg":
        raise StudytrackError(TEXT("suffix", lang, path=path))
    if path.is_dir() or not path.parent.is_dir():
        raise StudytrackError(TEXT("no_folder", lang, path=path))
    langs = tuple(LANGUAGES) if both else (lang,)
    try:
        export = write_anki_package(path, session.course(), session.db(), langs)
    except OSError as error:
        raise StudytrackError(TEXT("unwritable", lang, path=path, reason=error.strerror or error)) from error
    click.echo(TEXT("written", lang, path=path, notes=export.notes, flagged=export.flagged_notes), err=True)
