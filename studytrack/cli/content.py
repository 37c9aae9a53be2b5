"""``studytrack content validate``: check a course folder before learners see it."""

from pathlib import Path

import click

from studytrack.cli.common import pass_session
from studytrack.errors import StudytrackError
from studytrack.i18n import Catalog
from studytrack.session import Session

TEXT = Catalog("cli.content")


@click.group()
def content() -> None:
    """Work with course folders."""


@content.command()
@click.argument("directory", required=False,
                type=click.Path(file_okay=False, path_type=Path))
@pass_session
@click.pass_context
def validate(ctx: click.Context, session: Session, directory: Path | None) -> None:
    """Report every problem in a course folder as path:line: message (exit 1 if any; a folder
    that does not exist: one line, exit 2)."""
    # Deferred: the course modules cost ~30 ms. --help and --version never need it.
    from studytrack.domain.content.course import read_course  # noqa: PLC0415
    from studytrack.domain.content.validate import validate_content  # noqa: PLC0415

    root = directory or session.content_dir
    if not root.is_dir():
        raise StudytrackError(TEXT("missing_folder", session.lang, root=root))
    problems = validate_content(root)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(TEXT("count", session.lang, count=len(problems)), err=True)
        ctx.exit(1)
    course, _ = read_course(root)
    assert course is not None, "a folder without problems always reads as a course"
    click.echo(TEXT("clean", session.lang, root=root, lessons=len(course.lessons),
                    topics=len(course.topics)))


COMMANDS = (content,)
"""The commands this module adds to ``studytrack``."""
