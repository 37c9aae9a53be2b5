"""Fixtures for the app's tests: a still cursor, the UTC zone, and helpers to drive the app."""

import pytest
from textual.widgets import Input


@pytest.fixture(autouse=True)
def still_cursor(monkeypatch):
    """Input cursors never blink, so a snapshot can't catch one half-way."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)


@pytest.fixture(autouse=True)
def utc_zone(monkeypatch):
    """Study days are computed in UTC, whatever the machine's zone."""
    monkeypatch.setenv("TZ", "UTC")


@pytest.fixture
def settle():
    """``await settle(app, pilot)``: wait until the app has drawn and every worker (database,
    course) has finished."""

    async def wait(app, pilot) -> None:
        """Pause, wait for the workers, pause."""
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()

    return wait
