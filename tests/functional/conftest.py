"""Fixtures for the app's tests: a still cursor, the UTC zone, and helpers to drive the app."""

from typing import Any

import pytest
from textual.app import App

from studytrack.ui.app import StudyApp


@pytest.fixture(autouse=True)
def still_cursor(monkeypatch):
    """Text cursors never blink (the app's public setting), so a snapshot can't catch one half-way."""
    monkeypatch.setattr(StudyApp, "CURSOR_BLINK", False)


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


@pytest.fixture
def notifications(monkeypatch):
    """``shown = notifications(app)``: a list that every message ``app.notify`` shows from then on
    is added to (Textual keeps its own list private). Call it before the notification happens."""

    def watch(app: App) -> list[str]:
        """Start recording ``app``'s notifications; returns the list they go to."""
        shown: list[str] = []
        show = app.notify

        def notify(message: str, *args: Any, **kwargs: Any) -> None:
            shown.append(str(message))
            show(message, *args, **kwargs)

        monkeypatch.setattr(app, "notify", notify)
        return shown

    return watch


@pytest.fixture
def binding_lookups(monkeypatch) -> list[tuple[str, bool]]:
    """Every key the app looks up in its bindings from now on, as (key, whether among the
    priority ones: before the key goes to the focused widget)."""
    looked_up: list[tuple[str, bool]] = []
    check_bindings = App._check_bindings

    async def counted(self, key: str, priority: bool = False) -> bool:
        looked_up.append((key, priority))
        return await check_bindings(self, key, priority)

    monkeypatch.setattr(App, "_check_bindings", counted)
    return looked_up
