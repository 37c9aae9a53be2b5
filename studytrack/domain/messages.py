"""Sentences for the learner, kept as a catalog key and its fields until they are shown.

Judging needs no language: a check or a code run returns ``Message``s, and whoever shows them
puts them into the learner's words with ``text(lang)``. A field may itself be a ``Message`` (a
phrase inside a sentence) or any other ``Wording`` (a course text in both languages); it is
worded in the same language.

Both are named tuples (immutable, compared and shown by their fields, as frozen dataclasses would
be): the hot commands word their notes with them, and each dataclass costs ~1 ms at start-up.
"""

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple, Protocol, runtime_checkable

from studytrack.i18n import Catalog


@runtime_checkable
class Wording(Protocol):
    """Anything that can be put into a language when shown: a ``Message``, a course text."""

    def text(self, lang: str) -> str:
        """The wording in ``lang``."""
        ...


class Message(NamedTuple):
    """One sentence: the key of a text in ``catalog`` and the values its ``{fields}`` show."""

    catalog: Catalog
    key: str
    fields: Mapping[str, object] = MappingProxyType({})
    """Numbers already formatted as the learner reads them (``num``), names, or nested wordings."""

    def text(self, lang: str) -> str:
        """The sentence in ``lang``."""
        filled = {name: value.text(lang) if isinstance(value, Wording) else value
                  for name, value in self.fields.items()}
        return self.catalog(self.key, lang, **filled)


class Joined(NamedTuple):
    """Several wordings (or plain strings) shown as one text: a list of choice words, the lines of
    a check's feedback. A ``Wording`` itself, so it may be a field of a ``Message``."""

    parts: tuple[Wording | str, ...]
    separator: str = ", "

    def text(self, lang: str) -> str:
        """The parts in ``lang``, joined by ``separator``."""
        return self.separator.join(part if isinstance(part, str) else part.text(lang) for part in self.parts)
