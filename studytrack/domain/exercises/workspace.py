"""The learner's workspace for code exercises: a folder with one starter file per code exercise.

Writing it never replaces a file that is already there: the learner's work is theirs. Which
folder is in use is remembered in the store (``store.exercise_attempts.remember_workspace``).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from studytrack.domain.messages import Message
from studytrack.errors import StudytrackError
from studytrack.i18n import Catalog
from studytrack.paths import default_data_dir

if TYPE_CHECKING:
    from studytrack.domain.exercises.model import Exercise

TEXT = Catalog("domain.exercises.workspace")


class WorkspaceError(StudytrackError):
    """The workspace folder cannot be created or written."""


@dataclass(frozen=True)
class WorkspaceReport:
    """What setting up the workspace did: the files it wrote and the learner's files it kept."""

    folder: Path
    written: tuple[Path, ...]
    kept: tuple[Path, ...]


def default_workspace() -> Path:
    """The default workspace: the folder "workspace" in the learner's data folder."""
    return default_data_dir() / "workspace"


def write_workspace(exercises: Iterable["Exercise"], folder: Path) -> WorkspaceReport:
    """Write the starter file of every code exercise into ``folder``, keeping any file already there.

    A file is created only if no file of that name exists (exclusive creation, so not even a
    file appearing meanwhile is replaced). Raises ``WorkspaceError`` when the folder is unusable.
    """
    written: list[Path] = []
    kept: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for exercise in exercises:
            code = exercise.code
            if code is None:
                continue
            target = folder / code.file
            try:
                with target.open("x", encoding="utf-8") as handle:
                    handle.write(code.starter.read_text(encoding="utf-8"))
            except FileExistsError:
                kept.append(target)
                continue
            written.append(target)
    except OSError as error:
        reason = error.strerror or error
        raise WorkspaceError(Message(TEXT, "unusable", {"folder": folder, "reason": reason})) from error
    return WorkspaceReport(folder, tuple(written), tuple(kept))
