"""Commands for topics and flags: ``topics``, ``flag``, ``flags``, ``resolve``."""

import click

from studytrack.cli import echo_json, pass_session
from studytrack.i18n import Catalog
from studytrack.session import Session

CATEGORIES = ("prerequisite", "notation", "intuition", "math", "other")
"""Flag categories; the same list as the store's (a test keeps them equal)."""

TEXT = Catalog("cli.flags")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@pass_session
def topics(session: Session, as_json: bool) -> None:
    """List the course's topic ids with their titles."""
    course = session.course()
    rows = [
        {"id": topic.id, "title": topic.title.get(session.lang), "title_en": topic.title.en,
         "title_ko": topic.title.ko}
        for topic in course.topics
    ]
    if as_json:
        echo_json(rows)
        return
    width = max(len(row["id"]) for row in rows) if rows else 0
    for row in rows:
        click.echo(f"{row['id']:<{width}}  {row['title']}")


@click.command()
@click.argument("topic")
@click.option("--category", type=click.Choice(CATEGORIES), default="other", show_default=True,
              help="What kind of confusion it is.")
@click.option("--note", default="", help="What exactly is confusing.")
@click.option("--json", "as_json", is_flag=True, help="Print the new flag as JSON.")
@pass_session
def flag(session: Session, topic: str, category: str, note: str, as_json: bool) -> None:
    """Flag TOPIC as something you did not understand, to come back to later."""
    from studytrack.domain.content.course import require_topic
    from studytrack.store.flags import add_flag

    found = require_topic(session.course(), topic, session.lang)
    new = add_flag(session.db(), found.id, category, note, session.now(), session.lang)
    if as_json:
        echo_json(new.to_json())
    else:
        click.echo(TEXT("flagged", session.lang, topic=found.id, category=category, flag_id=new.id))


@click.command()
@click.option("--all", "include_resolved", is_flag=True, help="Include resolved flags.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@pass_session
def flags(session: Session, include_resolved: bool, as_json: bool) -> None:
    """List open flags, oldest first (--all adds the resolved ones)."""
    from studytrack.store.flags import list_flags

    found = list_flags(session.db(), include_resolved)
    if as_json:
        echo_json([item.to_json() for item in found])
        return
    if not found:
        click.echo(TEXT("no_flags", session.lang))
        return
    for item in found:
        state = TEXT("open_mark" if item.is_open else "resolved_mark", session.lang)
        note = f"  — {item.note}" if item.note else ""
        click.echo(
            f"{item.id:>4}  {item.created_at[:10]}  {state:<8}  {item.topic_id}  "
            f"[{item.category}]{note}"
        )


@click.command()
@click.argument("flag_id", type=int)
@click.option("--note", default="", help="What made it click.")
@click.option("--json", "as_json", is_flag=True, help="Print the resolved flag as JSON.")
@pass_session
def resolve(session: Session, flag_id: int, note: str, as_json: bool) -> None:
    """Resolve flag FLAG_ID, with a note on what made it click."""
    from studytrack.store.flags import resolve_flag

    done = resolve_flag(session.db(), flag_id, note, session.now(), session.lang)
    if as_json:
        echo_json(done.to_json())
    else:
        click.echo(TEXT("resolved", session.lang, flag_id=done.id, topic=done.topic_id))


COMMANDS = (topics, flag, flags, resolve)
"""The commands this module adds to ``studytrack``."""
