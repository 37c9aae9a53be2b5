"""The locale files are parsed once and kept compiled beside them, as Python keeps bytecode: the
compiled copy gives exactly the parsed tables, and a changed, damaged or unwritable copy never
gives stale or wrong text."""

import os
import sys
import tomllib

import pytest

from studytrack import i18n
from studytrack.i18n import LANGUAGES, _compiled_path

load_fresh = i18n.locale_table.__wrapped__
"""``locale_table`` without its per-process cache: each call reads the files again."""


@pytest.fixture
def locales(tmp_path, monkeypatch):
    """A private locales folder with a small English file; bytecode (and so the copy) written."""
    folder = tmp_path / "locales"
    folder.mkdir()
    (folder / "en.toml").write_text('[cli.common]\ntoday = "today"\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALES_DIR", folder)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(sys, "pycache_prefix", None)
    return folder


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_compiled_copy_is_the_parsed_file(lang):
    with (i18n.LOCALES_DIR / f"{lang}.toml").open("rb") as file:
        assert load_fresh(lang) == tomllib.load(file)


def test_the_first_read_leaves_a_copy_the_second_read_uses(locales, monkeypatch):
    assert load_fresh("en") == {"cli": {"common": {"today": "today"}}}
    assert (locales / "__pycache__").is_dir() and _compiled_path(locales / "en.toml").is_file()

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(tomllib, "load", no_parsing)
    assert load_fresh("en") == {"cli": {"common": {"today": "today"}}}


def test_a_changed_file_is_parsed_again(locales):
    load_fresh("en")
    source = locales / "en.toml"
    source.write_text('[cli.common]\ntoday = "now!"\n', encoding="utf-8")
    os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 1_000_000))
    assert load_fresh("en")["cli"]["common"]["today"] == "now!"


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"\xe3" * 40])
def test_a_damaged_copy_is_replaced(locales, damage):
    load_fresh("en")
    compiled = _compiled_path(locales / "en.toml")
    compiled.write_bytes(damage)
    assert load_fresh("en") == {"cli": {"common": {"today": "today"}}}
    assert compiled.read_bytes() != damage


def test_no_copy_is_written_when_python_writes_no_bytecode(locales, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert load_fresh("en")["cli"]["common"]["today"] == "today"
    assert not (locales / "__pycache__").exists()


def test_a_pycache_prefix_holds_the_copy_instead(locales, tmp_path, monkeypatch):
    prefix = tmp_path / "prefix"
    monkeypatch.setattr(sys, "pycache_prefix", str(prefix))
    load_fresh("en")
    assert not (locales / "__pycache__").exists()
    assert _compiled_path(locales / "en.toml").is_relative_to(prefix)
    assert _compiled_path(locales / "en.toml").is_file()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_folder_that_cannot_be_written_only_costs_the_parse(locales):
    locales.chmod(0o500)
    try:
        assert load_fresh("en")["cli"]["common"]["today"] == "today"
    finally:
        locales.chmod(0o700)
    assert not (locales / "__pycache__").exists()
