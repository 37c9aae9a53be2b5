"""What every studytrack screen shares: texts in the app's language, relabelled live; reading its
data in a worker; topic titles, flagging a topic and opening a practice quiz; and a key's change
laid out in the frame that follows it (``layouts_posted``)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual.binding import ActiveBinding
from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import Screen
from textual.worker import Worker, get_current_worker

from studytrack.i18n import Catalog
from studytrack.store.progress import practice_topics
from studytrack.ui.keys import footer_bindings, labelled
from studytrack.ui.widgets.one_layout import FreshCompositor

if TYPE_CHECKING:
    from textual.widget import Widget

    from studytrack.ui.app import StudyApp

TEXT = Catalog("ui.screens.base")

HELP_ACTIONS = ("help", "help_typing")
"""The actions that open the help: the footer lists their keys first."""

LAYOUT_ROUNDS = 3
"""Turns of the event loop a key's handler gives the widgets it changed (a widget asks the screen
for its layout when it next runs, and a footer key shown asks in the turn after)."""


async def layouts_posted(screen: Screen[Any]) -> None:
    """Let the widgets a key changed ask the screen for their layout before the screen goes
    idle: otherwise the frame clock draws a frame of the focus change alone (the whole screen, or a
    feedback's new text in its old, empty line) and lays the changed widgets out in another one a
    tick (16 ms) or more later. Called at the end of a key's handler (review answer and undo, an
    exercise check or hint), after its changes; no frame is drawn meanwhile (``batch_update``: a
    frame clock already running would otherwise draw one between two turns). The screen is then
    prompted: a key's action runs in the app's task, so the screen may have gone idle during the
    batch, when it starts no frame clock, and would draw nothing until some other event came."""
    with screen.app.batch_update():
        for _ in range(LAYOUT_ROUNDS):
            await asyncio.sleep(0)
    screen.check_idle()


def focus_without_repaint() -> Reactive[Widget | None]:
    """A screen's ``focused`` as Textual's, minus the whole-screen repaint on a focus move: the
    widgets whose look depends on the focus restyle and redraw themselves (the review and exercise
    screens, where a key moves the focus and the repaint was a frame of its own)."""
    return Reactive(None, repaint=False)


Loaded = TypeVar("Loaded")
"""What a screen's ``read`` function returns and its ``show`` function takes."""


def read_then_show(app: StudyApp, read: Callable[[], Loaded], show: Callable[[Loaded], object],
                   failed: Callable[[], object] | None = None) -> None:
    """A thread worker's body: ``read``, then ``show`` what it returned on the UI thread, unless a
    newer load replaced this worker. A failure is reported by the app and ``show`` is not called;
    ``failed`` (if given) is called first, on the UI thread."""
    with app.reporting_errors():
        try:
            loaded = read()
        except BaseException:
            if failed is not None:
                app.call_from_thread(failed)
            raise
        if not get_current_worker().is_cancelled:
            app.call_from_thread(show, loaded)


