"""Learner-facing UI text in English and Korean, read from ``locales/en.toml`` and ``locales/ko.toml``.

Each module names its place in those files (``Catalog("ui.screens.exercise")``) and looks texts
up by key; course text lives in ``content/`` instead. Both files have the same keys and the
same ``{fields}`` (a test proves it). The files are read once, on the first lookup.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

LANGUAGES = ("en", "ko")
"""The languages every learner-facing text exists in."""

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
"""Where ``en.toml`` and ``ko.toml`` live."""


@cache
def locale_table(lang: str) -> dict[str, Any]:
    """The whole locale file of ``lang`` as nested tables (read once per process)."""
    with (LOCALES_DIR / f"{lang}.toml").open("rb") as file:
        return tomllib.load(file)


def _section(lang: str, place: str) -> dict[str, str]:
    """The texts at ``place`` (a dotted path of tables) in ``lang``; nested tables left out."""
    table: Any = locale_table(lang)
    for part in place.split("."):
        table = table[part]
    return {key: value for key, value in table.items() if isinstance(value, str)}


class Catalog:
    """The texts of one place in the code, each filled in with ``str.format`` fields."""

    def __init__(self, place: str):
        self.name = place
        """The dotted table name in the locale files (``ui.screens.exercise``)."""

    @property
    def entries(self) -> Mapping[str, Mapping[str, str]]:
        """key → {"en": text, "ko": text}, for every key of this place."""
        by_lang = {lang: _section(lang, self.name) for lang in LANGUAGES}
        return {key: {lang: by_lang[lang][key] for lang in LANGUAGES if key in by_lang[lang]} for key in by_lang["en"]}

    def __contains__(self, key: str) -> bool:
        return key in _section("en", self.name)

    def __call__(self, key: str, lang: str, /, **fields: object) -> str:
        """The text for ``key`` in ``lang`` (English when ``lang`` is unknown), filled in."""
        texts = _section(lang if lang in LANGUAGES else "en", self.name)
        text = texts.get(key) or _section("en", self.name)[key]
        return text.format(**fields) if fields else text


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """``ko`` when the locale is Korean (``ko*``), else ``en``."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(name, "")
        if value:
            return "ko" if value.lower().startswith("ko") else "en"
    return "en"
