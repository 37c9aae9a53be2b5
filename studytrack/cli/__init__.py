"""The ``studytrack`` command line (contract: ../shared/DESIGN.md).

``main``, the console script's entry point, first lets the fast path (``cli.fast``) answer the
hot read-only commands in their simple forms without importing click (and ``studytrack`` alone
opens the app without it: ``cli.launch``); every other argument list goes to the click group
(``cli.group``, imported only then). ``studytrack.cli.cli`` is that group,
as before: it is imported on first use of the name. The global options as every early reader of
the arguments takes them (``global_options``) live here too, at no import cost.
"""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studytrack.cli.group import StudytrackGroup

COMMAND_MODULES: dict[str, str] = {
    "backup": "backup", "backups": "backup", "restore": "backup", "doctor": "backup",
    "content": "content",
    "exercise": "exercise",
    "topics": "flags", "flag": "flags", "flags": "flags", "resolve": "flags", "edit-flag": "flags",
    "delete-flag": "flags",
    "quiz": "quiz",
    "due": "review", "review": "review", "checkin": "review", "break": "review", "breaks": "review",
    "undo": "review", "stats": "review",
    "optimize": "schedule", "forecast": "schedule",
    "settings": "settings",
    "share": "share", "cohort": "share",
    "export": "transfer", "import": "transfer",
}
"""Each command of the group → the module of ``studytrack.cli`` that defines it (in its
``COMMANDS``); a test proves the table and the modules agree."""

GLOBAL_OPTIONS = ("--db", "--content", "--lang")
"""The group's options that take a value, which may come before the command (``--version`` and
``--help`` go to click)."""

COMPLETION_VARIABLE = "_STUDYTRACK_COMPLETE"
"""Set by a shell asking click for completions: click's business, nothing is answered early."""


def global_options(tokens: list[str]) -> tuple[dict[str, str], list[str]] | None:
    """``tokens`` split into the global options (each at most once, with a non-empty value not
    starting with ``-``) and the command with its own arguments (at least the command); None for
    any other shape. Takes the tokens it reads off ``tokens``.

    Here, with the entry point, because every early reader of the command line shares it: the
    code check's early start (``early_check``, which must import next to nothing) and the fast
    paths (``fast``, ``exercise_check``); this package is imported before any of them anyway."""
    options: dict[str, str] = {}
    while tokens and tokens[0].startswith("-"):
        name, equals, value = tokens.pop(0).partition("=")
        if name not in GLOBAL_OPTIONS or name in options:
            return None
        if not equals:
            if not tokens:
                return None
            value = tokens.pop(0)
        if not value or value.startswith("-"):
            return None
        options[name] = value
    if not tokens:
        return None
    return options, tokens


def main() -> None:
    """The console-script entry point: the fast path when it answers ``sys.argv``, else the click
    group."""
    if "exercise" in sys.argv[1:]:
        # Deferred: a code check's child starts first, before anything else is imported (it takes
        # longest); no other command imports this.
        from studytrack.cli.early_check import start_early  # noqa: PLC0415

        start_early(sys.argv[1:])
        # Deferred: the check without click or numpy, once its child has started.
        from studytrack.cli.exercise_check import answer as answer_check  # noqa: PLC0415

        status = answer_check(sys.argv[1:])
        if status is not None:
            sys.exit(status)
    if not sys.argv[1:]:
        # Deferred: the app's launch without click (``cli.launch``), for ``studytrack`` alone.
        from studytrack.cli.launch import open_app  # noqa: PLC0415

        status = open_app()
        if status is not None:
            sys.exit(status)
    # Deferred: the fast path's own modules, after the package (and COMMAND_MODULES) is ready.
    from studytrack.cli.fast import answer  # noqa: PLC0415

    status = answer(sys.argv[1:])
    if status is not None:
        sys.exit(status)
    click_group().main()


def click_group() -> "StudytrackGroup":
    """The click group (``cli.group.cli``), imported on first use: click costs about as much as
    Python's own start, and the fast path never needs it."""
    # Deferred: click and the group (~15 ms); see this function's docstring.
    from studytrack.cli.group import cli  # noqa: PLC0415

    return cli


def __getattr__(name: str) -> object:
    """``studytrack.cli.cli``: the click group, imported on first use (``click_group``)."""
    if name == "cli":
        return click_group()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
