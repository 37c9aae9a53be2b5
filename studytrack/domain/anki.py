"""The quiz bank as Anki notes: one note type per quiz type, fields in one or both languages.

Pure: it turns quiz items into the fields, tags and note type of each note; writing the ``.apkg``
with genanki is ``studytrack.store.anki_package``. A learner takes the cards to Anki with
``studytrack export --anki FILE.apkg [--both]``.
"""

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from studytrack.domain.content.quiz import QuizItem
from studytrack.domain.content.text import LocalText

TAG_PREFIX = "studytrack::"
"""Every tag studytrack puts on a note starts with this (Anki shows ``::`` as a tag tree)."""

FLAGGED_TAG = f"{TAG_PREFIX}flagged"
"""The tag of notes whose topic the learner has an open flag on."""

FIELDS: dict[str, tuple[str, ...]] = {
    "choice": ("Prompt", "Choices", "Answer", "Explanation", "Topic", "Item"),
    "truefalse": ("Prompt", "Answer", "Explanation", "Topic", "Item"),
    "numeric": ("Prompt", "Answer", "Explanation", "Topic", "Item"),
    "text": ("Prompt", "Answer", "Explanation", "Topic", "Item"),
}
"""The fields of each note type, one note type per quiz type (``ITEM_TYPES``)."""


@dataclass(frozen=True)
class AnkiNote:
    """One quiz item as an Anki note: its note type, field values (HTML) and tags."""

    item_id: str
    """The quiz item's id: the note's stable identity (its Anki guid is derived from it)."""
    note_type: str
    """The quiz type (``choice``, ``truefalse``, ``numeric``, ``text``): one note type each."""
    fields: tuple[str, ...]
    """The field values, in the order of ``FIELDS[note_type]``."""
    tags: tuple[str, ...]


def note_type_name(quiz_type: str) -> str:
    """The name the note type of ``quiz_type`` has in Anki (``studytrack choice``)."""
    return f"studytrack {quiz_type}"


def topic_tag(topic_id: str) -> str:
    """The tag of a topic: ``studytrack::<topic id>``."""
    return f"{TAG_PREFIX}{topic_id}"


def anki_notes(
    items: Iterable[QuizItem], langs: Sequence[str], flagged_topics: Iterable[str] = ()
) -> list[AnkiNote]:
    """The notes of ``items`` with their texts in ``langs`` (one language, or ``("en", "ko")``
    for both on each card); notes of a topic in ``flagged_topics`` also get ``FLAGGED_TAG``."""
    if not langs:
        raise ValueError("at least one language")
    flagged = set(flagged_topics)
    return [_note(item, langs, item.topic in flagged) for item in items]


def _note(item: QuizItem, langs: Sequence[str], flagged: bool) -> AnkiNote:
    """One quiz item as a note."""
    values = {
        "Prompt": _local(item.prompt, langs),
        "Choices": _choices(item, langs),
        "Answer": _in_languages({lang: item.expected_answer().text(lang) for lang in langs}),
        "Explanation": _local(item.explanation, langs),
        "Topic": html.escape(item.topic),
        "Item": html.escape(item.id),
    }
    tags = (topic_tag(item.topic), FLAGGED_TAG) if flagged else (topic_tag(item.topic),)
    return AnkiNote(item.id, item.type, tuple(values[name] for name in FIELDS[item.type]), tags)


def _choices(item: QuizItem, langs: Sequence[str]) -> str:
    """A choice item's options as a numbered HTML list per language (empty for other types)."""
    if not item.choices:
        return ""
    lists = {
        lang: "<ol>" + "".join(f"<li>{_html(choice.get(lang))}</li>" for choice in item.choices) + "</ol>"
        for lang in langs
    }
    return _wrap(lists)


def _local(text: LocalText, langs: Sequence[str]) -> str:
    """A text of the course in ``langs``, as HTML."""
    return _in_languages({lang: text.get(lang) for lang in langs})


def _in_languages(texts: dict[str, str]) -> str:
    """Plain texts per language as HTML: one block per language when there are several."""
    return _wrap({lang: _html(text) for lang, text in texts.items()})


def _wrap(blocks: dict[str, str]) -> str:
    """HTML blocks per language: the block alone for one language, else each in a ``div lang``."""
    if len(blocks) == 1:
        return next(iter(blocks.values()))
    return "".join(f'<div lang="{lang}">{block}</div>' for lang, block in blocks.items())


def _html(text: str) -> str:
    """Plain text as HTML: escaped, line breaks kept."""
    return html.escape(text.strip()).replace("\n", "<br>")
