"""What every ``studytrack`` command shares: the session it works on and JSON output (one line
messages and readable arguments are ``cli.lines``, which needs no click)."""

import click

from studytrack.cli.lines import json_text
from studytrack.session import Session

pass_session = click.make_pass_decorator(Session)
"""Gives a command the shared ``Session``."""


def echo_json(document: object) -> None:
    """Print one JSON document on stdout, and nothing else."""
    click.echo(json_text(document))
