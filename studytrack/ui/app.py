"""The Textual app: wiring only. Every rule lives in the domain, the store and the engine.

``make_app`` is the one factory that builds the app, for the command line and for the tests.
The other screens are imported when first opened (``screen_class``), so start-up loads Home
alone; Home's data is read off the main thread, started before the app (``run_app``, or
``cli.launch`` before Textual is even imported, in a forked child where that is safe; ``on_load``
for an app made otherwise: ``home_data.read_early``), and what
can wait (the day's record care, parsing the whole course) starts once Home is usable.
"""

from __future__ import annotations

import gc
import sqlite3
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding

from studytrack.errors import DatabaseFileError, StudytrackError
from studytrack.i18n import Catalog
from studytrack.store.app_lock import AppLock, hold_app_lock
from studytrack.store.database import run_due_integrity_check
from studytrack.store.outline_cache import CourseGlance, course_glance
from studytrack.ui.home_data import HomeData, read_early
from studytrack.ui.kept_css import KeptStylesheet
from studytrack.ui.screens.base import StudyScreen
from studytrack.ui.screens.home import HomeScreen

if TYPE_CHECKING:
    from textual.screen import Screen

    from studytrack.domain.content.course import Course
    from studytrack.session import Session
    from studytrack.store.connection import StoreDatabase

TEXT = Catalog("ui.app")

NAMED_SCREENS = ("home", "lesson", "quiz", "flags", "exercise", "review", "stats", "share", "mistakes",
                 "exercises", "search")
"""Every screen the app can open by name (``screen_class`` gives its class)."""

RECORD_CARE_DELAY = 0.5
"""Seconds from a usable Home to the day's record care (integrity check, backup, parsing the
whole course): Home's first frames have the interpreter to themselves."""

START_FALLBACK = 3.0
"""Seconds after the app's mount by which the garbage collector runs again and the day's record
care is under way even if Home never became usable (its first read failed with a notice)."""

THEMES = ("textual-dark", "textual-light")
"""The two themes ``ctrl+t`` switches between."""


def screen_class(name: str) -> type[StudyScreen]:
    """The screen class registered as ``name`` in ``NAMED_SCREENS``, imported now.

    Deferred (every import below): the screens import the store, the engine or the sandbox
    (sqlite-utils, numpy: ~100 ms and more), so each is imported when first opened and the
    first frame loads Home alone.
    """
    match name:
        case "home":
            return HomeScreen
        case "lesson":
            from studytrack.ui.screens.lesson import LessonScreen  # noqa: PLC0415 - the course model

            return LessonScreen
        case "quiz":
            from studytrack.ui.screens.quiz import QuizScreen  # noqa: PLC0415 - the store (sqlite-utils)

            return QuizScreen
        case "flags":
            from studytrack.ui.screens.flags import FlagsScreen  # noqa: PLC0415 - the store (sqlite-utils)

            return FlagsScreen
        case "exercise":
            from studytrack.ui.screens.exercise import ExerciseScreen  # noqa: PLC0415 - the engine (numpy)

            return ExerciseScreen
        case "review":
            from studytrack.ui.screens.review import ReviewScreen  # noqa: PLC0415 - the store and the planner

            return ReviewScreen
        case "stats":
            from studytrack.ui.screens.stats import StatsScreen  # noqa: PLC0415 - the store and the charts

            return StatsScreen
        case "share":
            from studytrack.ui.screens.share import ShareScreen  # noqa: PLC0415 - the store and numpy

            return ShareScreen
        case "mistakes":
            from studytrack.ui.screens.mistakes import MistakesScreen  # noqa: PLC0415 - the store, the engine

            return MistakesScreen
        case "exercises":
            from studytrack.ui.screens.exercise_list import ExerciseListScreen  # noqa: PLC0415 - the engine

            return ExerciseListScreen
        case "search":
            from studytrack.ui.screens.search import SearchScreen  # noqa: PLC0415 - the store (sqlite-utils)

            return SearchScreen
    raise KeyError(name)


