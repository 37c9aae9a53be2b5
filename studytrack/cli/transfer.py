"""``studytrack export`` and ``import``: the whole record as JSON Lines, to move it to another
machine or keep it; importing merges, and importing the same file twice changes nothing.

``export`` is the place for other export formats too: an option and one branch at the top of the
command (see the command's docstring).
"""

import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import TextIO

import click

from studytrack import __version__
from studytrack.cli.anki_export import TEXT as ANKI_TEXT
from studytrack.cli.anki_export import export_anki
from studytrack.cli.common import pass_session
from studytrack.errors import StudytrackError
from studytrack.i18n import Catalog
from studytrack.session import Session

TEXT = Catalog("cli.transfer")

WRITE_CHUNK_LINES = 5000
"""Lines written to the output with one call."""


@click.command("export")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="The file to write (default: standard output).")
@click.option("--anki", "anki_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the quiz bank as an Anki deck (FILE.apkg) instead, in the --lang language.")
@click.option("--both", is_flag=True, help="With --anki: English and Korean on each card.")
@pass_session
def export_command(session: Session, out: Path | None, anki_path: Path | None, both: bool) -> None:
    """Write your whole record as JSON Lines: a header, then one record a line; or, with
    --anki FILE.apkg, the quiz bank as an Anki deck.

    Another format is added here as an option and a branch before the JSON Lines export.
    """
    if anki_path is not None or both:
        if anki_path is None:
            raise StudytrackError(ANKI_TEXT("both_needs_anki", session.lang))
        export_anki(session, anki_path, both)
        return
    # Deferred: the store imports sqlite-utils (~100 ms); --help never needs it.
    from studytrack.store.transfer import export_lines, export_moment  # noqa: PLC0415

    lines = export_lines(session.db(), __version__, export_moment(session.now()))
    if out is None:
        _write_lines(lines, sys.stdout)
        return
    temporary = out.with_name(f".{out.name}.{os.getpid()}.partial")
    try:
        with temporary.open("w", encoding="utf-8", newline="\n") as handle:
            _write_lines(lines, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, out)
    except OSError as error:
        raise StudytrackError(TEXT("unwritable", session.lang, path=out, reason=error)) from error
    finally:
        with suppress(OSError):
            temporary.unlink()
    click.echo(TEXT("exported", session.lang, path=out), err=True)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_session
def import_command(session: Session, file: Path) -> None:
    """Merge an export into your record: what is already here is skipped, the rest is added."""
    # Deferred like export's import above.
    from studytrack.domain.records.export_format import ExportFormatError, NewerFormatError  # noqa: PLC0415
    from studytrack.store.transfer import import_records  # noqa: PLC0415  (the same: sqlite-utils)

    lang = session.lang
    db = session.db()
    total = _count_lines(file) if sys.stderr.isatty() else 0
    try:
        with file.open("rb") as handle:
            summary = import_records(db, _decoded(handle), total)
    except NewerFormatError as error:
        raise StudytrackError(TEXT("newer", lang, path=file, version=error.version)) from error
    except ExportFormatError as error:
        raise StudytrackError(TEXT("bad_line", lang, path=file, line=error.line, reason=error.reason)) from error
    except OSError as error:
        raise StudytrackError(TEXT("unreadable", lang, path=file, reason=error)) from error
    added = sum(summary.added.values())
    skipped = sum(summary.skipped.values())
    click.echo(TEXT("imported", lang, path=file, added=added, skipped=skipped,
                    flags=summary.flags_updated, cards=summary.cards_recomputed))


COMMANDS = (export_command, import_command)
"""The commands of this module, for the group."""


def _write_lines(lines: Iterable[str], stream: TextIO) -> None:
    """Write ``lines`` to ``stream`` with a newline after each, in chunks."""
    chunk: list[str] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= WRITE_CHUNK_LINES:
            stream.write("\n".join(chunk) + "\n")
            chunk.clear()
    if chunk:
        stream.write("\n".join(chunk) + "\n")


def _decoded(handle: Iterable[bytes]) -> Iterator[str]:
    """The lines of a binary file as text; a line that is not UTF-8 is refused by number."""
    # Deferred like export's import above.
    from studytrack.domain.records.export_format import ExportFormatError  # noqa: PLC0415

    for number, raw in enumerate(handle, 1):
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ExportFormatError(number, "not UTF-8 text") from error


def _count_lines(file: Path) -> int:
    """How many lines ``file`` has (for the progress bar)."""
    count = 0
    with file.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            count += block.count(b"\n")
    return count
