"""Commands for topics and flags: ``topics``, ``flag``, ``flags``, ``resolve``, ``edit-flag``,
``delete-flag``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from studytrack.cli.common import echo_json, pass_session
from studytrack.cli.fast import flags_document, listed_flags
from studytrack.domain.planning.days import past_day
from studytrack.errors import StudytrackError
from studytrack.i18n import Catalog
from studytrack.session import Session
from studytrack.ui.widgets.flag_words import category_name
from studytrack.vocabulary import FlagCategory, choices

CATEGORIES = choices(FlagCategory)
"""Flag categories; the same list as the store's (a test keeps them equal)."""

TEXT = Catalog("cli.flags")

if TYPE_CHECKING:
    from studytrack.store.flags import Flag


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
@click.option("--note", default="", help="What exactly is confusing (at most 2,000 characters).")
@click.option("--new", "separate", is_flag=True,
              help="Open a separate flag even when TOPIC already has an open one.")
@click.option("--json", "as_json", is_flag=True, help="Print the new (or added-to) flag as JSON.")
@pass_session
def flag(session: Session, topic: str, category: str, note: str, separate: bool, as_json: bool) -> None:
    """Flag TOPIC as something you did not understand, to come back to later.

    When TOPIC already has an open flag, the note is added to that flag instead of opening a
    second one (say so with --new to open a separate flag)."""
    # Deferred: the store (sqlite-utils) and the course modules cost ~130 ms; --help never needs them.
    from studytrack.domain.content.course import require_topic  # noqa: PLC0415
    from studytrack.store.flags import add_flag, add_to_flag, open_flag_on  # noqa: PLC0415

    lang = session.lang
    found = require_topic(session.course(), topic)
    learner = session.learner()
    existing = None if separate else open_flag_on(learner.db, found.id)
    if existing is None:
        made = add_flag(learner, found.id, category, note)
        message = TEXT("flagged", lang, topic=found.id, category=category_name(category, lang), flag_id=made.id)
    else:
        made = add_to_flag(learner, existing.id, note)
        key = "added_to_open" if note.strip() else "already_open"
        message = TEXT(key, lang, topic=found.id, flag_id=existing.id)
    if as_json:
        echo_json(made.to_json())
    else:
        click.echo(message)


@click.command()
@click.option("--all", "include_resolved", is_flag=True, help="Include resolved flags.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@pass_session
def flags(session: Session, include_resolved: bool, as_json: bool) -> None:
    """List open flags, oldest first (--all adds the resolved ones)."""
    found = listed_flags(session, include_resolved)
    if as_json:
        echo_json(flags_document(found))
        return
    if not found:
        click.echo(TEXT("no_flags", session.lang))
        return
    for item in found:
        click.echo(_flag_line(session, item))


def _flag_line(session: Session, item: Flag) -> str:
    """One flag as ``flags`` lists it: id, when in the learner's days and words ("made 3 days
    ago", "resolved today"), topic, category and the note's first line."""
    # Deferred with the store, as in the commands.
    from studytrack.clock import from_iso  # noqa: PLC0415
    from studytrack.store.settings import day_settings  # noqa: PLC0415

    lang = session.lang
    settings = day_settings(session.db())
    today = settings.day(session.now())
    if item.is_open:
        when = TEXT("made_when", lang, when=past_day(settings.day(from_iso(item.created_at)), today).text(lang))
    else:
        resolved = from_iso(str(item.resolved_at))
        when = TEXT("resolved_when", lang, when=past_day(settings.day(resolved), today).text(lang))
    first, _, more = item.note.partition("\n")
    note = f"  — {first}{' …' if more else ''}" if item.note else ""
    return f"{item.id:>4}  {when}  {item.topic_id}  [{category_name(item.category, lang)}]{note}"


@click.command()
@click.argument("flag_id", type=int)
@click.option("--note", default="", help="What made it click.")
@click.option("--json", "as_json", is_flag=True, help="Print the resolved flag as JSON.")
@pass_session
def resolve(session: Session, flag_id: int, note: str, as_json: bool) -> None:
    """Resolve flag FLAG_ID, with a note on what made it click."""
    # Deferred: the store imports sqlite-utils (~100 ms). --help and --version never need it.
    from studytrack.store.flags import resolve_flag  # noqa: PLC0415

    done = resolve_flag(session.learner(), flag_id, note)
    if as_json:
        echo_json(done.to_json())
    else:
        click.echo(TEXT("resolved", session.lang, flag_id=done.id, topic=done.topic_id))


@click.command("edit-flag")
@click.argument("flag_id", type=int)
@click.option("--topic", help="Move the flag to this topic id.")
@click.option("--category", type=click.Choice(CATEGORIES), help="The kind of confusion.")
@click.option("--note", help="The flag's note, replacing the old one (at most 2,000 characters).")
@click.option("--json", "as_json", is_flag=True, help="Print the flag as JSON.")
@pass_session
def edit_flag_command(
    session: Session, flag_id: int, topic: str | None, category: str | None, note: str | None,
    as_json: bool,
) -> None:
    """Correct flag FLAG_ID: move it to another topic, change its category or its note.
    'studytrack undo' takes the change back the same day."""
    # Deferred: the store and the course modules cost ~130 ms; --help never needs them.
    from studytrack.domain.content.course import require_topic  # noqa: PLC0415
    from studytrack.store.flags import edit_flag  # noqa: PLC0415

    lang = session.lang
    topic_id = None if topic is None else require_topic(session.course(), topic).id
    edited = edit_flag(session.learner(), flag_id, topic_id=topic_id, category=category, note=note)
    if as_json:
        echo_json(edited.to_json())
    else:
        click.echo(TEXT("edited", lang, flag_id=edited.id, topic=edited.topic_id,
                        category=edited.category))


@click.command("delete-flag")
@click.argument("flag_id", type=int)
@click.option("--yes", is_flag=True, help="Delete without asking (for scripts).")
@pass_session
def delete_flag_command(session: Session, flag_id: int, yes: bool) -> None:
    """Delete flag FLAG_ID, made by mistake. Asks first on a terminal; --yes for scripts.
    The flag stays in the log: 'studytrack undo' brings it back the same day."""
    # Deferred: the store imports sqlite-utils (~100 ms). --help and --version never need it.
    from studytrack.store.flags import delete_flag, get_flag  # noqa: PLC0415

    lang = session.lang
    target = get_flag(session.db(), flag_id, lang)
    if not yes:
        if not sys.stdin.isatty():
            raise StudytrackError(TEXT("delete_needs_yes", lang, flag_id=flag_id))
        if not click.confirm(TEXT("delete_ask", lang, flag_id=flag_id, topic=target.topic_id),
                             default=False):
            raise StudytrackError(TEXT("delete_kept", lang, flag_id=flag_id))
    deleted = delete_flag(session.learner(), flag_id)
    click.echo(TEXT("deleted", lang, flag_id=deleted.id, topic=deleted.topic_id))


COMMANDS = (topics, flag, flags, resolve, edit_flag_command, delete_flag_command)
"""The commands this module adds to ``studytrack``."""