class StudyApp(App[None]):
    """studytrack's terminal app: home, lessons, quizzes and flags over one shared session."""

    CSS_PATH = "app.tcss"
    TITLE = "studytrack"
    ENABLE_COMMAND_PALETTE = False

    CURSOR_BLINK: ClassVar[bool] = True
    """Whether the cursor of a text field blinks (the tests turn it off, so that a snapshot can't
    catch it half-way)."""

    BINDINGS = [
        Binding("question_mark", "help", "Help"),
        Binding("f1", "help_typing", "Help"),
        Binding("h", "home", "Home", show=False),
        Binding("F", "flags", "Flags", show=False),
        Binding("R", "review", "Review", show=False),
        Binding("S", "stats", "Stats", show=False),
        Binding("M", "mistakes", "Mistakes", show=False),
        Binding("E", "exercises", "Exercises", show=False),
        Binding("slash", "search", "Search", show=False),
        Binding("ctrl+l", "switch_language", "한국어"),
        Binding("ctrl+t", "toggle_theme", "Light/dark", show=False),
        Binding("ctrl+z", "undo_entry", "Undo", show=False),
        Binding("ctrl+r", "refresh", "Refresh", show=False),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, session: Session, initial_screen: str = "home",
                 early_home: Future[HomeData] | None = None):
        """Build the app for ``session``; ``early_home``: Home's read, when already started
        (``read_early``), else it starts as Textual starts (``on_load``)."""
        super().__init__()
        self.stylesheet = KeptStylesheet(variables=self.stylesheet._variables)  # the theme's, as App made them
        self.session = session
        """Where the data and the course are, the language and the clock."""
        self.lang = session.lang
        """The language every screen speaks (``ctrl+l`` switches it for this run only)."""
        self.initial_screen = initial_screen
        """The screen opened over Home at start (a name of ``NAMED_SCREENS``)."""
        self.error_message: str | None = None
        """The database or course problem the message screen shows (None: all is well)."""
        self._data_lock = threading.RLock()
        """Opening the database or the course happens once, whichever thread asks first."""
        self._ui_thread = threading.get_ident()
        """The thread the app runs on (the one that builds it; checked again at mount)."""
        self._early_started = early_home is not None
        """Whether Home's early read was started before the app (else ``on_load`` starts it)."""
        self._early_home: Future[HomeData] = early_home if early_home is not None else Future()
        """Home's data from the early read (its error, if the read failed)."""
        self._record_care_timed = False
        """Whether ``after_home`` has set the day's record care going."""
        self.record_care_started = False
        """Whether the day's record care has started (``start_record_care``)."""
        self._course_glance: CourseGlance | None = None
        """The course's outline and titles, once read (``course_glance``)."""
        self._collector_paused = False
        """Whether ``on_load`` paused the garbage collector (``resume_collector`` undoes it)."""
        self.opening: Screen[Any] | None = None
        """A screen to be opened once its data is read (Stats, ``open_stats``): a second key
        meanwhile opens no second one."""

    def get_default_screen(self) -> HomeScreen:
        """Home is the bottom of the screen stack: ``h`` and escape lead back to it."""
        return HomeScreen()

    def on_load(self) -> None:
        """Start reading Home's data now unless it already is (``run_app`` starts it earlier),
        while Textual starts (styles, terminal, first compose), so that Home's first frame can
        be its usable one.

        Python's cyclic garbage collector is paused until then (``resume_collector``): started,
        it would scan every object of Textual and the store once or twice in the middle of that
        frame (20–80 ms on the 2-core machine); the start leaves little garbage behind.
        """
        self._collector_paused = gc.isenabled()
        gc.disable()
        if not self._early_started:
            self._early_started = True
            self._early_home = read_early(self.session)

    def resume_collector(self) -> None:
        """Switch the garbage collector back on if ``on_load`` paused it (Home is usable, a
        problem is shown, or the app ends), first freezing what the start made (it lives as long
        as the app: no pass of the collector scans it again)."""
        if self._collector_paused:
            self._collector_paused = False
            gc.freeze()
            gc.enable()

    def on_unmount(self) -> None:
        """The app ends: the garbage collector runs again whatever happened."""
        self.resume_collector()

    def early_home_data_within(self, timeout: float) -> HomeData | None:
        """Home's data from the early read, waiting up to ``timeout`` seconds on this thread (Home's
        first compose: the frame has nothing to show without it); None when it is not done by
        then or failed (Home's worker then takes it, and reports the failure)."""
        with suppress(Exception):
            return self._early_home.result(timeout)
        return None

    def early_home_data(self) -> HomeData:
        """Home's data from the early read (``on_load``), once it is done; raises what the read
        raised. It waits: call it in a worker."""
        return self._early_home.result()

    def early_home_data_now(self) -> HomeData | None:
        """Home's data from the early read if it is done and succeeded, else None."""
        future = self._early_home
        return future.result() if future.done() and future.exception() is None else None

    def on_mount(self) -> None:
        """Open the requested first screen over Home."""
        self._ui_thread = threading.get_ident()
        self.theme = THEMES[0]
        # Whatever happens to Home's first read (an error shown as a notice, a very slow disk), the
        # collector runs again and the day's record care starts: ``after_home`` does each once.
        self.set_timer(START_FALLBACK, self.after_home)
        if self.initial_screen != "home":
            self.open_screen(self.initial_screen)

    def after_home(self) -> None:
        """Home is usable: start the day's record care (once) ``RECORD_CARE_DELAY`` later, so it
        does not compete with Home's first frames for the one interpreter."""
        self.resume_collector()
        if not self._record_care_timed and self.error_message is None:  # a problem on screen: nothing more
            self._record_care_timed = True
            self.set_timer(RECORD_CARE_DELAY, self.start_record_care)

    def start_record_care(self) -> None:
        """Run ``look_after_the_record`` in a thread worker."""
        self.record_care_started = True
        self.run_worker(self.look_after_the_record, thread=True, group="record-care", exit_on_error=False)

    def look_after_the_record(self) -> None:
        """The day's integrity check, then the day's automatic backup, off the learner's path;
        then the whole course is parsed, so the first lesson or quiz opens without waiting.

        Damage found stops all writes and shows the message screen; a backup that fails is one
        line the learner sees (``studytrack doctor`` reports it too) and never blocks studying.
        """
        # Deferred: the backup module (~20 ms to import) is needed only once Home is usable.
        from studytrack.store.backup import automatic_backup  # noqa: PLC0415

        with self.reporting_errors():
            path, now = self.session.db_path, self.session.now()
            damage = run_due_integrity_check(self.db(), path, self.lang, now)
            if damage is not None:
                self._on_ui_thread(self.show_error, damage)
                return
            made = automatic_backup(path, now, self.lang)
            if made.status == "failed" and made.message:
                self._on_ui_thread(self.notify, made.message, severity="warning")
            self.course()

    # ── data ────────────────────────────────────────────────────────────────────────────

    def db(self) -> StoreDatabase:
        """The session's database (opened on first use, by one thread at a time)."""
        with self._data_lock:
            return self.session.db()

    def course_glance(self) -> CourseGlance:
        """The course's outline and titles, as Home shows them (read once, from the database's
        cache: ``store.outline_cache.course_glance``; the course, once loaded, is kept the same)."""
        with self._data_lock:
            if self._course_glance is None:
                early = self.early_home_data_now()  # the early read has it
                self._course_glance = early.course if early else course_glance(self.db(), self.session.content_dir)
            return self._course_glance

    def course(self) -> Course:
        """The session's course (loaded on first use, by one thread at a time)."""
        with self._data_lock:
            return self.session.course()

    @contextmanager
    def reporting_errors(self) -> Iterator[None]:
        """Turn a failure into something the learner can read instead of a crash.

        An unusable database or course replaces the screens with the message screen; any other
        problem the learner can fix (an empty goal, a flag resolved meanwhile) is a notification.
        Safe to use in a thread worker.
        """
        # Deferred: the course module (~15 ms to import, tomllib and the quiz model) is not needed
        # before Home is usable (Home reads the course's cached outline).
        from studytrack.domain.content.course import CourseError  # noqa: PLC0415

        try:
            yield
        except (DatabaseFileError, sqlite3.Error) as error:
            message = str(error)
            if isinstance(error, sqlite3.Error):
                message = str(self.session.database_problem(error, self.lang))
            self._on_ui_thread(self.show_error, message)
        except StudytrackError as error:
            if isinstance(error, CourseError):
                self._on_ui_thread(self.show_error, error.text(self.lang))
            else:
                self._on_ui_thread(self.notify, error.text(self.lang), severity="error")

    def _on_ui_thread(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Run ``callback`` on the app's thread, whichever thread this is."""
        if self._ui_thread == threading.get_ident():
            callback(*args, **kwargs)
        else:
            self.call_from_thread(callback, *args, **kwargs)

    def t(self, catalog: Catalog, key: str, **fields: object) -> str:
        """A text of ``catalog`` in the app's language."""
        return catalog(key, self.lang, **fields)

    # ── navigation ──────────────────────────────────────────────────────────────────────

    def open_screen(self, name: str, **kwargs: Any) -> None:
        """Open the screen registered as ``name`` with ``kwargs``; ``home`` goes back to Home."""
        if name not in NAMED_SCREENS:
            self.notify(
                TEXT("unknown_screen", self.lang, name=name, names=", ".join(NAMED_SCREENS)),
                severity="error",
            )
            return
        if name == "home":
            self.action_home()
            return
        self.push_screen(screen_class(name)(**kwargs))

    def open_lesson(self, lesson_id: str, topic_id: str | None = None) -> None:
        """Show a lesson, at the section of ``topic_id`` when given."""
        self.open_screen("lesson", lesson_id=lesson_id, topic_id=topic_id)

    def open_topic(self, topic_id: str) -> None:
        """Show the lesson section that teaches ``topic_id``."""
        with self.reporting_errors():
            section = self.course().section_for_topic(topic_id)
            if section is not None:
                self.open_lesson(section.lesson_id, section.topic_id)

    def open_quiz(self, topics: list[str], title: str = "", practice: bool = False) -> None:
        """Ask the quiz items of ``topics``, one at a time (or say there are none); ``practice``:
        record the answers without moving the schedule."""
        # Deferred: the standing module and the planner under it cost ~35 ms, after the first frame.
        from studytrack.domain.progress.standing import about_topics  # noqa: PLC0415 - as above

        with self.reporting_errors():
            if not about_topics(self.course().quiz_items, topics):
                self.notify(TEXT("no_quiz", self.lang), severity="warning")
                return
            self.open_screen("quiz", topics=topics, title=title, practice=practice)

    def open_exercises(self, topic_id: str) -> None:
        """Open the exercises of ``topic_id``, or say clearly that it has none."""
        # Deferred: the exercises import the engine (numpy, ~400 ms); only this action needs them.
        from studytrack.domain.exercises.model import load_exercises  # noqa: PLC0415
        from studytrack.domain.progress.standing import about_topics  # noqa: PLC0415 - as above

        with self.reporting_errors():
            course = self.course()
            if not about_topics(load_exercises(course.root, course.topic_ids), [topic_id]):
                topic = course.topic(topic_id)
                title = topic.title.get(self.lang) if topic else topic_id
                self.notify(TEXT("no_exercises", self.lang, topic=title))
                return
            self.push_screen(screen_class("exercise")(topic_id))

    def action_home(self) -> None:
        """Go back to Home, closing every screen above it."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def action_flags(self) -> None:
        """Show the flags screen (once: ``F`` on it does nothing more)."""
        if not isinstance(self.screen, screen_class("flags")):
            self.open_screen("flags")

    def action_review(self) -> None:
        """Start today's review session (once: ``R`` on the review screen does nothing more)."""
        if not isinstance(self.screen, screen_class("review")):
            self.open_screen("review")

    def action_stats(self) -> None:
        """Show honest progress (once: ``S`` on the stats screen does nothing more), opened with
        its statistics read (``open_stats``)."""
        if not isinstance(self.screen, screen_class("stats")):
            from studytrack.ui.screens.stats import open_stats  # noqa: PLC0415 - as screen_class

            open_stats(self)

    def open_once(self, name: str) -> None:
        """Open screen ``name`` unless it is the one up already."""
        if not isinstance(self.screen, screen_class(name)):
            self.open_screen(name)

    def action_mistakes(self) -> None:
        """Show the wrong answers, newest first, to try again."""
        self.open_once("mistakes")

    def action_exercises(self) -> None:
        """Show every exercise of the course, to open any of them."""
        self.open_once("exercises")

    def action_search(self) -> None:
        """Search the lessons, the quiz questions and the flag notes."""
        self.open_once("search")

    def action_share(self) -> None:
        """Show what a share file for the instructor would hold, to write it on confirmation."""
        if not isinstance(self.screen, screen_class("share")):
            self.open_screen("share")

    def action_help(self) -> None:
        """Show every key of the current screen and the global ones."""
        # Deferred: the help dialog (and rich's tables) is not part of Home's first frame.
        from studytrack.ui.dialogs.help import HelpDialog  # noqa: PLC0415

        self.push_screen(HelpDialog(self.screen))

    def action_help_typing(self) -> None:
        """The help, from a text field where ``?`` types itself (F1 then opens it)."""
        self.action_help()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only quitting works while the message screen is up: nothing behind it is usable. F1 is
        offered (and shown) only while a text field takes ``?`` as typing."""
        if action == "help_typing":
            return self.error_message is None and self.typing_in_a_field()
        return self.error_message is None or action in ("quit", "help_quit", "help")

    def typing_in_a_field(self) -> bool:
        """True while the focused widget types ``?`` instead of opening the help."""
        focused = self.focused
        return focused is not None and focused.check_consume_key("question_mark", "?")

    # ── app-wide actions ────────────────────────────────────────────────────────────────

    def show_error(self, message: str) -> None:
        """Replace the screens with a clear message (a database or course problem); the first
        problem stays on screen until the learner quits."""
        self.resume_collector()
        if self.error_message is not None:
            return
        # Deferred: the message screen is needed only when something went wrong.
        from studytrack.ui.screens.error import ErrorScreen  # noqa: PLC0415

        self.error_message = message
        self.push_screen(ErrorScreen(message))

    def action_refresh(self) -> None:
        """Reload what another process may have changed (flags made with the command line)."""
        if isinstance(self.screen, StudyScreen):
            self.screen.refresh_data()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A text field that gets the focus keeps its cursor still when ``CURSOR_BLINK`` is off."""
        if self.CURSOR_BLINK:
            return
        # Deferred: only the tests turn the blink off; the first frame has no text field (~5 ms).
        from textual.widgets import Input  # noqa: PLC0415

        if isinstance(event.widget, Input):
            event.widget.cursor_blink = False

    def on_app_focus(self) -> None:
        """Coming back to the terminal shows changes made meanwhile by ``studytrack flag``."""
        self.action_refresh()

    async def action_switch_language(self) -> None:
        """Switch between English and Korean, redrawing every open screen (not stored)."""
        self.lang = "ko" if self.lang == "en" else "en"
        for screen in list(self.screen_stack):
            if isinstance(screen, StudyScreen):
                await screen.change_language()
        self.refresh_bindings()
        self.notify(TEXT("language", self.lang), timeout=2)

    def action_undo_entry(self) -> None:
        """Say what the learner's newest entry of today is (a check-in, a goal, a rating, a break,
        a flag made, edited, deleted or resolved, an answer) and take it back on yes."""
        # Deferred: the store imports sqlite-utils (~100 ms); the first frame needs none of it.
        from studytrack.store.undo import latest_entry  # noqa: PLC0415
        from studytrack.ui.dialogs.confirm import ask_then  # noqa: PLC0415 - a dialog, as above

        entry = None
        with self.reporting_errors():
            entry = latest_entry(self.db(), self.session.now())
        if entry is None:
            self.notify(TEXT("nothing_to_undo", self.lang))
            return
        detail = TEXT("undo_detail", self.lang, what=entry.describe(self.lang))
        ask_then(self, TEXT("undo_question", self.lang), detail, lambda: self.undo_entry(entry.id))

    def undo_entry(self, entry_id: int) -> None:
        """Take back journal entry ``entry_id`` while it is still the newest, say what was undone
        and show the screens again."""
        # Deferred: as in ``action_undo_entry``.
        from studytrack.store.undo import undo_entry  # noqa: PLC0415

        undone = undo_entry(self.session.learner(self.lang), entry_id)
        if undone == "changed":
            self.notify(TEXT("undo_changed", self.lang), severity="warning")
        elif undone is not None:
            self.notify(undone.describe(self.lang))
        for screen in self.screen_stack:
            if isinstance(screen, StudyScreen):
                screen.refresh_data()

    def action_toggle_theme(self) -> None:
        """Switch between the dark and the light theme (not stored)."""
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]


