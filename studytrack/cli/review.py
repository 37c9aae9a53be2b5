"""Reviewing at your own pace from the command line: ``due``, ``review``, ``checkin``, ``break``,
``undo`` and ``stats``. Each command is a thin face of ``studytrack.store.reviews`` and
``studytrack.store.stats``."""

import re

import click

from studytrack.cli import echo_json, pass_session
from studytrack.i18n import Catalog
from studytrack.session import Session

CONDITIONS = ("good", "okay", "low")
"""The check-in choices (the same list as ``store.journal.CONDITIONS``; a test keeps them equal)."""

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
    from studytrack.clock import to_iso
    from studytrack.store.flags import list_flags
    from studytrack.store.reviews import course_outline, plan_today

    db, lang = session.db(), session.lang
    plan = plan_today(db, course_outline(db, session.content_dir), session.now())
    flags = {flag.id: flag for flag in list_flags(db)} if plan.flag_ids else {}
    document = {
        "day": plan.day.isoformat(),
        "condition": plan.condition,
        "budget_minutes": plan.budget_minutes,
        "estimated_minutes": plan.estimated_minutes,
        "items": [
            {"id": r.item_id, "topic": r.topic_id, "retrievability": round(r.retrievability, 4),
             "due": to_iso(r.due)}
            for r in plan.items
        ],
        "flags": [
            {"id": flags[i].id, "topic": flags[i].topic_id, "category": flags[i].category,
             "note": flags[i].note}
            for i in plan.flag_ids
        ],
        "new": [{"id": n.item_id, "topic": n.topic_id, "lesson": n.lesson_id}
                for n in plan.new_items],
        "note": plan.note(lang),
    }
    if as_json:
        echo_json(document)
        return
    header = "due_header_done" if plan.done_minutes else "due_header"
    click.echo(TEXT(header, lang, day=document["day"], condition=TEXT(plan.condition, lang),
                    estimated=_minutes(plan.estimated_minutes), budget=_minutes(plan.budget_minutes),
                    done=_minutes(plan.done_minutes)))
    click.echo(plan.note(lang))
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
def review(session: Session) -> None:
    """Open the app on the review screen (today's session)."""
    from studytrack.ui.app import make_app

    make_app(session, initial_screen="review").run()


@click.command()
@click.argument("condition", type=click.Choice(CONDITIONS))
@click.option("--json", "as_json", is_flag=True, help="Print the check-in as JSON.")
@pass_session
def checkin(session: Session, condition: str, as_json: bool) -> None:
    """Say how you feel today (good, okay or low); today's session is sized to it."""
    from studytrack.store.journal import check_in
    from studytrack.store.reviews import day_settings

    db, now = session.db(), session.now()
    day = day_settings(db).day(now)
    done = check_in(db, day, condition, now, session.lang)
    if as_json:
        echo_json({"day": done.day, "condition": done.condition, "created_at": done.created_at})
    else:
        click.echo(TEXT("checked_in", session.lang, day=done.day,
                        condition=TEXT(condition, session.lang)))


@click.command("break")
@click.argument("start")
@click.argument("end")
@click.option("--json", "as_json", is_flag=True, help="Print the planned break as JSON.")
@pass_session
def plan_break_command(session: Session, start: str, end: str, as_json: bool) -> None:
    """Plan a break from START to END (YYYY-MM-DD, both included): nothing piles up meanwhile."""
    from studytrack.store.reviews import plan_break

    first, last = _date(start, session.lang), _date(end, session.lang)
    planned = plan_break(session.db(), first, last, session.now(), session.lang)
    if as_json:
        echo_json(planned.to_json())
    else:
        click.echo(TEXT("break_planned", session.lang, start=planned.start_day,
                        end=planned.end_day))


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print what was undone as JSON.")
@pass_session
def undo(session: Session, as_json: bool) -> None:
    """Undo your last review (an answer, a practice answer or a flag review)."""
    from studytrack.store.reviews import undo_last_review

    undone = undo_last_review(session.db(), session.now())
    lang = session.lang
    if as_json:
        echo_json({"undone": None if undone is None else {
            "kind": undone.kind, "item": undone.item_id, "flag": undone.flag_id,
            "topic": undone.topic_id, "outcome": undone.outcome, "created_at": undone.created_at,
        }})
        return
    if undone is None:
        click.echo(TEXT("nothing_to_undo", lang))
    elif undone.kind == "flag":
        click.echo(TEXT("undone_flag", lang, flag_id=undone.flag_id, topic=undone.topic_id))
    else:
        key = {"practice": "undone_practice"}.get(
            undone.kind, "undone_review" if undone.card is not None else "undone_first")
        outcome = TEXT(f"outcome_{undone.outcome}", lang)
        click.echo(TEXT(key, lang, item=undone.item_id, outcome=outcome))


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@pass_session
def stats(session: Session, as_json: bool) -> None:
    """Show honest progress: mastery per topic, the days you studied, true retention, the
    coming reviews and your flags over time."""
    from studytrack.store.reviews import course_outline, desired_retention
    from studytrack.store.stats import CALENDAR_WEEKS, review_stats

    db, lang = session.db(), session.lang
    found = review_stats(db, course_outline(db, session.content_dir), session.now())
    document = _stats_json(found, lang)
    if as_json:
        echo_json(document)
        return
    click.echo(TEXT("mastery", lang))
    width = max((len(t.topic_id) for t in found.mastery.topics), default=0)
    for topic in found.mastery.topics:
        if topic.mastery is None:
            click.echo(f"  {topic.topic_id:<{width}}  {'':{BAR}}    -  {TEXT('no_items', lang)}")
            continue
        parts = [TEXT("mastery_line", lang, answered=topic.cards, items=topic.items)]
        if topic.open_flags:
            parts.append(TEXT("open_flags", lang, count=topic.open_flags))
        click.echo(f"  {topic.topic_id:<{width}}  {_bar(topic.mastery, 1.0)}"
                   f" {round(topic.mastery * 100):>3}%  {', '.join(parts)}")
    if found.mastery.suggestions:
        click.echo("\n" + TEXT("suggestions", lang))
        for suggestion in found.mastery.suggestions:
            click.echo(f"  {suggestion.topic_id} — {suggestion.text(lang)}")

    click.echo("\n" + TEXT("calendar", lang, weeks=CALENDAR_WEEKS))
    names = TEXT("weekdays", lang).split()
    for weekday in range(7):
        marks = "".join(
            "█" if count else "·" for day, count in found.calendar if day.weekday() == weekday
        )
        click.echo(f"  {names[weekday]:<4}{marks}")
    active = sum(1 for _, count in found.calendar if count)
    click.echo("  " + TEXT("active_days", lang, count=active, weeks=CALENDAR_WEEKS))

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


def _stats_json(found, lang: str) -> dict:
    """``studytrack stats --json``: every part of the stats as plain values."""
    return {
        "day": found.day.isoformat(),
        "mastery": [
            {"topic": t.topic_id, "items": t.items, "cards": t.cards,
             "mean_retrievability": _rounded(t.mean_retrievability),
             "open_flags": t.open_flags, "mastery": _rounded(t.mastery)}
            for t in found.mastery.topics
        ],
        "suggestions": [
            {"topic": s.topic_id, "reason": s.reason, "text": s.text(lang)}
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


def _date(text: str, lang: str):
    """A YYYY-MM-DD argument as a date; a one-line error otherwise."""
    from datetime import date

    from studytrack.errors import StudytrackError

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


COMMANDS = (due, review, checkin, plan_break_command, undo, stats)
"""The commands this module adds to ``studytrack``."""
