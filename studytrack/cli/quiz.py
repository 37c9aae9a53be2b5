"""``studytrack quiz list`` and ``quiz check``: the quiz bank from the command line."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from studytrack.cli.common import echo_json, pass_session
from studytrack.domain.messages import Message
from studytrack.errors import UnknownIdError
from studytrack.i18n import Catalog
from studytrack.session import Session

if TYPE_CHECKING:
    from studytrack.domain.content.quiz import QuizItem

TEXT = Catalog("cli.quiz")


@click.group()
def quiz() -> None:
    """List quiz items and check answers."""


@quiz.command("list")
@click.option("--topic", help="Only the items of this topic id.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@pass_session
def list_items(session: Session, topic: str | None, as_json: bool) -> None:
    """List the quiz items (id, topic, type, prompt)."""
    # Deferred: the course modules cost ~30 ms. --help and --version never need it.
    from studytrack.domain.content.course import require_topic  # noqa: PLC0415

    course = session.course()
    if topic is not None:
        require_topic(course, topic)
    lang = session.lang
    rows = [
        {
            "id": item.id,
            "topic": item.topic,
            "type": item.type,
            "section": item.section,
            "prompt": item.prompt.get(lang),
            **({"choices": [c.get(lang) for c in item.choices]} if item.choices else {}),
        }
        for item in course.quiz_items
        if topic is None or item.topic == topic
    ]
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        click.echo(f"{row['id']}  [{row['topic']}, {row['type']}]\n    {row['prompt']}")
        for number, choice in enumerate(row.get("choices", []), start=1):
            click.echo(f"      {number}. {choice}")


@quiz.command()
@click.argument("item_id")
@click.option("--answer", required=True, help="Your answer: a choice number, true/false, a number or a term.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@pass_session
def check(session: Session, item_id: str, answer: str, as_json: bool) -> None:
    """Check ANSWER to quiz item ITEM_ID; the check is recorded."""
    # Deferred: the course modules cost ~30 ms. --help and --version never need it.
    from studytrack.domain.content.quiz import check_quiz_answer  # noqa: PLC0415

    # Deferred: the store imports sqlite-utils (~100 ms). --help and --version never need it.
    from studytrack.store.answers import record_answer  # noqa: PLC0415

    item = _quiz_item(session, item_id)
    result = check_quiz_answer(item, answer)
    record_answer(session.db(), item, result, session.now())
    if as_json:
        echo_json(result.to_json(session.lang))
        return
    click.echo(result.feedback.text(session.lang))
    if result.explanation:
        click.echo(TEXT("explanation", session.lang, text=result.explanation.get(session.lang)))


def _quiz_item(session: Session, item_id: str) -> QuizItem:
    """Quiz item ``item_id``, or ``UnknownIdError`` naming the closest ids. Read from the quiz
    files that mention it alone: the course's items, topics and sections come from the outline
    cached in the database (``store.outline_cache``, valid only while no course file changed
    since the whole course last loaded without a problem), so neither the lessons nor the other
    quiz files are parsed. Any problem on the way: the whole course is loaded, which says what is
    wrong (``CourseError``) or finds the item."""
    # Deferred: the course modules and the store, as in ``check``.
    from studytrack.domain.content.quiz import read_quiz_items  # noqa: PLC0415
    from studytrack.domain.content.text import did_you_mean  # noqa: PLC0415
    from studytrack.store.outline_cache import course_outline  # noqa: PLC0415

    outline = course_outline(session.db(), session.content_dir)
    known = [known_id for known_id, _, _ in outline.items]
    if item_id not in known:
        raise UnknownIdError(Message(TEXT, "unknown_item", {"item_id": item_id, "hint": did_you_mean(item_id, known)}))
    sections = {f"{lesson}#{topic}" for lesson, topics in outline.lessons for topic in topics}
    items, problems = read_quiz_items(session.content_dir, set(outline.topic_ids), sections,
                                      lambda text: item_id in text)
    found = next((item for item in items if item.id == item_id), None)
    if found is None or problems:
        found = session.course().quiz_item(item_id)
    if found is None:  # the outline and the files disagree: the course changed under us
        raise UnknownIdError(Message(TEXT, "unknown_item", {"item_id": item_id, "hint": ""}))
    return found


COMMANDS = (quiz,)
"""The commands this module adds to ``studytrack``."""
