"""Sentences for the learner, kept as a catalog key and its fields until they are shown.

Judging needs no language: a check or a code run returns ``Message``s, and whoever shows them
puts them into the learner's words with ``text(lang)``. A field may itself be a ``Message`` (a
phrase inside a sentence); it is worded in the same language.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from studytrack.i18n import Catalog


@dataclass(frozen=True)
class Message:
    """One sentence: the key of a text in ``catalog`` and the values its ``{fields}`` show."""

    catalog: Catalog
    key: str
    fields: Mapping[str, object] = field(default_factory=dict)
    """Numbers already formatted as the learner reads them (``num``), names, or nested messages."""

    def text(self, lang: str) -> str:
        """The sentence in ``lang``."""
        filled = {name: value.text(lang) if isinstance(value, Message) else value
                  for name, value in self.fields.items()}
        return self.catalog(self.key, lang, **filled)


def sentences(messages: Iterable[Message], lang: str, separator: str = " ") -> str:
    """``messages`` in ``lang``, joined by ``separator``."""
    return separator.join(message.text(lang) for message in messages)
