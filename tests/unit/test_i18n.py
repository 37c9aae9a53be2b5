"""Every learner-facing UI text exists in English and Korean, with the same keys and placeholders.

A text that counts something is a plural table (``{ by = "count", one = …, other = … }``): its
forms are proven to share the fields of the other language, and English says "1 problem" but
"2 problems" wherever a text once said "problem(s)".
"""

import ast
import re
import string
from pathlib import Path

import pytest

import studytrack
from studytrack.i18n import (
    LANGUAGES,
    PLURAL_BY,
    Catalog,
    is_plural_table,
    language_from_environment,
    locale_table,
    plural_form,
)

HANGUL = re.compile(r"[가-힣]")
PACKAGE = Path(studytrack.__file__).parent


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def flatten(table: dict, prefix: str = "") -> dict[str, str | dict[str, str]]:
    """Every text by its dotted key; a plural table is one text (its forms kept together)."""
    out: dict[str, str | dict[str, str]] = {}
    for key, value in table.items():
        if isinstance(value, dict) and not is_plural_table(value):
            out.update(flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def forms(text: str | dict[str, str]) -> dict[str, str]:
    """The wordings of a text: ``{"other": text}`` for a plain text, each plural form for a table."""
    if isinstance(text, str):
        return {"other": text}
    return {form: wording for form, wording in text.items() if form != PLURAL_BY}


def test_both_locale_files_have_the_same_keys_and_fields():
    english, korean = (flatten(locale_table(lang)) for lang in LANGUAGES)
    assert len(english) > 300
    assert set(english) == set(korean), set(english) ^ set(korean)
    for key, text in english.items():
        wanted = fields(forms(text)["other"])
        for lang, entry in (("en", text), ("ko", korean[key])):
            for form, wording in forms(entry).items():
                assert wording.strip(), f"{key} has no {lang} text ({form})"
                assert fields(wording) == wanted, f"{key} ({lang}, {form}) has other fields than the English"
                if lang == "ko":
                    assert HANGUL.search(wording) or wording == forms(text)["other"], f"{key}: no Hangul"


def test_every_plural_table_names_a_field_of_its_texts_and_has_the_forms_of_its_language():
    tables = 0
    for lang in LANGUAGES:
        for key, text in flatten(locale_table(lang)).items():
            if isinstance(text, dict):
                tables += 1
                assert text[PLURAL_BY] in fields(text["other"]), f"{key} ({lang}): 'by' names no field of the text"
                if lang == "en":
                    assert set(forms(text)) == {"one", "other"}, f"{key}: English needs the forms one and other"
    assert tables >= 16


def test_no_english_text_hedges_a_plural_with_s_in_brackets():
    for key, text in flatten(locale_table("en")).items():
        for wording in forms(text).values():
            assert "(s)" not in wording, f"{key} still says (s): make it a plural table"


@pytest.mark.parametrize(
    ("place", "key", "number", "others", "one", "two"),
    [
        ("cli.content", "count", "count", {}, "1 problem found.", "2 problems found."),
        ("cli.exercise", "more_output", "count", {}, "1 more line not shown", "2 more lines not shown"),
        ("cli.review", "retention", "reviews", {"percent": 100, "target": 90},
         "of 1 review coming", "of 2 reviews a day"),
        ("domain.exercises.checks", "rate_diverged", "step", {"lr": "2", "loss": "9e9"},
         "after 1 step the", "after 2 steps the"),
        ("domain.exercises.code", "shape", "size", {"call": "f(1)", "wanted": "3"},
         "returned 1 number;", "returned 2 numbers;"),
        ("domain.exercises.code", "same_shape", "size", {}, "1 number, the shape", "2 numbers, the shape"),
        ("ui.screens.stats", "retention_value", "reviews", {"percent": 100, "correct": 1, "target": 90},
         "of 1 review coming", "of 2 reviews a day"),
        ("store.doctor", "foreign_keys", "count", {"restore": "r"}, "1 row points at a row", "2 rows point at rows"),
        ("domain.exercises.model", "hint_range", "count", {"exercise": "e"}, "has 1 hint:", "has 2 hints:"),
        ("domain.exercises.plots", "status_converged", "steps", {}, "after 1 step", "after 2 steps"),
        ("cli.review", "open_flags", "count", {}, "1 open flag", "2 open flags"),
        ("cli.review", "active_days", "count", {"weeks": 12}, "1 active day in", "2 active days in"),
        ("cli.review", "exercises_solved", "total", {"solved": 1}, "1 of 1 exercise solved", "1 of 2 exercises solved"),
        ("ui.screens.stats", "active_days", "count", {"weeks": 12}, "1 active day in", "2 active days in"),
        ("ui.screens.home", "due_reviews", "count", {}, "1 review", "2 reviews"),
        ("ui.screens.home", "due_flags", "count", {}, "1 flag", "2 flags"),
        ("ui.widgets.check_feedback", "more_output", "count", {}, "1 more line)", "2 more lines)"),
        ("ui.widgets.mastery_map", "exercises", "count", {"solved": 1},
         "1 of 1 exercise solved", "1 of 2 exercises solved"),
    ],
)
def test_english_says_one_thing_but_two_things(place, key, number, others, one, two):
    catalog = Catalog(place)
    assert one in catalog(key, "en", **{number: 1}, **others)
    assert two in catalog(key, "en", **{number: 2}, **others)
    assert two in catalog(key, "en", **{number: "2"}, **others), "a number already written out counts too"
    assert one in catalog(key, "en", **{number: "1"}, **others)
    korean = catalog(key, "ko", **{number: 1}, **others)
    assert HANGUL.search(korean) and "1" in korean


def test_the_plural_form_of_a_number_in_each_language():
    assert [plural_form("en", n) for n in (0, 1, 2, 1.0, 1.5, "1", "01", "11")] == [
        "other", "one", "other", "one", "other", "one", "other", "other"]
    assert {plural_form("ko", n) for n in (0, 1, 2)} == {"other"}
    assert plural_form("en", True) == "other", "a flag is not a count"


def catalog_uses() -> list[tuple[Path, int, str, str, set[str] | None]]:
    """(file, line, place, key, field names) for every ``NAME("key", …)`` call on a module-level
    ``Catalog`` and every ``Message(NAME, "key", {…})``; the names are None where they are not
    written out at the call (``**fields``, a dict built elsewhere)."""
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
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            args = node.args
            if node.func.id in places and args and isinstance(args[0], ast.Constant):
                names = {word.arg for word in node.keywords}
                uses.append((path, node.lineno, places[node.func.id], args[0].value,
                             None if None in names else names))
            elif (node.func.id == "Message" and len(args) >= 2 and isinstance(args[0], ast.Name)
                  and args[0].id in places and isinstance(args[1], ast.Constant)):
                given = args[2] if len(args) > 2 else None
                written = given is None or (isinstance(given, ast.Dict) and all(
                    isinstance(name, ast.Constant) for name in given.keys))
                names = set() if given is None else {name.value for name in given.keys} if written else None
                uses.append((path, node.lineno, places[args[0].id], args[1].value, names))
    return uses


def test_every_key_the_code_asks_for_exists():
    uses = catalog_uses()
    assert len(uses) > 200
    for path, line, place, key, _ in uses:
        assert key in Catalog(place), f"{path.name}:{line}: {place}.{key} is not in the locale files"


def test_every_call_of_a_plural_text_gives_the_number_it_is_chosen_by():
    checked = 0
    for path, line, place, key, names in catalog_uses():
        text = Catalog(place).entries.get(key, {}).get("en")
        if isinstance(text, dict) and names is not None:
            checked += 1
            assert text[PLURAL_BY] in names, f"{path.name}:{line}: {place}.{key} needs the field {text[PLURAL_BY]}"
    assert checked >= 5


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


PLAIN_STYLE = re.compile(r"(니다|십시오|(한|는|이|된|있|없|했|됐|싶|않|였|었)다)(?![가-힣])|[함됨둠음임]\.")
"""Endings of another politeness level than 해요체: 합니다/아닙니다 (formal), 한다/이다 (plain), or a
sentence cut to a noun form (…함. …됨. …음.); a short label without a full stop ("좋음") is fine."""

PARTICLE_AFTER_FIELD = re.compile(
    r"\}['\"’”]?(은|는|이|가|을|를|와|과|로|으로|예요|이에요|이라|라는)|\((으|이|을|를|은|는|가|과|와)\)")
"""A particle glued to a ``{field}`` (or its closing quote), whose right form depends on whether the
value ends in a consonant (받침): '{value}'는 is wrong for '2026-13-01'. A counter in between
({count}개를) or a noun ('{value}' 값은) makes it right for every value; "을(를)" hedges are out too."""


def korean_texts() -> list[tuple[str, str]]:
    """(key, wording) of every Korean text, each plural form on its own."""
    return [(key, wording) for key, text in flatten(locale_table("ko")).items() for wording in forms(text).values()]


def test_korean_keeps_one_politeness_level_throughout():
    slips = [f"{key}: {match.group(0)!r} in {wording!r}" for key, wording in korean_texts()
             for match in PLAIN_STYLE.finditer(wording)]
    assert not slips, "\n".join(slips)


def test_no_korean_particle_depends_on_the_value_of_a_field():
    slips = [f"{key}: {match.group(0)!r} in {wording!r}" for key, wording in korean_texts()
             for match in PARTICLE_AFTER_FIELD.finditer(wording)]
    assert not slips, "\n".join(slips)


def test_the_scans_catch_the_slips_they_are_for():
    assert PLAIN_STYLE.search("'{text}'는 수가 아닙니다.") and PLAIN_STYLE.search("만들고 싶다")
    assert PLAIN_STYLE.search("{confused}개는 열어 둠.") and not PLAIN_STYLE.search("좋음")
    assert PARTICLE_AFTER_FIELD.search("'{value}'는 안 돼요") and PARTICLE_AFTER_FIELD.search("{path}를 읽어요")
    assert PARTICLE_AFTER_FIELD.search("{wanted}을(를)") and not PARTICLE_AFTER_FIELD.search("{count}개를")


def test_english_spells_the_verb_practise_and_the_noun_practice():
    for key, text in flatten(locale_table("en")).items():
        for wording in forms(text).values():
            assert not re.search(r"\b(to|or|and|you|then|p) practice\b", wording), f"{key}: the verb is 'practise'"
            noun = re.search(r"\b(a|the|as|your|of) practise\b|\bPractise:", wording)
            assert not noun, f"{key}: the noun is 'practice'"


def test_counts_that_are_often_one_read_right_in_english():
    """One learner in a cohort, a one-minute budget, a one-card deck, one review forecast."""
    share, review = Catalog("cli.share"), Catalog("cli.review")
    assert "1 learners" not in share("report", "en", learners=1, skipped=1, course="c")
    assert "(learners: 1, files skipped: 0)" in share("html_written", "en", path="r.html", learners=1, skipped=0)
    assert review("due_header", "en", day="d", condition="okay", estimated=1, budget=1).endswith("of your 1 minute.")
    assert review("due_header", "en", day="d", condition="okay", estimated=1, budget=20).endswith("20 minutes.")
