"""Every learner-facing UI text exists in English and Korean, with the same keys and placeholders."""

import ast
import re
import string
from pathlib import Path

import pytest

import studytrack
from studytrack.i18n import LANGUAGES, Catalog, language_from_environment, locale_table

HANGUL = re.compile(r"[가-힣]")
PACKAGE = Path(studytrack.__file__).parent


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def flatten(table: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            out.update(flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def test_both_locale_files_have_the_same_keys_and_fields():
    english, korean = (flatten(locale_table(lang)) for lang in LANGUAGES)
    assert len(english) > 300
    assert set(english) == set(korean), set(english) ^ set(korean)
    for key, text in english.items():
        assert text.strip(), f"{key} has no English"
        assert korean[key].strip(), f"{key} has no Korean"
        assert fields(text) == fields(korean[key]), key
        assert HANGUL.search(korean[key]) or korean[key] == text, f"{key}: the Korean text has no Hangul"


def catalog_uses() -> list[tuple[Path, int, str, str]]:
    """(file, line, place, key) for every ``NAME("key", …)`` call on a module-level ``Catalog``."""
    uses = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text())
        places = {
            node.targets[0].id: node.value.args[0].value
            for node in tree.body
            if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and getattr(node.value.func, "id", None) == "Catalog"
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in places
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                uses.append((path, node.lineno, places[node.func.id], node.args[0].value))
    return uses


def test_every_key_the_code_asks_for_exists():
    uses = catalog_uses()
    assert len(uses) > 200
    for path, line, place, key in uses:
        assert key in Catalog(place), f"{path.name}:{line}: {place}.{key} is not in the locale files"


def test_a_text_is_filled_in_and_an_unknown_language_falls_back_to_english():
    catalog = Catalog("ui.app")
    assert catalog("language", "ko") == "언어: 한국어"
    assert catalog("language", "fr") == "Language: English"
    assert "quiz.toml" in catalog("unknown_screen", "en", name="quiz.toml", names="home")


@pytest.mark.parametrize(
    ("environ", "expected"),
    [({"LANG": "ko_KR.UTF-8"}, "ko"), ({"LC_ALL": "en_US.UTF-8", "LANG": "ko_KR"}, "en"), ({}, "en")],
)
def test_the_language_comes_from_the_locale(environ, expected):
    assert language_from_environment(environ) == expected
