"""``studytrack export --anki FILE.apkg [--both]`` end to end: the deck is written whole, in the
global language or both, flagged topics tagged; bad paths are one line with exit 2."""

import sqlite3
import zipfile

import pytest


def deck_notes(path) -> list[tuple[str, str]]:
    """The field texts and tags of every note in the package at ``path``."""
    with zipfile.ZipFile(path) as archive, archive.open("collection.anki2") as packed:
        collection = path.with_suffix(".anki2")
        collection.write_bytes(packed.read())
    connection = sqlite3.connect(collection)
    try:
        return list(connection.execute("SELECT flds, tags FROM notes"))
    finally:
        connection.close()


def test_the_deck_follows_the_global_language_and_both(run_cli, tmp_path, course_dir):
    assert run_cli("flag", "gd.learning-rate", "--category", "math").exit_code == 0
    korean = run_cli("export", "--anki", str(tmp_path / "ko.apkg"), lang="ko")
    assert korean.exit_code == 0, korean.stderr
    assert korean.stdout == ""
    both = run_cli("export", "--anki", str(tmp_path / "both.apkg"), "--both")
    assert both.exit_code == 0, both.stderr
    korean_notes = deck_notes(tmp_path / "ko.apkg")
    both_notes = deck_notes(tmp_path / "both.apkg")
    assert len(korean_notes) == len(both_notes) > 100
    assert all('<div lang="en">' not in fields for fields, _ in korean_notes)
    assert all('<div lang="en">' in fields and '<div lang="ko">' in fields for fields, _ in both_notes)
    flagged = [tags for _, tags in both_notes if "studytrack::flagged" in tags]
    assert flagged and all("studytrack::gd.learning-rate" in tags for tags in flagged)
    assert f"{len(flagged)}장" in korean.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [(("--anki", "deck.txt"), ".apkg"), (("--anki", "missing/deck.apkg"), "no folder"), (("--both",), "--anki")],
)
def test_bad_anki_exports_are_one_line_and_write_nothing(run_cli, tmp_path, monkeypatch, args, says):
    monkeypatch.chdir(tmp_path)
    result = run_cli("export", *args)
    assert result.exit_code == 2
    assert says in result.stderr and result.stderr.count("\n") == 1
    assert not list(tmp_path.glob("*.apkg")) and not list(tmp_path.glob("*.txt"))
