"""Learner-facing UI text in English and Korean, read from ``locales/en.toml`` and ``locales/ko.toml``.

Each module names its place in those files (``Catalog("ui.screens.exercise")``) and looks texts
up by key; course text lives in ``content/`` instead. Both files have the same keys and the
same ``{fields}`` (a test proves it). The files are read once, on the first lookup.

A text that counts something may be a plural table instead of a string: ``by`` names the field
that holds the number and each plural form of the language has its wording, e.g.
``count = { by = "count", one = "{count} problem found.", other = "{count} problems found." }``.
English has the forms ``one`` and ``other``; Korean needs only ``other`` (or a plain string).
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Mapping
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import Any

from studytrack.paths import beside_bytecode, write_whole

LANGUAGES = ("en", "ko")
"""The languages every learner-facing text exists in."""

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
"""Where ``en.toml`` and ``ko.toml`` live."""


@cache
def locale_table(lang: str) -> dict[str, Any]:
    """The whole locale file of ``lang`` as nested tables (read once per process).

    Parsing the TOML costs ~15 ms a language, on every command; so the parsed tables are kept as
    Python keeps bytecode (``_compiled_path``: ``locales/__pycache__``, or under
    ``PYTHONPYCACHEPREFIX``), stamped with the file's size and modification time, and read back
    with ``marshal`` (~0.3 ms). A stale, damaged or unwritable copy only costs the parse."""
    source = LOCALES_DIR / f"{lang}.toml"
    stamp = _source_stamp(source)
    compiled = _compiled_path(source)
    with suppress(OSError, ValueError, EOFError, TypeError):
        cached_stamp, table = marshal.loads(compiled.read_bytes())
        if cached_stamp == stamp and isinstance(table, dict):
            return table
    # Deferred: tomllib costs ~5 ms to import, paid only when the compiled copy is missing or stale.
    import tomllib  # noqa: PLC0415

    with source.open("rb") as file:
        table = tomllib.load(file)
    if not sys.dont_write_bytecode:
        write_whole(compiled, marshal.dumps((stamp, table)))
    return table


def _source_stamp(source: Path) -> tuple[int, int]:
    """What tells a compiled copy of ``source`` is current: its size and modification time (ns)."""
    status = source.stat()
    return status.st_size, status.st_mtime_ns


def _compiled_path(source: Path) -> Path:
    """Where the compiled copy of the locale file ``source`` lives, where Python would put the
    bytecode of a module beside it (``sys.pycache_prefix`` honoured), named for this Python."""
    return beside_bytecode(source.parent, f"{source.name}.{sys.implementation.cache_tag}.marshal")


Text = str | Mapping[str, str]
"""One entry of a locale table: a text, or a plural table (``by``, then one text per plural form)."""

PLURAL_BY = "by"
"""The key of a plural table that names the field holding the number."""

PLURAL_FORMS = frozenset({"zero", "one", "two", "few", "many", "other"})
"""The plural form names a plural table may use (Unicode CLDR's); ``other`` is always there."""


def plural_form(lang: str, number: object) -> str:
    """The plural form ``lang`` uses for ``number``: English says one of 1, otherwise other."""
    if lang == "en" and _is_one(number):
        return "one"
    return "other"


def _is_one(number: object) -> bool:
    """Whether ``number`` (an int, a float, or a number already written out as text) is exactly 1."""
    if isinstance(number, str):
        return number.strip() == "1"
    return isinstance(number, int | float) and not isinstance(number, bool) and number == 1


def is_plural_table(value: object) -> bool:
    """Whether a locale entry is a plural table rather than a table of more texts."""
    return (isinstance(value, dict) and "other" in value and PLURAL_BY in value
            and set(value) <= PLURAL_FORMS | {PLURAL_BY} and all(isinstance(text, str) for text in value.values()))


@cache
def _section(lang: str, place: str) -> dict[str, Text]:
    """The texts at ``place`` (a dotted path of tables) in ``lang``; nested tables of texts left out.
    Built once per place and language (the tables never change once read): callers only read it."""
    table: Any = locale_table(lang)
    for part in place.split("."):
        table = table[part]
    return {key: value for key, value in table.items() if isinstance(value, str) or is_plural_table(value)}


def _choose(text: Text, lang: str, fields: Mapping[str, object]) -> str:
    """The wording of ``text`` for ``fields``: a plural table picks the form of its ``by`` field's number."""
    if isinstance(text, str):
        return text
    form = plural_form(lang, fields[text[PLURAL_BY]])
    return text.get(form) or text["other"]


class Catalog:
    """The texts of one place in the code, each filled in with ``str.format`` fields."""

    def __init__(self, place: str):
        self.name = place
        """The dotted table name in the locale files (``ui.screens.exercise``)."""

    @property
    def entries(self) -> Mapping[str, Mapping[str, Text]]:
        """key → {"en": text, "ko": text}, for every key of this place (a text may be a plural table)."""
        by_lang = {lang: _section(lang, self.name) for lang in LANGUAGES}
        return {key: {lang: by_lang[lang][key] for lang in LANGUAGES if key in by_lang[lang]} for key in by_lang["en"]}

    def __contains__(self, key: str) -> bool:
        return key in _section("en", self.name)

    def __call__(self, key: str, lang: str, /, **fields: object) -> str:
        """The text for ``key`` in ``lang`` (English when ``lang`` is unknown), filled in.

        A plural text picks its wording by the number in the field its table names, so
        ``TEXT("count", "en", count=1)`` says "1 problem" and ``count=2`` says "2 problems".
        """
        lang = lang if lang in LANGUAGES else "en"
        texts = _section(lang, self.name)
        text = _choose(texts.get(key) or _section("en", self.name)[key], lang, fields)
        return text.format(**fields) if fields else text


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """``ko`` when the locale is Korean (``ko*``), else ``en``."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(name, "")
        if value:
            return "ko" if value.lower().startswith("ko") else "en"
    return "en"
