"""Writing the quiz bank as an Anki package (``.apkg``) with genanki, whole or not at all.

The notes come from ``studytrack.domain.anki``; this module gives them stable identities (note
types, deck and guids derived from fixed names and item ids, so importing a newer export into
Anki updates the notes instead of duplicating them) and writes the file atomically.
"""

import itertools
import json
import os
import sqlite3
import tempfile
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import genanki

from studytrack.domain.anki import FIELDS, AnkiNote, anki_notes, note_type_name
from studytrack.domain.content.course import Course
from studytrack.store.connection import StoreDatabase

CARD_CSS = """\
.card { font-family: sans-serif; font-size: 20px; text-align: left; color: black; background: white; }
.explanation { margin-top: 1em; font-size: 0.85em; color: #444; }
div[lang] + div[lang] { margin-top: 0.6em; padding-top: 0.6em; border-top: 1px dashed #aaa; }
"""
"""The look of every studytrack card in Anki."""


@dataclass(frozen=True)
class AnkiExport:
    """What ``write_anki_package`` wrote."""

    path: Path
    notes: int
    flagged_notes: int
    langs: tuple[str, ...]


def stable_id(name: str) -> int:
    """A fixed Anki id (note type or deck) for ``name``: the same in every export."""
    return (1 << 30) + zlib.crc32(f"studytrack:{name}".encode())


def note_guid(item_id: str) -> str:
    """The Anki guid of the note of quiz item ``item_id`` (stable across exports and languages)."""
    return str(genanki.guid_for("studytrack", item_id))


def open_flag_topics(db: StoreDatabase) -> set[str]:
    """The topics the learner has at least one open (unresolved) flag on."""
    rows = db.execute("SELECT DISTINCT topic_id FROM flags WHERE resolved_at IS NULL").fetchall()
    return {row[0] for row in rows}


def write_anki_package(
    path: Path, course: Course, db: StoreDatabase, langs: tuple[str, ...], *, deck_name: str | None = None
) -> AnkiExport:
    """Write every quiz item of ``course`` to the Anki package ``path`` in ``langs`` (the
    learner's language, or ``("en", "ko")`` for both on each card), notes of topics with open
    flags tagged ``studytrack::flagged``. The file appears whole or not at all."""
    flagged = open_flag_topics(db)
    notes = anki_notes(course.quiz_items, langs, flagged)
    name = deck_name or " / ".join(course.title.get(lang) for lang in langs)
    deck = genanki.Deck(stable_id(f"deck:{course.id}"), name)
    models = {quiz_type: _note_type(quiz_type) for quiz_type in FIELDS}
    for note in notes:
        deck.add_note(_genanki_note(note, models[note.note_type]))
    _write_atomically(genanki.Package(deck), path)
    return AnkiExport(path, len(notes), sum(1 for note in notes if len(note.tags) > 1), tuple(langs))


def _note_type(quiz_type: str) -> genanki.Model:
    """The Anki note type of one quiz type: the prompt (and choices) in front, the answer and the
    explanation on the back."""
    fields = FIELDS[quiz_type]
    front = "<div class=prompt>{{Prompt}}</div>" + ("{{Choices}}" if "Choices" in fields else "")
    back = "{{FrontSide}}<hr id=answer><div class=answer>{{Answer}}</div>" \
           "<div class=explanation>{{Explanation}}</div>"
    return genanki.Model(
        stable_id(f"model:{quiz_type}"),
        note_type_name(quiz_type),
        fields=[{"name": name} for name in fields],
        templates=[{"name": "Card 1", "qfmt": front, "afmt": back}],
        css=CARD_CSS,
    )


def _genanki_note(note: AnkiNote, model: genanki.Model) -> genanki.Note:
    """One note for genanki, with its stable guid."""
    return genanki.Note(model=model, fields=list(note.fields), tags=list(note.tags), guid=note_guid(note.item_id))


def _write_atomically(package: genanki.Package, path: Path) -> None:
    """Write ``package`` to ``path`` through a temporary file beside it, replaced in one step.

    Builds the collection itself (genanki's ``write_to_file`` leaves its temporary database
    behind and writes the zip in place, so an interrupted export would leave half a file)."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="studytrack-anki-") as work:
        collection = Path(work) / "collection.anki2"
        connection = sqlite3.connect(collection)
        try:
            now = time.time()
            package.write_to_db(connection.cursor(), now, itertools.count(int(now * 1000)))
            connection.commit()
        finally:
            connection.close()
        handle, partial_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        os.close(handle)
        partial = Path(partial_name)
        try:
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.write(collection, "collection.anki2")
                archive.writestr("media", json.dumps({}))
            partial.chmod(0o644)
            os.replace(partial, path)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