def make_app(session: Session, initial_screen: str = "home", early_home: Future[HomeData] | None = None) -> StudyApp:
    """The app for ``session`` (database path, course folder, language, clock), opening
    ``initial_screen`` (a name of ``NAMED_SCREENS``) over Home; ``early_home``: Home's read, when
    already started (``read_early``)."""
    return StudyApp(session, initial_screen, early_home)


def run_app(session: Session, initial_screen: str = "home", lock: AppLock | None = None,
            early_home: Future[HomeData] | None = None) -> int:
    """Open the app in the terminal until the learner quits; the exit status: 2 when the message
    screen said the database or the course can't be used, else 0. ``lock`` and ``early_home``:
    the app's lock already held and Home's read already started under it (``cli.launch`` does
    both before importing Textual); else both happen here."""
    if lock is None:
        lock = hold_app_lock(session.db_path)
    try:
        app = make_app(session, initial_screen, early_home if early_home is not None else read_early(session))
        app.run()
    finally:
        # what the start froze is the collector's again, so the interpreter's exit finalizes it
        # (the database's connection among it: closed then, its write-ahead log folded back)
        gc.unfreeze()
        lock.release()
    return exit_status(app)


def exit_status(app: StudyApp) -> int:
    """2 when ``app`` ended on the message screen (an unusable database or course), else 0."""
    return 2 if app.error_message is not None else 0
