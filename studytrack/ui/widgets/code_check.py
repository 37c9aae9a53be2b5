"""A code exercise's file line and its check: where the learner's file is (or how to get the
starter files), and the sandbox run of that file in a thread worker.

The check can take seconds, so it runs off the UI thread; when it ends the widget tells the
screen with ``CodeCheck.Finished``. The worker belongs to the screen and the message goes to
the screen, so a check started on one problem still reports after the learner has moved on;
the worker records the check itself, so it is kept even when the learner has left the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from studytrack.domain.exercises.model import CheckResult, Exercise, load_exercises
from studytrack.domain.exercises.workspace import WorkspaceReport, default_workspace, write_workspace
from studytrack.errors import StudytrackError
from studytrack.i18n import Catalog
from studytrack.sandbox.code_check import check_code
from studytrack.sandbox.runner import SandboxUnavailable
from studytrack.store.exercise_attempts import record_exercise_attempt, remember_workspace

if TYPE_CHECKING:
    from studytrack.ui.app import StudyApp

TEXT = Catalog("ui.widgets.code_check")


def shown_path(path: Path) -> str:
    """A path as the learner reads it: under the home folder as ``~/…``."""
    try:
        return "~/" + str(Path(path).relative_to(Path.home()))
    except ValueError:
        return str(path)


def written_note(report: WorkspaceReport, folder: Path, lang: str) -> str:
    """What writing the starter files did: the files written into ``folder``, the learner's kept."""
    lines = []
    if report.written:
        lines.append(TEXT("wrote", lang, names=", ".join(path.name for path in report.written),
                          folder=shown_path(folder)))
    if report.kept:
        lines.append(TEXT("kept", lang, names=", ".join(path.name for path in report.kept)))
    return "\n".join(lines)


@dataclass(frozen=True)
class CodeRun:
    """What one code check needs: the exercise, the learner's file, the seed of its test cases."""

    exercise: Exercise
    path: Path
    seed: int
    lang: str
    since: datetime
    """When the problem appeared or was last checked: the check's seconds count from here."""
    started: datetime
    """When the learner asked for the check: the check is recorded at this time."""
    wall_seconds: float | None = None
    """The sandbox's wall-clock limit (None: its default)."""


class CodeCheck(Static):
    """The line naming the learner's file of one code exercise; it writes the starter files and
    starts the file's check."""

    class Written(Message):
        """The starter files were written (the learner's own kept) into a folder, now remembered."""

        def __init__(self, folder: Path, note: str) -> None:
            """Written into ``folder``; ``note`` says what was written and what kept."""
            super().__init__()
            self.folder = folder
            """The workspace folder."""
            self.note = note
            """What was written and what kept."""

    class Finished(Message):
        """A code check ended: with a result, or with a message saying why there is none."""

        def __init__(self, run: CodeRun, result: CheckResult | None, problem: str) -> None:
            """``run`` ended with ``result`` (None when the sandbox could not run it: ``problem``)."""
            super().__init__()
            self.run = run
            """What was checked."""
            self.result = result
            """The check, or None."""
            self.problem = problem
            """Why there is no result ("" when there is one)."""

    app: StudyApp

    workspace: reactive[Path | None] = reactive(None, init=False)
    """The folder of the learner's files, once there is one."""

    def __init__(self, exercise: Exercise, workspace: Path | None, lang: str, *, id: str | None = None):
        """The file line of ``exercise`` in ``workspace`` (None: not written yet), in ``lang``."""
        super().__init__(id=id)
        self.exercise = exercise
        """The code exercise."""
        self.lang = lang
        """The language of the line."""
        self.set_reactive(CodeCheck.workspace, workspace)
        self.update(self.file_line())

    def watch_workspace(self) -> None:
        """The starter files were written somewhere: name the file there."""
        self.update(self.file_line())

    def file_line(self) -> str:
        """Where the learner's file is, or how to write it."""
        if self.workspace is None:
            return TEXT("no_workspace", self.lang, folder=shown_path(default_workspace()))
        return TEXT("your_file", self.lang, path=shown_path(self.workspace / self.file_name))

    @property
    def file_name(self) -> str:
        """The name of the learner's file."""
        assert self.exercise.code is not None
        return self.exercise.code.file

    def missing_file(self) -> str:
        """Why there is no file to check ("" when it is there)."""
        if self.workspace is None:
            return TEXT("no_workspace", self.lang, folder=shown_path(default_workspace()))
        path = self.workspace / self.file_name
        return "" if path.is_file() else TEXT("no_file", self.lang, path=shown_path(path))

    def write_starters(self) -> None:
        """Write every code exercise's starter file (never over the learner's own) into the
        workspace (by default a folder in the home folder) and remember the folder."""
        app = self.app
        with app.reporting_errors():
            folder = (self.workspace or default_workspace()).expanduser().resolve()
            course = app.course()
            report = write_workspace(load_exercises(course.root, course.topic_ids), folder)
            remember_workspace(app.db(), folder, app.session.now())
            self.workspace = folder
            self.post_message(self.Written(folder, written_note(report, folder, self.lang)))

    def start(self, seed: int, since: datetime, started: datetime, wall_seconds: float | None) -> None:
        """Check the learner's file on the test cases of ``seed`` in a thread worker of the screen."""
        assert self.workspace is not None
        run = CodeRun(self.exercise, self.workspace / self.file_name, seed, self.lang, since, started,
                      wall_seconds)
        screen = self.screen
        screen.run_worker(partial(self.run_check, run, screen), name=f"check {run.path.name}",
                          group="exercise-code-check", exclusive=True, thread=True)

    @staticmethod
    def run_check(run: CodeRun, screen: Screen[object]) -> None:
        """Run the file in the sandbox and record the check (off the UI thread), then post
        ``Finished`` to ``screen``."""
        result, problem = None, ""
        try:
            result = check_code(run.exercise, run.path, run.seed, wall_seconds=run.wall_seconds,
                                database=cast("StudyApp", screen.app).session.db_path)
        except (SandboxUnavailable, OSError) as error:
            problem = TEXT("sandbox_unavailable", run.lang, reason=error)
        except StudytrackError as error:
            problem = error.text(run.lang)
        if result is not None:
            app = cast("StudyApp", screen.app)
            with app.reporting_errors():
                record_exercise_attempt(app.db(), result.exercise, result.seed, result.raw_answers(),
                                        result.outcome, run.started, difficulty=result.difficulty,
                                        seconds=max(0.0, (run.started - run.since).total_seconds()))
        screen.post_message(CodeCheck.Finished(run, result, problem))
