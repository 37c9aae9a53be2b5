"""Learner-facing text in English and Korean.

Each feature keeps its own ``Catalog`` next to the code that shows the text, so two features
never edit the same table; every catalog registers itself, and a test proves that every entry
exists in both languages with the same placeholders.
"""

from collections.abc import Mapping

CATALOGS: list["Catalog"] = []
"""Every catalog created so far (the test of translations walks them)."""


class Catalog:
    """A table of texts, each as ``{"en": ..., "ko": ...}``, filled with ``str.format`` fields."""

    def __init__(self, name: str, entries: Mapping[str, Mapping[str, str]]):
        self.name = name
        """Where the catalog lives, for messages about a missing translation."""
        self.entries = dict(entries)
        """key → {"en": text, "ko": text}."""
        CATALOGS.append(self)

    def __call__(self, key: str, lang: str, /, **fields: object) -> str:
        """The text for ``key`` in ``lang`` (English when ``lang`` is unknown), filled in."""
        texts = self.entries[key]
        text = texts.get(lang) or texts["en"]
        return text.format(**fields) if fields else text
