"""The quiz bank as an Anki package: opened with the real Anki library, its cards, fields and tags."""

from pathlib import Path

import anki.collection as anki_collection
import pytest

from studytrack.domain.anki import FIELDS, anki_notes, note_type_name
from studytrack.domain.content.course import load_course
from studytrack.paths import bundled_content_dir
from studytrack.store.anki_package import note_guid, write_anki_package


@pytest.fixture(scope="module")
def course():
    """The bundled course."""
    return load_course(bundled_content_dir())


def import_into_anki(apkg: Path, folder: Path):
    """A new Anki collection in ``folder`` with ``apkg`` imported into it."""
    collection = anki_collection.Collection(str(folder / "collection.anki2"))
    request = anki_collection.ImportAnkiPackageRequest(
        package_path=str(apkg), options=anki_collection.ImportAnkiPackageOptions(with_scheduling=False)
    )
    collection.import_anki_package(request)
    return collection


def notes_by_item(collection) -> dict[str, object]:
    """Every note of the collection, keyed by its ``Item`` field."""
    return {note["Item"]: note for note in map(collection.get_note, collection.find_notes(""))}


def test_every_quiz_item_is_a_card_with_its_fields_and_tags(course, db, learner, tmp_path):
    from studytrack.store.flags import add_flag

    flagged_item = course.quiz_items[0]
    add_flag(learner, flagged_item.topic, "math", "the notation")
    export = write_anki_package(tmp_path / "deck.apkg", course, db, ("en",))
    assert export.notes == len(course.quiz_items)

    collection = import_into_anki(tmp_path / "deck.apkg", tmp_path)
    try:
        notes = notes_by_item(collection)
        assert set(notes) == {item.id for item in course.quiz_items}
        assert collection.card_count() == len(course.quiz_items)
        for item in course.quiz_items:
            note = notes[item.id]
            note_type = note.note_type()
            assert note_type["name"] == note_type_name(item.type)
            assert [field["name"] for field in note_type["flds"]] == list(FIELDS[item.type])
            assert note.guid == note_guid(item.id)
            assert f"studytrack::{item.topic}" in note.tags
            assert ("studytrack::flagged" in note.tags) == (item.topic == flagged_item.topic)
            assert note["Topic"] == item.topic
        choice = next(item for item in course.quiz_items if item.type == "choice")
        assert "<ol>" in notes[choice.id]["Choices"]
        card = collection.get_card(collection.find_cards(f"Item:{choice.id}")[0])
        back = card.answer()
        assert choice.explanation.en.split(".")[0] in back.replace("&quot;", '"')
        assert choice.choices[choice.answer - 1].en.split(",")[0] in card.answer()
        numeric = next(item for item in course.quiz_items if item.type == "numeric")
        assert notes[numeric.id]["Answer"] == numeric.expected_answer().text("en")
    finally:
        collection.close()


def test_both_languages_on_each_card_and_the_same_guids(course, db, tmp_path):
    write_anki_package(tmp_path / "ko.apkg", course, db, ("ko",))
    write_anki_package(tmp_path / "both.apkg", course, db, ("en", "ko"))
    (tmp_path / "ko").mkdir()
    (tmp_path / "both").mkdir()
    korean = import_into_anki(tmp_path / "ko.apkg", tmp_path / "ko")
    both = import_into_anki(tmp_path / "both.apkg", tmp_path / "both")
    try:
        item = course.quiz_items[0]
        korean_note = notes_by_item(korean)[item.id]
        both_note = notes_by_item(both)[item.id]
        assert item.prompt.ko.split(" ")[0] in korean_note["Prompt"]
        assert item.prompt.en.split(" ")[0] not in korean_note["Prompt"]
        assert '<div lang="en">' in both_note["Prompt"] and '<div lang="ko">' in both_note["Prompt"]
        assert korean_note.guid == both_note.guid == note_guid(item.id)
        assert "studytrack::flagged" not in both_note.tags
    finally:
        korean.close()
        both.close()


def test_an_export_that_fails_leaves_no_file(course, db, tmp_path, monkeypatch):
    import zipfile

    def broken_write(self, *args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(zipfile.ZipFile, "write", broken_write)
    with pytest.raises(OSError):
        write_anki_package(tmp_path / "deck.apkg", course, db, ("en",))
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]


def test_one_note_type_per_quiz_type():
    from studytrack.domain.content.quiz import ITEM_TYPES

    assert set(FIELDS) == set(ITEM_TYPES)
    assert all(fields[0] == "Prompt" and "Explanation" in fields for fields in FIELDS.values())


def test_notes_need_a_language(course):
    with pytest.raises(ValueError):
        anki_notes(course.quiz_items, ())
