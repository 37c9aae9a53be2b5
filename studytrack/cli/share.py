"""``studytrack share`` (a learner writes an anonymous summary for the instructor, after seeing it)
and ``studytrack cohort report`` (the instructor reads the class's share files)."""

import sys
from pathlib import Path
from typing import Any

import click

from studytrack.cli.common import echo_json, pass_session
from studytrack.errors import StudytrackError
from studytrack.i18n import Catalog
from studytrack.session import Session

TEXT = Catalog("cli.share")

REPORT_ROWS = 5
"""How many rows of each part the plain-text report prints (the HTML and JSON have them all)."""


def on_terminal() -> bool:
    """True when a person can be asked (standard input is a terminal)."""
    return sys.stdin.isatty()


@click.command()
@click.option("--out", type=click.Path(path_type=Path),
              help="The file to write (default: studytrack-share-ID.json in this folder).")
@click.option("--with-notes", is_flag=True, help="Include your flag notes and what-made-it-click notes.")
@click.option("--yes", is_flag=True, help="Write without asking (for scripts).")
@click.option("--json", "as_json", is_flag=True, help="Print the written file's path and contents as JSON.")
@pass_session
def share(session: Session, out: Path | None, with_notes: bool, yes: bool, as_json: bool) -> None:
    """Write an anonymous summary of your study for your instructor, after showing it to you."""
    # Deferred: the store and the exercise checks import sqlite-utils and numpy (~150 ms).
    from studytrack.domain.share.format import default_share_name, share_json, write_text_atomically  # noqa: PLC0415
    from studytrack.domain.share.preview import preview_lines  # noqa: PLC0415
    from studytrack.store.share import share_document  # noqa: PLC0415

    lang = session.lang
    if not yes and not on_terminal():
        raise StudytrackError(TEXT("no_terminal", lang))
    document = share_document(session.db(), session.course(), session.now(), with_notes=with_notes)
    path = out or Path(default_share_name(document["learner"]))
    if path.is_dir():
        raise StudytrackError(TEXT("out_is_folder", lang, path=path))
    if not yes:
        for line in preview_lines(document, lang):
            click.echo(line, err=as_json)
        question = TEXT("replaces" if path.exists() else "confirm", lang, path=path)
        if not click.confirm(question, default=False, err=as_json):
            click.echo(TEXT("cancelled", lang), err=True)
            return
    try:
        write_text_atomically(path, share_json(document))
    except OSError as error:
        raise StudytrackError(TEXT("unwritable", lang, path=path, reason=error.strerror or error)) from error
    if as_json:
        echo_json({"path": str(path), "share": document})
    else:
        click.echo(TEXT("written", lang, path=path))


@click.group()
def cohort() -> None:
    """For instructors: read the share files of a class."""


@cohort.command("report")
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--html", "html_out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report as one self-contained HTML page.")
@click.option("--json", "as_json", is_flag=True, help="Print the aggregates as one JSON document.")
@pass_session
def report(session: Session, inputs: tuple[Path, ...], html_out: Path | None, as_json: bool) -> None:
    """Report on the share files FILES_OR_DIRS (folders are searched for *.json)."""
    # Deferred: exercise titles come from the exercise files, whose checks import numpy (~60 ms).
    from studytrack.domain.exercises.model import load_exercises  # noqa: PLC0415
    from studytrack.domain.share.cohort import CohortFileChangedError, cohort_report, share_paths  # noqa: PLC0415
    from studytrack.domain.share.format import write_text_atomically  # noqa: PLC0415
    from studytrack.domain.share.html import Labels, render_report  # noqa: PLC0415

    lang = session.lang
    if not inputs:
        raise StudytrackError(TEXT("no_files", lang))
    course = session.course()
    try:
        found, skipped = cohort_report(share_paths(inputs), course.id, [lesson.id for lesson in course.lessons],
                                       course.topic_ids)
    except CohortFileChangedError as error:
        raise StudytrackError(TEXT("changed", lang, path=error)) from error
    for item in skipped:
        click.echo(TEXT("skipped", lang, path=item.path, reason=item.refusal.text(lang)), err=True)
    if html_out is not None:
        titles = {exercise.id: exercise.title.get(lang) for exercise in load_exercises(course.root, course.topic_ids)}
        try:
            write_text_atomically(html_out, render_report(found, Labels(course, lang, titles)))
        except OSError as error:
            raise StudytrackError(TEXT("unwritable", lang, path=html_out, reason=error.strerror or error)) from error
        click.echo(TEXT("html_written", lang, path=html_out, learners=found.learners, skipped=found.skipped),
                   err=as_json)
    if as_json:
        echo_json(found.to_json())
    elif html_out is None:
        _print_report(found.to_json(), lang)


def _print_report(document: dict[str, Any], lang: str) -> None:
    """The report as a few lines of text: the top rows of each part."""
    click.echo(TEXT("report", lang, learners=document["learners"], skipped=document["skipped"],
                    course=document["course"]["id"]))
    click.echo(TEXT("report_lessons", lang))
    for row in document["lessons"]:
        click.echo(f"  {row['lesson']}: {row['too_easy']} / {row['just_right']} / {row['too_hard']}")
    click.echo(TEXT("report_flags", lang))
    flagged = sorted((row["open"] + row["resolved"], category, row["topic"])
                     for category, rows in document["flagged_topics"].items() for row in rows)
    for total, category, topic in sorted(flagged, key=lambda entry: -entry[0])[:REPORT_ROWS]:
        click.echo(f"  {topic} [{category}]: {total}")
    click.echo(TEXT("report_quiz", lang))
    for row in document["hardest_quiz"][:REPORT_ROWS]:
        click.echo(f"  {row['item']}: {row['rate']:.0%}, n = {row['n']}")
    click.echo(TEXT("report_exercises", lang))
    for row in document["exercises"][:REPORT_ROWS]:
        click.echo(f"  {row['exercise']}: {row['solved']} / {row['learners']}")
    click.echo(TEXT("report_mastery", lang))
    for row in document["mastery"][:REPORT_ROWS]:
        click.echo(f"  {row['topic']}: {row['median']:.0%} ({row['q1']:.0%}–{row['q3']:.0%})")


COMMANDS = (share, cohort)
"""The commands this module adds to ``studytrack``."""
