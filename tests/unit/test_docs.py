"""The README documents every command and every option of the command line."""

from pathlib import Path

import click
import pytest

from studytrack.cli import cli

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def command_paths(command: click.Command, path: tuple[str, ...] = ("studytrack",)):
    """Every (path, command) below ``command``, depth first."""
    yield path, command
    if isinstance(command, click.Group):
        for name in command.list_commands(click.Context(command)):
            sub = command.get_command(click.Context(command), name)
            yield from command_paths(sub, (*path, name))


COMMANDS = list(command_paths(cli))


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_and_option_is_in_the_readme(path, command):
    if not isinstance(command, click.Group) or path == ("studytrack",):
        assert f"`{' '.join(path)}" in README, f"{' '.join(path)} is not documented"
    for parameter in command.params:
        if isinstance(parameter, click.Option):
            for name in parameter.opts:
                if name.startswith("--") and name != "--help":
                    assert name in README, f"{' '.join(path)} {name} is not documented"
