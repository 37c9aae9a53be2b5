"""Sandbox attack files: run one after another (``--dist loadgroup`` keeps this folder on one worker).

Each attack starts processes, fills memory or writes files on purpose; two at once would measure
each other's load instead of the sandbox's limits.
"""

from pathlib import Path

import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Put every test of this folder into one serial xdist group."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.xdist_group("sandbox_attacks"))
            item.add_marker(pytest.mark.serial)