class StudyScreen(Screen[None]):
    """A screen that speaks the app's language and can be redrawn in the other one.

    A screen keeps what it shows in its own attributes: ``compose`` builds the widgets with the
    texts of the current language and ``show_state`` fills them from those attributes, so a
    language switch is a recompose followed by ``show_state``.
    """

    TEXT: Catalog | None = None
    """The screen's own texts."""

    COALESCE_RESIZES: ClassVar[bool] = False
    """Lay the screen out once for a burst of resize events (``_screen_resized``)."""

    app: StudyApp

    resize_to: Size | None = None
    """The size of the latest resize event not laid out yet (``COALESCE_RESIZES``)."""

    def __init__(self, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        """Textual's screen, with a compositor that does not lay the screen out twice per frame."""
        super().__init__(name, id, classes)
        self._compositor = FreshCompositor()

    def _screen_resized(self, size: Size) -> None:
        """Lay the screen out for a new terminal size; with ``COALESCE_RESIZES``, once for a burst
        of resize events: Textual lays out and redraws the whole screen on each, and a start
        brings two to four in a row (a big first screen pays for each)."""
        if not (self.COALESCE_RESIZES and self.stack_updates and self.is_attached):
            self.lay_out_for(size)
            return
        first = self.resize_to is None
        self.resize_to = size
        if first:
            self.call_later(self.resize_now)

    def resize_now(self) -> None:
        """Lay the screen out for the last size of the burst (``_screen_resized``)."""
        size, self.resize_to = self.resize_to, None
        if size is not None:
            self.lay_out_for(size)

    def lay_out_for(self, size: Size) -> None:
        """Lay the screen out for ``size``, but not again at the size it is laid out at already:
        Textual sends a screen a resize event after its first layout, which would lay the whole
        screen out a second time before its first frame. For ``COALESCE_RESIZES`` this is asked
        once the burst is over, at its last size (asked at each event, a burst of a new size then
        the current one would keep the layout of the new size)."""
        if not (self.is_attached and size == self._compositor.size):
            super()._screen_resized(size)

    @property
    def lang(self) -> str:
        """The language the app speaks now."""
        return self.app.lang

    def t(self, key: str, **fields: object) -> str:
        """The screen's text ``key`` in the current language."""
        assert self.TEXT is not None
        return self.TEXT(key, self.lang, **fields)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys that work now, described in the app's language (what the footer lists), the
        help's key first so that a narrow footer never cuts it off."""
        return self.footer_order(super().active_bindings)

    def footer_keys(self) -> dict[str, ActiveBinding]:
        """``active_bindings`` as far as the footer lists them (``footer_bindings``: the keys
        shown, worked out alone)."""
        return self.footer_order(footer_bindings(self))

    def footer_order(self, keys: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
        """``keys`` described in the app's language, the help's key first."""
        keys = labelled(keys, self.lang)
        first = {key: active for key, active in keys.items() if active.binding.action in HELP_ACTIONS}
        return first | {key: active for key, active in keys.items() if key not in first}

    async def change_language(self) -> None:
        """Redraw every text in the app's (new) language, keeping what the screen shows."""
        focused = self.focused.id if self.focused is not None else None
        await self.recompose()
        self.show_state()
        if focused and self.query(f"#{focused}"):
            self.query_one(f"#{focused}").focus()
        self.refresh_bindings()

    def show_state(self) -> None:
        """Fill the widgets from the screen's attributes (after compose or a language switch)."""

    def help_note(self) -> str:
        """What the screen's figures mean, for its help (``?``); "" when its keys say it all."""
        return ""

    def refresh_data(self) -> None:
        """Read again what another process may have changed (ctrl+r, coming back to the app)."""

    # ── reading data off the UI thread ──────────────────────────────────────────────────

    def load_in_worker(
        self, read: Callable[[], Loaded], show: Callable[[Loaded], object], group: str = "load"
    ) -> Worker[None]:
        """Call ``read`` in a thread worker, then ``show`` with what it returned, on the UI thread.

        ``read`` opens the database and the course and queries them, so the screen stays
        responsive meanwhile. A failure is reported by the app (the message screen or a
        notification), and ``show`` is not called. A newer load of the same ``group`` cancels an
        older one, whose result is then dropped. ``show`` may be a coroutine function.
        """
        return self.run_worker(
            lambda: read_then_show(self.app, read, show), group=group, exclusive=True, thread=True
        )

    # ── shared by the screens that list topics ──────────────────────────────────────────

    def topic_title(self, topic_id: str) -> str:
        """A topic's title in the current language (its id when the course lacks it)."""
        topic = self.app.course().topic(topic_id)
        return topic.title.get(self.lang) if topic else topic_id

    def open_practice(self, topics: list[str]) -> None:
        """A practice quiz on ``topics`` (answers recorded, the review schedule unmoved), titled
        with the first two."""
        titles = ", ".join(self.topic_title(topic) for topic in topics[:2])
        if len(topics) > 2:
            titles += " …"
        self.app.open_quiz(list(topics), title=TEXT("practise_title", self.lang, topics=titles),
                           practice=True)

    def practise_weak_topics(self, nothing: str) -> None:
        """A practice quiz on the topics to practise (wrong lately, or flagged), read in a worker;
        ``nothing``: what to say when there are none yet."""
        app = self.app
        self.load_in_worker(lambda: practice_topics(app.db(), app.course()),
                            lambda topics: self.open_practice(topics) if topics else self.notify(nothing),
                            group="practise")

    def flag_topic(self, topic_id: str, title: str) -> None:
        """Ask for a category and a note (the flag dialog), then flag ``topic_id``, shown as
        ``title``."""
        # Deferred: the dialog and its widgets cost ~8 ms to import; Home's first frame needs neither.
        from studytrack.ui.dialogs.flag import FlagDialog  # noqa: PLC0415

        self.app.push_screen(FlagDialog(title), lambda answer: self.save_flag(topic_id, title, answer))

    def save_flag(self, topic_id: str, title: str, answer: tuple[str, str] | None) -> None:
        """Store the flag the dialog returned (nothing when the learner cancelled)."""
        if answer is None:
            return
        # Deferred: the store imports sqlite-utils and numpy (~100 ms); Home's first frame must not.
        from studytrack.store.flags import add_flag  # noqa: PLC0415
        from studytrack.ui.dialogs.flag import TEXT as FLAG_TEXT  # noqa: PLC0415 - the dialog, as above

        category, note = answer
        app = self.app
        with app.reporting_errors():
            add_flag(app.session.learner(self.lang), topic_id, category, note)
            self.notify(FLAG_TEXT("flagged", self.lang, title=title))
