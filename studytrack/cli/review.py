"""Reviewing at your own pace from the command line: ``due``, ``review``, ``checkin``, ``break``,
``undo`` and ``stats``. Each command is a thin face of the store (``studytrack.store.plan``,
``breaks``, ``undo``, ``stats`` …)."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from studytrack.cli.common import echo_json, pass_session
from studytrack.cli.fast import due_document
from studytrack.domain.planning.days import relative_day
from studytrack.errors import StudytrackError
from studytrack.i18n import Catalog
from studytrack.session import Session
from studytrack.vocabulary import Condition, choices

if TYPE_CHECKING:
    from collections.abc import Sequence

    from studytrack.store.stats import ReviewStats
    from studytrack.store.undo import UndoneEntry

CONDITIONS = choices(Condition)
"""The check-in choices."""

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
"""A date as the commands take it: YYYY-MM-DD."""

BAR = 20
"""Width of a full bar in ``stats``."""

TEXT = Catalog("cli.review")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@pass_session
def due(session: Session, as_json: bool) -> None:
    """Show today's session: reviews (most forgotten first), flags and new items, sized to your
    check-in and your daily minutes."""
    lang = session.lang
    plan, document = due_document(session)
    if as_json:
        echo_json(document)
        return
    header = "due_header_done" if plan.done_minutes else "due_header"
    click.echo(TEXT(header, lang, day=document["day"], condition=TEXT(plan.condition, lang),
                    estimated=_minutes(plan.estimated_minutes), budget=_minutes(plan.budget_minutes),
                    done=_minutes(plan.done_minutes)))
    click.echo(plan.note().text(lang))
    if plan.items:
        click.echo("\n" + TEXT("reviews", lang, count=len(plan.items)))
        for row in document["items"]:
            recall = TEXT("recall", lang, percent=round(row["retrievability"] * 100))
            click.echo(f"  {row['id']}  [{row['topic']}]  {recall}")
    if plan.flag_ids:
        click.echo("\n" + TEXT("flags", lang, count=len(plan.flag_ids)))
        for row in document["flags"]:
            note = f"  — {row['note']}" if row["note"] else ""
            click.echo(f"  {TEXT('flag_line', lang, flag_id=row['id'])}  [{row['topic']}]{note}")
    if plan.new_items:
        click.echo("\n" + TEXT("new", lang, count=len(plan.new_items),
                               lessons=", ".join(plan.new_lessons)))
        for row in document["new"]:
            click.echo(f"  {row['id']}  [{row['topic']}]")
    if plan.items or plan.new_items:
        click.echo("\n" + TEXT("how_to_answer", lang))


@click.command()
@pass_session
@click.pass_context
def review(ctx: click.Context, session: Session) -> None:
    """Open the app on the review screen (today's session)."""
    # Deferred: the app imports Textual (~200 ms). --help and --version never need it.
    from studytrack.ui.app import run_app  # noqa: PLC0415

    ctx.exit(run_app(session, initial_screen="review"))


@click.command()
@click.argument("condition", type=click.Choice(CONDITIONS))
@click.option("--json", "as_json", is_flag=True, help="Print the check-in as JSON.")
@pass_session
def checkin(session: Session, condition: str, as_json: bool) -> None:
    """Say how you feel today (good, okay or low); today's session is sized to it."""
    # Deferred: the store imports sqlite-utils (~100 ms). --help and --version never need it.
    from studytrack.store.journal import check_in  # noqa: PLC0415
    from studytrack.store.settings import day_settings  # noqa: PLC0415

    db, now = session.db(), session.now()
    day = day_settings(db).day(now)
    done = check_in(session.learner().at(now), day, condition)
    if as_json:
        echo_json({"day": done.day, "condition": done.condition, "created_at": done.created_at})
    else:
        click.echo(TEXT("checked_in", session.lang, day=done.day,
                        condition=TEXT(condition, session.lang)))


@click.command("break")
@click.argument("start", required=False)
@click.argument("end", required=False)
@click.option("--cancel", "cancel_id", type=int, metavar="BREAK_ID",
              help="Cancel planned break BREAK_ID instead (see 'studytrack breaks').")
@click.option("--json", "as_json", is_flag=True, help="Print the planned (or cancelled) break as JSON.")
@pass_session
def plan_break_command(
    session: Session, start: str | None, end: str | None, cancel_id: int | None, as_json: bool
) -> None:
    """Plan a break from START to END (YYYY-MM-DD, both included): nothing piles up meanwhile.
    With --cancel BREAK_ID, cancel a planned break instead."""
    # Deferred: the store imports sqlite-utils (~100 ms). --help and --version never need it.
    from studytrack.store.breaks import cancel_break, plan_break  # noqa: PLC0415

    lang = session.lang
    if cancel_id is not None:
        if start is not None:
            raise click.UsageError(TEXT("cancel_takes_no_dates", lang))
        cancelled = cancel_break(session.learner(), cancel_id)
        if as_json:
            echo_json(cancelled.to_json())
        else:
            click.echo(TEXT("break_cancelled", lang, break_id=cancelled.id,
                            start=cancelled.start_day, end=cancelled.end_day))
        return
    if start is None or end is None:
        raise click.UsageError(TEXT("break_needs_dates", lang))
    first, last = _date(start, lang), _date(end, lang)
    planned = plan_break(session.learner(), first, last)
    if as_json:
        echo_json(planned.to_json())
    else:
        click.echo(TEXT("break_planned", lang, start=planned.start_day, end=planned.end_day,
                        break_id=planned.id))


@click.command("breaks")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@pass_session
def list_breaks(session: Session, as_json: bool) -> None:
    """List the planned breaks not over yet (a cancelled one is gone), earliest first."""
    # Deferred: the store imports sqlite-utils (~100 ms). --help and --version never need it.
    from studytrack.store.breaks import upcoming_breaks  # noqa: PLC0415
    from studytrack.store.settings import day_settings  # noqa: PLC0415

    db, lang = session.db(), session.lang
    today = day_settings(db).day(session.now())
    found = upcoming_breaks(db, today)
    if as_json:
        echo_json([pause.to_json() for pause in found])
        return
    if not found:
        click.echo(TEXT("no_breaks", lang))
        return
    for pause in found:
        click.echo(TEXT("break_line", lang, break_id=pause.id, start=pause.start_day,
                        end=pause.end_day, days=(pause.end_day - pause.start_day).days + 1,
                        when=relative_day(pause.start_day, today).text(lang)))


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print what was undone as JSON.")
@pass_session
def undo(session: Session, as_json: bool) -> None:
    """Undo your latest entry of today: an answer, a check-in, a goal, a rating, a break, or a
    flag made, edited, deleted or resolved. Says what it undid; each call goes one further back,
    never past the start of the study day, never an imported record."""
    # Deferred: the store imports sqlite-utils (~100 ms). --help and --version never need it.
    from studytrack.store.undo import undo_latest  # noqa: PLC0415

    lang = session.lang
    undone = undo_latest(session.learner())
    if as_json:
        echo_json({"undone": None if undone is None else _undone_json(undone, lang)})
    elif undone is None:
        click.echo(TEXT("nothing_to_undo", lang))
    else:
        click.echo(undone.describe(lang))


def _undone_json(undone: UndoneEntry, lang: str) -> dict[str, Any]:
    """What ``undo --json`` prints of an undone entry: the journal entry, what it was in words,
    and for a review its item, flag, topic and outcome."""
    entry = undone.entry
    row = entry.row or entry.previous or {}
    document: dict[str, Any] = {**entry.to_json(), "text": undone.describe(lang)}
    if entry.kind == "review":
        document.update(kind=row.get("kind"), item=row.get("item_id"), flag=row.get("flag_id"),
                        topic=row.get("topic_id"), outcome=row.get("outcome"))
    return document


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@pass_session
def stats(session: Session, as_json: bool) -> None:
    """Show honest progress: mastery per topic, the days you studied, true retention, the
    coming reviews and your flags over time."""
    # Deferred: the store imports sqlite-utils (~100 ms). --help and --version never need it.
    from studytrack.domain.progress.standing import CALENDAR_WEEKS  # noqa: PLC0415
    from studytrack.store.outline_cache import course_outline  # noqa: PLC0415
    from studytrack.store.settings import desired_retention  # noqa: PLC0415
    from studytrack.store.stats import review_stats  # noqa: PLC0415

    db, lang = session.db(), session.lang
    outline = course_outline(db, session.content_dir)
    found = review_stats(db, outline, session.now(), _exercise_topics(session, outline.topic_ids))
    document = _stats_json(found, lang)
    if as_json:
        echo_json(document)
        return
    _echo_mastery(found, lang)

    click.echo("\n" + TEXT("calendar", lang, weeks=CALENDAR_WEEKS))
    names = TEXT("weekdays", lang).split()
    for weekday in range(7):
        marks = "".join(
            "█" if count else "·" for day, count in found.calendar if day.weekday() == weekday
        )
        click.echo(f"  {names[weekday]:<4}{marks}")
    active = sum(1 for _, count in found.calendar if count)
    click.echo("  " + TEXT("active_days", lang, count=active,
                           weeks=CALENDAR_WEEKS))

    retention = found.retention
    if retention.rate is None:
        click.echo("\n" + TEXT("no_retention", lang))
    else:
        click.echo("\n" + TEXT("retention", lang, percent=round(retention.rate * 100),
                               reviews=retention.reviews,
                               target=round(desired_retention(db) * 100)))

    click.echo("\n" + TEXT("forecast", lang, days=len(found.forecast)))
    peak = max((day.planned for day in found.forecast), default=0)
    for day in found.forecast:
        click.echo(f"  {day.day.isoformat()} {names[day.day.weekday()]:<4}"
                   f"{_bar(day.planned, peak)} {day.planned}")

    click.echo("\n" + TEXT("flag_history", lang))
    for point in found.flags:
        click.echo(f"  {point.day.isoformat()}  "
                   f"{TEXT('flag_point', lang, open=point.open, resolved=point.resolved)}")


def _echo_mastery(found: ReviewStats, lang: str) -> None:
    """The mastery part of ``stats``: a bar per topic with what it counts, solved exercises, open
    flags, then what to look at next."""
    click.echo(TEXT("mastery", lang))
    width = max((len(t.topic_id) for t in found.mastery.topics), default=0)
    for topic in found.mastery.topics:
        solved = ([TEXT("exercises_solved", lang, solved=topic.exercises_solved, total=topic.exercises)]
                  if topic.exercises else [])
        if topic.mastery is None:
            click.echo(f"  {topic.topic_id:<{width}}  {'':{BAR}}    -  "
                       f"{', '.join([TEXT('no_items', lang), *solved])}")
            continue
        parts = [TEXT("mastery_line", lang, answered=topic.cards, items=topic.items,
                      right=topic.right), *solved]
        if topic.open_flags:
            parts.append(TEXT("open_flags", lang,
                              count=topic.open_flags))
        click.echo(f"  {topic.topic_id:<{width}}  {_bar(topic.mastery, 1.0)}"
                   f" {round(topic.mastery * 100):>3}%  {', '.join(parts)}")
    if found.mastery.suggestions:
        click.echo("\n" + TEXT("suggestions", lang))
        for suggestion in found.mastery.suggestions:
            click.echo(f"  {suggestion.topic_id} — {suggestion.why.text(lang)}")


def _stats_json(found: ReviewStats, lang: str) -> dict[str, Any]:
    """``studytrack stats --json``: every part of the stats as plain values."""
    return {
        "day": found.day.isoformat(),
        "mastery": [
            {"topic": t.topic_id, "items": t.items, "cards": t.cards, "right": t.right,
             "mean_retrievability": _rounded(t.mean_retrievability),
             "open_flags": t.open_flags, "mastery": _rounded(t.mastery),
             "exercises": t.exercises, "exercises_solved": t.exercises_solved}
            for t in found.mastery.topics
        ],
        "suggestions": [
            {"topic": s.topic_id, "reason": s.reason, "text": s.why.text(lang)}
            for s in found.mastery.suggestions
        ],
        "calendar": [{"day": day.isoformat(), "actions": count} for day, count in found.calendar],
        "retention": {"reviews": found.retention.reviews, "correct": found.retention.correct,
                      "rate": _rounded(found.retention.rate)},
        "forecast": [{"day": d.day.isoformat(), "due": d.due, "planned": d.planned}
                     for d in found.forecast],
        "flags": [{"day": p.day.isoformat(), "open": p.open, "resolved": p.resolved}
                  for p in found.flags],
    }


def _exercise_topics(session: Session, topic_ids: Sequence[str]) -> dict[str, str]:
    """Exercise id → topic id of the course's exercises, for the solved counts of ``stats``;
    empty when the exercise files have problems (``content validate`` reports those).
    ``topic_ids``: the course's, from the cached outline (parsing the course costs ~40 ms)."""
    # Deferred: reading the exercise files costs a few ms; only ``stats`` needs it.
    from studytrack.domain.exercises.topics import exercise_topics  # noqa: PLC0415

    return exercise_topics(session.content_dir, topic_ids)


def _date(text: str, lang: str) -> date:
    """A YYYY-MM-DD argument as a date; a one-line error otherwise."""
    if DATE.match(text.strip()):
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            pass
    raise StudytrackError(TEXT("bad_date", lang, value=text))


def _minutes(value: float) -> str:
    """Minutes as a person reads them: ``5``, ``2.5``."""
    return f"{value:.1f}".removesuffix(".0")


def _rounded(value: float | None) -> float | None:
    """A ratio to 4 decimals for JSON."""
    return None if value is None else round(value, 4)


def _bar(value: float, full: float) -> str:
    """A bar of ``BAR`` cells, ``value / full`` of it filled with █."""
    filled = 0 if full <= 0 else round(BAR * min(max(value / full, 0.0), 1.0))
    return "█" * filled + "░" * (BAR - filled)


COMMANDS = (due, review, checkin, plan_break_command, list_breaks, undo, stats)
"""The commands this module adds to ``studytrack``."""
