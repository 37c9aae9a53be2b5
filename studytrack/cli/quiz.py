"""``studytrack quiz list`` and ``quiz check``: the quiz bank from the command line."""

import click

from studytrack.cli.common import echo_json, pass_session
from studytrack.errors import UnknownIdError
from studytrack.i18n import Catalog
from studytrack.session import Session

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
        require_topic(course, topic, session.lang)
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
    from studytrack.domain.content.text import did_you_mean  # noqa: PLC0415

    # Deferred: the store imports sqlite-utils (~100 ms). --help and --version never need it.
    from studytrack.store.answers import record_answer  # noqa: PLC0415

    course = session.course()
    item = course.quiz_item(item_id)
    if item is None:
        hint = did_you_mean(item_id, [i.id for i in course.quiz_items], session.lang)
        raise UnknownIdError(TEXT("unknown_item", session.lang, item_id=item_id, hint=hint))
    result = check_quiz_answer(item, answer, session.lang)
    record_answer(session.db(), item, result, session.now())
    if as_json:
        echo_json(result.to_json())
        return
    click.echo(result.feedback)
    if result.explanation:
        click.echo(TEXT("explanation", session.lang, text=result.explanation))


COMMANDS = (quiz,)
"""The commands this module adds to ``studytrack``."""
