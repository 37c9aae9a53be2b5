"""Fault injection against the store: one rule for the whole folder.

Every test here is put in one xdist group (``faults``); with ``--dist loadgroup`` (set in
``pyproject.toml``'s ``addopts``) pytest-xdist runs the whole group on a single worker, one test
after another, so two fault tests never fight over the disk or the CPU with each other. Without
``-n`` they simply run in order. Child processes are made with ``os.fork``: they start in
milliseconds with studytrack already imported (a fresh interpreter costs ~0.3 s); the helpers
are in ``faults_helpers.py``.
"""

from pathlib import Path

import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Put every test of this folder into the one serial xdist group."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.xdist_group("faults"))
            item.add_marker(pytest.mark.serial)
