"""Every key → the updated frame, as ratios to what bare Textual takes for the same change,
measured in the same run, headless at 80×24, on a fresh database and on one with 1,000,000 review
logs:

- in-screen action: Home's check-in (keys 1–3: a write, then what a check-in changes read again
  in a worker and the lines and panels that changed redrawn; the key ends on the frame showing
  Home's new data) ÷ a key that updates one ``Static`` (target ≤ 5);
- in-screen action: a review answer (Enter on the session's first item, a review due again:
  checked, recorded, the card's feedback and the footer's new keys shown) and its undo (``u``:
  the answer taken back, the item asked afresh), each ÷ the same ``Static`` update (target ≤ 5),
  and, for information, each ÷ ``BareCard`` doing the same to the same widgets in plain Textual
  (the framework's floor for that change; compare its CPU-time line: the bare card's answer waits
  for the 60 fps frame clock, which the review screen does not, so its wall time says less);
- in-screen action: on the exercise screen (pick-learning-rate, a fixed seed), Enter on a typed
  learning rate (typed first, untimed, a key per character as the learner types it; then checked
  by the engine, recorded, the feedback and the key line drawn, the box keeping the focus; the
  rates alternate, one right and one wrong), ``h`` (the next hint: the hint, the note and the
  key line), and ``+``/``-`` in the rate playground (descent run again: the rate and how the run
  went), each ÷ the same ``Static`` update (target ≤ 5). These keys end on the frame with their
  text: the plots they change are made and drawn afterwards, in workers; the frame with the plots
  drawn is shown apart, for information ("… with its plots"); and, for information, the check ÷
  ``BareProblem`` making the same change to the same widgets in plain Textual (the framework's
  floor for that change, as ``BareCard`` is for the review's answer);
- next section: a lesson's ``n`` ÷ a key that updates a ``Markdown`` with the same text (≤ 1.2);
- opening Stats: ``S`` on Home → the statistics read in a worker, then the screen pushed with
  them and every panel drawn ÷ a key that pushes a bare screen with the same layout, texts and
  charts (plain Textual and textual-plotext, given what to show) (≤ 1.3);
- opening a screen: ``enter`` on Home's lesson list → the lesson drawn ÷ a key that pushes a bare
  screen with the same widgets (Header, the table of contents as an ``OptionList``, the section's
  ``Markdown`` in a scroll, the hint line, a compact Footer; the app's own stylesheet) (≤ 1.3), and,
  for information, ÷ a bare screen with the same ``Markdown`` alone. The first visit (its imports)
  is shown apart.

Run: python benchmarks/latency.py [PAIRS] [review | home | exercise | stats]  (prints a table; the
README shows the latest figures; ``review``, ``home``, ``exercise``, ``stats``: those rows alone). The
Home and lesson keys are timed once the app's start is over, the day's record care included.

Keys are posted to the app as ``events.Key`` messages (not through ``Pilot.press``, whose idle
waits would add to both sides). A measurement ends when the change is in the app's state (and
every ``Markdown.update`` started meanwhile has finished mounting its blocks, and the app's
workers are done) and the next frame has been drawn. Each figure is the median (min–max) of
PAIRS interleaved pairs: the studytrack key right next to its bare equivalent, after one first
visit (shown apart) and ``WARMUP`` pairs that are not counted.

Both apps run in one event loop, so every timed key, studytrack's and the bare one alike, runs
under the same rules (``quiet``): the other app's timers are paused (its cursor blink, its
screen's refresh), and Python's collector starts from a clean slate (``gc.collect`` then
``gc.freeze``: a full collection of the whole process, owed by whichever side happened to
allocate last, otherwise lands in a random key: 20–80 ms, the 10× swings seen before). The
collector stays on during the key, so the key's own garbage is still collected. Nothing is timed
before the studytrack app is quiescent: Home usable and the day's record care (integrity check,
backup, course parsing, which runs in a thread and would compete for the interpreter) over; and
after every key, timed or not, both apps get ``SETTLE`` seconds to finish what it left behind.
Under each row, for information, the same pairs' ratio of the CPU time the UI thread spent: the
machine's other processes delay a key's frame (the wall time) but not that work.

Textual draws at most ``TEXTUAL_FPS`` frames a second (60): a change waits for the next tick of
the screen's frame clock, 0–16.7 ms depending on where the key fell, which on a 3–10 ms bare key
swings its time (and every ratio) several-fold. ``TEXTUAL_FPS=1000 python benchmarks/latency.py``
takes that wait out of both sides alike (the pairs of one run then lie within about 2.5× of
each other instead of 10–20×, though a bare key of 4–10 ms still moves between runs with the
machine's load); the default measures at the learner's frame rate, with that jitter.

The 1M database is ``/tmp/studytrack-scaling/logs-1000000.db`` from ``benchmarks/scaling.py``
(built there, copied here and flushed to disk before any key is timed: ``_timing.copy_settled``);
without it only the fresh database is measured.
"""

import asyncio
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))  # this checkout, installed or not

from _timing import PAIRS, Ratio, copy_settled, load_line, ratio_row
from textual import events
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Region
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, Label, Markdown, OptionList, Static
from textual_plotext import PlotextPlot

from studytrack.domain.content.quiz import check_quiz_answer
from studytrack.paths import bundled_content_dir
from studytrack.session import Session
from studytrack.store.answers import record_answer
from studytrack.store.journal import check_in
from studytrack.store.settings import day_settings
from studytrack.ui.app import StudyApp, make_app
from studytrack.ui.screens import exercise_data
from studytrack.ui.screens.exercise import ExerciseScreen
from studytrack.ui.screens.lesson import LessonScreen
from studytrack.ui.screens.review import ReviewScreen
from studytrack.ui.screens.stats import StatsScreen
from studytrack.ui.widgets.check_feedback import CheckFeedback
from studytrack.ui.widgets.exercise_plot import FigureCanvas
from studytrack.ui.widgets.hint_ladder import HintLadder
from studytrack.ui.widgets.keys_line import KeysLine
from studytrack.ui.widgets.rate_playground import RatePlayground
from studytrack.vocabulary import ReviewPhase

UI = Path(__file__).resolve().parents[1] / "studytrack" / "ui"
"""studytrack's UI folder: the bare apps and screens take its stylesheets."""

LARGE = Path("/tmp/studytrack-scaling/logs-1000000.db")
"""The 1M-log learner built by ``benchmarks/scaling.py``."""

TARGETS = {"in-screen action": 5.0, "review answer": 5.0, "review undo": 5.0, "next section": 1.2,
           "open a screen": 1.3, "open a screen (÷ Markdown alone)": None,
           "review answer ÷ a bare card": None, "review undo ÷ a bare card": None,
           "exercise check": 5.0, "exercise check with its plots": None,
           "exercise check ÷ a bare problem": None, "exercise hint": 5.0,
           "playground +/-": 5.0, "playground +/- with its plots": None, "open Stats": 1.3}
"""Each kind of key's target."""

WARMUP = 2
"""Pairs run after the first visit and before the counted ones (caches warmed, not counted)."""

SETTLE = 0.15
"""Seconds every app is left, untimed, after each key: what a key leaves for after its frame
(a footer redrawn, widgets pruned, the review card's later layouts when it grows and its
scrollbar appears: up to ~50 ms) is done then, not in the next key, whichever app that is."""

_markdown_updates: list = []
"""Every ``Markdown.update`` started (its awaitable), so a measurement can wait for it."""

_original_update = Markdown.update


def _tracked_update(self: Markdown, markdown: str):
    """``Markdown.update``, remembered (the same for studytrack's lesson text and the bare app)."""
    pending = _original_update(self, markdown)
    _markdown_updates.append(pending)
    return pending


Markdown.update = _tracked_update


class BareScreen(Screen):
    """A screen with one Markdown (the bare equivalent of opening a lesson)."""

    def __init__(self, text: str) -> None:
        """Show ``text``."""
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        """The one Markdown."""
        yield Markdown(self.text)


class BareLessonScreen(Screen):
    """A screen with the lesson screen's widgets and nothing of studytrack's code: the bare
    equivalent of opening a lesson, widget for widget."""

    def __init__(self, text: str, contents: list[str]) -> None:
        """Show ``text`` with ``contents`` as the table of contents."""
        super().__init__()
        self.text = text
        self.contents = contents

    def compose(self) -> ComposeResult:
        """Header, contents, the section in a scroll, the hint line, the footer (ids as the lesson's)."""
        yield Header()
        with Horizontal(id="lesson-body"):
            yield OptionList(*self.contents, id="toc")
            with Vertical(id="lesson-main"):
                with VerticalScroll(id="section"):
                    yield Markdown(self.text, id="section-text")
                yield Static("", id="lesson-hint")
        yield Footer(compact=True)


class BareWithStyles(App):
    """A bare app with studytrack's stylesheet, whose key pushes the bare screen ``opened`` makes
    (a ``BareLessonScreen`` or a ``BareStatsScreen``, given what to show)."""

    CSS_PATH = UI / "app.tcss"
    BINDINGS = [("o", "open", "Open")]

    def __init__(self) -> None:
        """Nothing to open until ``opened`` is set."""
        super().__init__()
        self.opened: Callable[[], Screen] | None = None

    def compose(self) -> ComposeResult:
        """One line, as a Home stand-in."""
        yield Static("home", id="line")

    def action_open(self) -> None:
        """Push the bare screen."""
        assert self.opened is not None
        self.push_screen(self.opened())


class BareCard(App):
    """The review card's widgets in plain Textual (the framework's floor for an answer): a scroll
    body keeping a gutter for its scrollbar, the progress line, the prompt, the choices, a hidden
    feedback line and explanation, the hint line and a one-line footer. ``a`` does to them what an
    answer does (feedback and explanation shown, hint and footer changed; the choices keep the
    focus and the choice highlighted, as studytrack's locked list does); ``u`` undoes it (and
    clears the highlight)."""

    CSS = """
    #body { height: 1fr; padding: 0 1; scrollbar-gutter: stable; }
    #prompt, #feedback, #explanation { margin-top: 1; }
    #choices { height: auto; margin-top: 1; }
    #hint { background: $boost; padding: 0 1; }
    """
    BINDINGS = [("a", "answer", "Answer"), ("u", "undo", "Undo")]

    def __init__(self) -> None:
        """Empty until ``texts`` is set: (progress, prompt, choices, feedback, explanation)."""
        super().__init__()
        self.texts: tuple[str, str, list[str], str, str] = ("", "", [], "", "")
        self.answered = False

    def compose(self) -> ComposeResult:
        """The card in its scroll, the hint line and the footer line."""
        progress, prompt, choices, feedback, explanation = self.texts
        with VerticalScroll(id="body"):
            yield Static(progress, id="progress")
            yield Static(prompt, id="prompt")
            yield OptionList(*choices, id="choices")
            yield Static(feedback, id="feedback")
            yield Static(explanation, id="explanation")
        yield Static("Pick with 1–4 or the arrows, then Enter to check.", id="hint")
        yield Static("? Help  f Flag  esc Back", id="footer")

    def on_mount(self) -> None:
        """Nothing answered yet: feedback and explanation hidden, the choices focused."""
        self.show(False)

    def show(self, answered: bool) -> None:
        """Draw the card answered or not, as the review screen does."""
        self.answered = answered
        for line in ("#feedback", "#explanation"):
            self.query_one(line).display = answered
        self.query_one("#hint", Static).update("Enter: next · u: undo this answer · f: flag this topic"
                                               if answered else "Pick with 1–4 or the arrows, then Enter to check.")
        self.query_one("#footer", Static).update("? Help  ⏎ Next  f Flag  u Undo  esc Back"
                                                 if answered else "? Help  f Flag  esc Back")
        choices = self.query_one("#choices", OptionList)
        if not answered:
            choices.highlighted = None
            self.set_focus(choices)

    def pick(self) -> None:
        """Highlight the first choice (untimed, before ``a``), as the review rows pick theirs."""
        self.query_one("#choices", OptionList).highlighted = 0

    def action_answer(self) -> None:
        """What an answer changes."""
        self.show(True)

    def action_undo(self) -> None:
        """What taking it back changes."""
        self.show(False)


class BareProblem(App):
    """The exercise body's widgets in plain Textual (the framework's floor for a check), with the
    app's and the exercise screen's stylesheets, ids and classes: the body's scroll, the prompt,
    the answer row (a label and an ``Input``), the feedback line, two plots (textual-plotext, in
    bordered boxes as tall as studytrack's), then the key hint line and a one-line footer. Enter
    in the box does to them what a check does to the screen's (the feedback filled and its
    outcome's class set, the hint line given its new text where it changed; the box keeps the
    focus, so the footer's keys stay); no engine, no database. ``load`` gives it studytrack's
    texts."""

    CSS_PATH = [UI / "app.tcss", UI / "screens" / "exercise.tcss"]
    CSS = """
    .bare-plot { height: auto; border: round $primary 50%; padding: 0 1 0 0; margin-bottom: 1; }
    .bare-plot PlotextPlot { height: 12; }
    """

    def __init__(self) -> None:
        """Empty until ``load``."""
        super().__init__()
        self.feedback: list[tuple[str, str]] = [("", ""), ("", "")]
        self.hints = ("", "")
        self.checks = 0

    def compose(self) -> ComposeResult:
        """The body in its scroll, the hint line and the footer line."""
        with VerticalScroll(id="exercise-body"):
            yield Static("", id="exercise-prompt")
            with Vertical(id="exercise-answers"), Horizontal(classes="answer-row"):
                yield Label("lr =", classes="answer-name")
                yield Input(id="answer-lr", max_length=200, compact=True, select_on_focus=False)
            yield Static("", id="exercise-feedback")
            for _ in range(2):
                with Vertical(classes="bare-plot"):
                    yield PlotextPlot()
                    yield Static("━ loss per step", classes="plot-legend")
        yield Static("", id="exercise-keys")
        yield Static("", id="footer")

    def load(self, prompt: str, feedback: list[tuple[str, str]], hints: tuple[str, str], footer: str) -> None:
        """studytrack's prompt, its two kinds of feedback (text and outcome class), its hint line
        before and after a check, and its footer; the box focused, nothing checked yet."""
        self.feedback, self.hints = feedback, hints
        self.query_one("#exercise-prompt", Static).update(prompt)
        self.query_one("#exercise-feedback").display = False
        self.query_one("#exercise-keys", Static).update(hints[0])
        self.query_one("#footer", Static).update(footer)
        for plot in self.query(PlotextPlot):
            plot.plt.plot([0.5 ** step for step in range(100)])
        self.set_focus(self.query_one("#answer-lr"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """A check's changes to the widgets: the feedback, and the hint line the first time."""
        self.checks += 1
        text, outcome = self.feedback[self.checks % 2]
        feedback = self.query_one("#exercise-feedback", Static)
        feedback.update(text)
        feedback.set_classes(outcome)
        feedback.display = True
        if self.checks == 1 and self.hints[1] != self.hints[0]:
            self.query_one("#exercise-keys", Static).update(self.hints[1])


class StatsTexts:
    """What the Stats screen showed, as plain texts and numbers, for ``BareStatsScreen``."""

    def __init__(self, stats: StatsScreen) -> None:
        """Take the texts and the charts' data from ``stats``, drawn with its data."""
        assert stats.data is not None
        self.suggestions = [str(option.prompt) for option in stats.query_one("#suggestions", OptionList).options]
        self.mastery, self.calendar = drawn_text(stats.query_one("#mastery-map")), drawn_text(
            stats.query_one("#stats-calendar"))
        self.lines = {name: str(stats.query_one(f"#{name}", Static).render()) for name in
                      ("active-days", "retention-value", "forecast-note", "flag-legend")}
        self.notes = {panel: str(stats.query_one(f"#{panel} > .stats-muted", Static).render())
                      for panel in ("mastery-panel", "retention-panel")}
        data = stats.data.stats
        self.forecast = ([str(day.day.day) for day in data.forecast], [day.planned for day in data.forecast])
        self.flags = ([point.open for point in data.flags], [point.resolved for point in data.flags])
        self.titles = {panel.id: str(panel.border_title or "") for panel in stats.query(".panel")}


def drawn_text(widget: Widget) -> str:
    """The text ``widget`` draws, line by line (without its styles)."""
    return "\n".join(strip.text.rstrip() for strip in widget.render_lines(Region(0, 0, *widget.size)))


class BareStatsScreen(Screen):
    """The Stats screen's layout and texts in plain Textual and textual-plotext, given what to
    show (no database, no studytrack widget): the bare equivalent of opening Stats."""

    CSS_PATH = UI / "screens" / "stats.tcss"

    def __init__(self, texts: StatsTexts) -> None:
        """Show ``texts``."""
        super().__init__()
        self.texts = texts

    def compose(self) -> ComposeResult:
        """Header; the suggestions, mastery, calendar and retention, forecast and flag panels in a
        scroll (ids and classes as the Stats screen's); the footer."""
        texts = self.texts
        yield Header()
        with VerticalScroll(id="stats-body"):
            yield OptionList(*texts.suggestions, id="suggestions")
            with Vertical(id="mastery-panel", classes="panel"):
                yield Static(texts.notes["mastery-panel"], classes="stats-muted")
                yield Static(texts.mastery, id="mastery-map")
            with Horizontal(id="stats-row"):
                with Vertical(id="stats-calendar-panel", classes="panel"):
                    yield Static(texts.calendar, id="stats-calendar")
                    yield Static(texts.lines["active-days"], classes="stats-muted")
                with Vertical(id="retention-panel", classes="panel"):
                    yield Static(texts.lines["retention-value"], id="retention-value")
                    yield Static(texts.notes["retention-panel"], classes="stats-muted")
            with Vertical(id="forecast-panel", classes="panel"):
                yield PlotextPlot(id="forecast-plot")
                yield Static(texts.lines["forecast-note"], classes="stats-muted")
            with Vertical(id="flag-history-panel", classes="panel"):
                yield PlotextPlot(id="flag-history")
                yield Static(texts.lines["flag-legend"])
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Titles on the panels, the charts plotted, the page focused (as the Stats screen does)."""
        for panel in self.query(".panel"):
            panel.border_title = self.texts.titles.get(panel.id or "", "")
        labels, values = self.texts.forecast
        forecast = self.query_one("#forecast-plot", PlotextPlot).plt
        forecast.bar(labels, values, width=0.6)
        opened, resolved = self.texts.flags
        flags = self.query_one("#flag-history", PlotextPlot).plt
        x = list(range(len(opened)))
        flags.plot(x, opened, marker="braille")
        flags.plot(x, resolved, marker="braille")
        self.query_one("#stats-body").focus()


class Bare(App):
    """A Static and a Markdown, with keys that update them or push a bare screen."""

    BINDINGS = [("s", "static", "Static"), ("m", "markdown", "Markdown"), ("o", "open", "Open")]

    def __init__(self) -> None:
        """Start empty."""
        super().__init__()
        self.texts = ["", ""]
        self.turn = 0
        self.static_changes = 0

    def compose(self) -> ComposeResult:
        """One Static and one Markdown."""
        yield Static("0", id="line")
        yield Markdown("", id="text")

    def action_static(self) -> None:
        """Update the Static."""
        self.static_changes += 1
        self.query_one("#line", Static).update(f"check-in {self.static_changes}")

    def action_markdown(self) -> None:
        """Show the next of the two texts in the Markdown."""
        self.turn += 1
        self.query_one("#text", Markdown).update(self.texts[self.turn % 2])

    def action_open(self) -> None:
        """Push a bare screen with the first text."""
        self.push_screen(BareScreen(self.texts[0]))


frames_drawn = 0
"""How many frames every screen of the run has drawn (``Screen._compositor_refresh``, counted)."""
_compositor_refresh = Screen._compositor_refresh


def _counted_compositor_refresh(screen: Screen) -> None:
    """Textual's frame, counted in ``frames_drawn``."""
    global frames_drawn
    frames_drawn += 1
    _compositor_refresh(screen)


Screen._compositor_refresh = _counted_compositor_refresh  # type: ignore[method-assign]


async def drawn(app: App, changed: Callable[[], bool], workers: bool = True) -> None:
    """Wait until ``changed()``, every Markdown update and (unless not ``workers``) the app's
    workers are done, and then for the next frame drawn. A screen's refresh callbacks also run
    on a frame-clock tick that drew nothing, because a key's handler held frames back
    (``App.batch_update``, as ``layouts_posted`` does): while the screen still has something to
    draw (Textual's private ``_layout_required``, ``_dirty_widgets``, ``_repaint_required``), the
    wait goes on until a frame was drawn (``frames_drawn``), so a key is never timed to a tick that
    showed none of its change."""
    while not (changed() and all(update.is_done for update in _markdown_updates)
               and not (workers and any(worker.is_running for worker in app.workers))):
        await asyncio.sleep(0.0005)
    before = frames_drawn
    while True:
        frame = asyncio.get_running_loop().create_future()
        app.screen.call_after_refresh(partial(_resolve, frame))
        await frame
        screen = app.screen
        if frames_drawn > before or not (screen._layout_required or screen._dirty_widgets
                                         or screen._repaint_required):
            break
    _markdown_updates.clear()


def _resolve(frame: asyncio.Future[None]) -> None:
    """Mark ``frame`` as drawn (once)."""
    if not frame.done():
        frame.set_result(None)


_apps: list[App] = []
"""Every app of the run (``quiet`` pauses the others' timers while one is timed)."""


def app_timers(app: App) -> list[Timer]:
    """The running timers of ``app``, its screens and their widgets."""
    nodes = [app, *app.screen_stack, *(node for screen in app.screen_stack for node in screen.walk_children())]
    return [timer for node in nodes for timer in list(node._timers) if timer._active.is_set()]


@contextmanager
def quiet(app: App) -> Iterator[None]:
    """While ``app`` is timed: every other app's timers paused, and the collector's pending work
    done and the heap frozen first (the same for the studytrack key and the bare one)."""
    paused = [timer for other in _apps if other is not app for timer in app_timers(other)]
    for timer in paused:
        timer.pause()
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        for timer in paused:
            timer.resume()


async def settled(study: StudyApp) -> None:
    """Wait until Home is usable and the day's record care (integrity check, backup, parsing the
    whole course), which starts just after, is over: part of the start (benchmarks/startup.py),
    so the keys are timed after it."""
    home = study.screen
    await drawn(study, lambda: getattr(home, "data", None) is not None and home.panels is not None
                and home.panels.data is home.data)
    await drawn(study, lambda: study.record_care_started)


class Seconds(float):
    """A key's wall time, with the CPU time the UI thread (the one event loop) spent meanwhile:
    waiting for the machine's other processes counts in the first, not in the second."""

    cpu: float
    """The UI thread's CPU seconds during the key."""

    def __new__(cls, wall: float, cpu: float) -> "Seconds":
        """``wall`` seconds, ``cpu`` of them on the UI thread."""
        seconds = super().__new__(cls, wall)
        seconds.cpu = cpu
        return seconds


async def key_time(app: App, key: str, changed: Callable[[], bool], workers: bool = True) -> Seconds:
    """Seconds from posting ``key`` to the frame showing its change (``quiet``); with ``workers``
    False, a worker the key started (the plots) may still be running then."""
    with quiet(app):
        start, cpu = time.perf_counter(), time.thread_time()
        app.post_message(events.Key(key, key if len(key) == 1 else None))
        await drawn(app, changed, workers)
        seconds = Seconds(time.perf_counter() - start, time.thread_time() - cpu)
    await asyncio.sleep(SETTLE)
    return seconds


KEY_NAMES = {".": "full_stop"}
"""Textual's key names of the characters a typed learning rate has, where they differ from it."""


async def typed(app: App, box: Input, text: str) -> None:
    """Type ``text`` into the focused ``box`` (untimed), as the learner does before Enter: the old
    text cleared, then one key per character. A key also shows the box's cursor again; a text set
    directly would leave the cursor's blink where it was, and half the time Enter would then
    draw the box's cursor in a frame of its own first."""
    box.value = ""
    for character in text:
        app.post_message(events.Key(KEY_NAMES.get(character, character), character))
    await drawn(app, lambda: box.value == text, workers=False)


async def static_update(bare: Bare) -> float:
    """The baseline of every in-screen key: the bare app's ``s``, which updates one ``Static``."""
    wanted = bare.static_changes + 1
    return await key_time(bare, "s", lambda: bare.static_changes == wanted)


async def bare_screen_opened(app: App, shown: type[Screen], settle: bool = False) -> float:
    """Seconds from ``o`` in the bare ``app`` to its ``shown`` screen drawn; then the screen popped
    (and, with ``settle``, left ``SETTLE`` seconds to be taken down)."""
    seconds = await key_time(app, "o", lambda: isinstance(app.screen, shown))
    app.pop_screen()
    await drawn(app, lambda: not isinstance(app.screen, shown))
    if settle:
        await asyncio.sleep(SETTLE)
    return seconds


Row = tuple[Ratio, float, Ratio]
"""A row of the table: the wall-time ratio, the first visit's, and the UI thread's CPU-time ratio."""


def cpu_of(seconds: float) -> float:
    """The UI thread's CPU seconds of a measurement (its wall time when it kept none)."""
    return seconds.cpu if isinstance(seconds, Seconds) else seconds


async def paired(study: Callable[[], Awaitable[float]], bare: Callable[[], Awaitable[float]],
                 pairs: int) -> Row:
    """Interleaved pairs of the two measurements, after the first visit and ``WARMUP`` pairs
    (not counted); the ratio and the first visit's."""
    first = await study() / await bare()
    for _ in range(WARMUP):
        await bare()
        await study()
    ratios, studies, bares = [], [], []
    for number in range(pairs):
        if number % 2:
            mine = await study()
            base = await bare()
        else:
            base = await bare()
            mine = await study()
        ratios.append(mine / base)
        studies.append(mine)
        bares.append(base)
    cpu = [cpu_of(mine) / cpu_of(base) for mine, base in zip(studies, bares, strict=True)]
    return (Ratio(statistics.median(ratios), min(ratios), max(ratios), pairs, statistics.median(studies),
                  statistics.median(bares)), first,
            Ratio(statistics.median(cpu), min(cpu), max(cpu), pairs, statistics.median(map(cpu_of, studies)),
                  statistics.median(map(cpu_of, bares))))


async def measure(db_path: Path, pairs: int) -> dict[str, Row]:
    """The three rows on the database at ``db_path``."""
    session = Session(db_path=db_path, content_dir=bundled_content_dir(), lang="en")
    study, bare, styled = make_app(session), Bare(), BareWithStyles()
    found = {}
    async with study.run_test(size=(80, 24)), bare.run_test(size=(80, 24)), styled.run_test(size=(80, 24)):
        _apps[:] = [study, bare, styled]
        home = study.screen
        await settled(study)
        conditions = iter(["good", "okay"] * (pairs + 2))

        async def checkin() -> float:
            condition = next(conditions)
            key = "1" if condition == "good" else "2"
            return await key_time(study, key, lambda: home.data.overview.checkin is not None
                                  and home.data.overview.checkin.condition == condition
                                  and home.panels.data is home.data)

        found["in-screen action"] = await paired(checkin, partial(static_update, bare), pairs)

        async def open_lesson() -> float:
            home.query_one("#lessons").focus()
            seconds = await key_time(study, "enter", lambda: isinstance(study.screen, LessonScreen)
                                     and study.screen.lesson is not None)
            lesson = study.screen
            bare.texts = [_section_text(lesson, 0), _section_text(lesson, 1)]
            styled.opened = partial(BareLessonScreen, _section_text(lesson, lesson.index),  # the section it opened at
                                    [section.title.get("en") for section in lesson.shown.sections])
            study.pop_screen()
            await drawn(study, lambda: study.screen is home)
            return seconds

        found["open a screen (÷ Markdown alone)"] = await paired(
            open_lesson, partial(bare_screen_opened, bare, BareScreen), pairs)
        found["open a screen"] = await paired(open_lesson, partial(bare_screen_opened, styled, BareLessonScreen), pairs)

        home.query_one("#lessons").focus()
        study.post_message(events.Key("enter", None))
        await drawn(study, lambda: isinstance(study.screen, LessonScreen) and study.screen.lesson is not None)
        lesson = study.screen
        lesson.call_later(lesson.show_section, 0)  # n then p, never past the last section (its rating)
        await drawn(study, lambda: lesson.index == 0)
        steps = iter(["n", "p"] * (pairs + 2))

        async def next_section() -> float:
            key = next(steps)
            wanted = lesson.index + (1 if key == "n" else -1)
            return await key_time(study, key, lambda: lesson.index == wanted)

        async def markdown() -> float:
            wanted = bare.turn + 1
            return await key_time(bare, "m", lambda: bare.turn == wanted)

        found["next section"] = await paired(next_section, markdown, pairs)
    return found


REVIEW_ANSWERS = {"truefalse": "t", "numeric": "1", "text": "x"}
"""A graded answer (right or wrong) for each item type typed in the card's field."""


async def measure_review(db_path: Path, pairs: int) -> dict[str, Row]:
    """The review rows on the database at ``db_path``, in apps of their own (the review screen
    opened over Home, the bare app beside it)."""
    session = Session(db_path=db_path, content_dir=bundled_content_dir(), lang="en")
    study, bare, card = make_app(session), Bare(), BareCard()
    card.texts = review_texts(session)
    async with study.run_test(size=(80, 24)), bare.run_test(size=(80, 24)), card.run_test(size=(80, 24)):
        _apps[:] = [study, bare, card]
        await settled(study)
        return await review_rows(study, bare, card, pairs)


def review_texts(session: Session) -> tuple[str, str, list[str], str, str]:
    """The bare card's texts: those of the item the review rows answer (the course's first choice
    item), with feedback as long as studytrack's."""
    item = next(item for item in session.course().quiz_items if item.type == "choice")
    return ("1 of 1 · review (recall 74%) · " + item.topic, item.prompt.get("en"),
            [f"{number}. {choice.get('en')}" for number, choice in enumerate(item.choices, 1)],
            "✗ Not quite. Read the explanation, then try the section again. (your answer: 1)\nNext review: tomorrow.",
            item.explanation.get("en"))


def footer_lists_undo(review: ReviewScreen) -> bool:
    """Whether the review screen's footer, as drawn, offers ``u`` (undo)."""
    listed = review.query_one(KeysLine).listed or ()
    return any(action == "undo" for _, action, *_ in listed)


async def review_rows(study: StudyApp, bare: Bare, card: BareCard, pairs: int) -> dict[str, Row]:
    """A review answer and its undo, on a good day's session, each paired with the bare app's
    ``Static`` update (the target) and, for information, with ``card`` doing the same to the same
    widgets in plain Textual; each ends on the frame whose footer offers undo, or no longer does.
    Each answer is taken back before the next, so every pair answers the same item on the same card."""
    learner = study.session.learner()
    item = next(item for item in study.course().quiz_items if item.type == "choice")
    month_ago = learner.now() - timedelta(days=30)  # answered right then, due again now: the first step
    record_answer(learner.db, item, check_quiz_answer(item, str(item.answer)), month_ago)
    check_in(learner, day_settings(learner.db).day(learner.now()), "good")
    review = ReviewScreen()
    study.call_later(study.push_screen, review)  # from the app's own task: its context is the app's
    await drawn(study, lambda: review.phase not in (ReviewPhase.LOADING, ReviewPhase.CHECKIN))
    while review.step is not None and review.card is None:  # a flag first: kept open, go on to an item
        await key_time(study, "1", lambda index=review.progress.index: review.progress.index > index)
    if review.card is None:
        print(f"(the review session of {study.session.db_path.name} asks no item: no review rows)")
        return {}

    async def ready() -> None:
        """Give the card shown an answer (untimed), focused as the learner leaves it."""
        card = review.card
        assert card is not None, "the session's first step is an item"
        if card.item.type == "choice":
            card.pick(1)
            wanted = "1"
        else:
            wanted = REVIEW_ANSWERS[card.item.type]
            card.query_one("#quiz-answer", Input).value = wanted
        await drawn(study, lambda: card.answer == wanted)

    async def answer(timed: bool = True) -> float:
        await ready()
        answered = len(review.progress.history) + 1
        seconds = await key_time(study, "enter", lambda: len(review.progress.history) == answered
                                 and review.card is not None and review.card.graded and footer_lists_undo(review))
        return seconds if timed else 0.0

    async def undo(timed: bool = True) -> float:
        undone = len(review.progress.history) - 1
        seconds = await key_time(study, "u", lambda: len(review.progress.history) == undone
                                 and review.card is not None and review.card.result is None
                                 and not footer_lists_undo(review))
        return seconds if timed else 0.0

    async def answer_then_undo() -> float:
        seconds = await answer()
        await undo(timed=False)
        return seconds

    async def undo_an_answer() -> float:
        await answer(timed=False)
        return await undo()

    async def card_ready() -> None:
        """The bare card's choice picked (untimed), as ``ready`` picks studytrack's."""
        card.pick()
        await drawn(card, lambda: card.query_one("#choices", OptionList).highlighted == 0)

    async def card_answer_then_undo() -> float:
        await card_ready()
        seconds = await key_time(card, "a", lambda: card.answered)
        await key_time(card, "u", lambda: not card.answered)
        return seconds

    async def card_undo_an_answer() -> float:
        await card_ready()
        await key_time(card, "a", lambda: card.answered)
        return await key_time(card, "u", lambda: not card.answered)

    static = partial(static_update, bare)
    rows = {"review answer": await paired(answer_then_undo, static, pairs),
            "review undo": await paired(undo_an_answer, static, pairs)}
    rows["review answer ÷ a bare card"] = await paired(answer_then_undo, card_answer_then_undo, pairs)
    rows["review undo ÷ a bare card"] = await paired(undo_an_answer, card_undo_an_answer, pairs)
    return rows


EXERCISE_SEED = 7
"""The seed of the exercise the exercise rows answer (the same numbers every run)."""


async def measure_exercise(db_path: Path, pairs: int) -> dict[str, Row]:
    """The exercise rows on the database at ``db_path``: the exercise screen opened over Home, the
    bare app beside it."""
    session = Session(db_path=db_path, content_dir=bundled_content_dir(), lang="en")
    study, bare, problem = make_app(session), Bare(), BareProblem()
    async with study.run_test(size=(80, 24)), bare.run_test(size=(80, 24)), problem.run_test(size=(80, 24)):
        _apps[:] = [study, bare, problem]
        await settled(study)
        return await exercise_rows(study, bare, problem, pairs)


def plots_drawn(screen: ExerciseScreen) -> bool:
    """Whether every plot in view shows the figure it holds (those out of view are built when
    scrolled to)."""
    in_view = screen._compositor.visible_widgets
    return all(canvas.figure is None or (canvas.built is not None and canvas.built[0][0] is canvas.figure
                                         and canvas.building is None)
               for canvas in screen.query(FigureCanvas) if canvas in in_view)


async def exercise_rows(study: StudyApp, bare: Bare, problem: BareProblem, pairs: int) -> dict[str, Row]:
    """An exercise check, a hint and a playground step, each paired with the bare ``Static``
    update; the check and the step also until their plots are drawn; and, for information, the
    check paired with ``problem`` making the same change to the same widgets in plain Textual."""
    screen = ExerciseScreen("gd.learning-rate", "pick-learning-rate", seed=EXERCISE_SEED)
    study.call_later(study.push_screen, screen)
    now = study.session.now()
    await drawn(study, lambda: screen.is_mounted and screen.deck.attempt(now) is not None
                and bool(screen.query("#answer-lr")))
    attempt = screen.deck.attempt(now)
    assert attempt is not None
    rates = iter(["0.05", "0.01"] * (4 * pairs + 10))  # with seed 7: right, then too slow

    async def check(with_plots: bool = False) -> float:
        box = screen.query_one("#answer-lr", Input)
        screen.set_focus(box)
        await typed(study, box, rate := next(rates))
        await drawn(study, lambda: attempt.answers.get("lr") == rate and screen.view.plotted is attempt.result
                    and plots_drawn(screen))  # untimed: the last check's plots drawn first
        return await key_time(study, "enter", lambda: (attempt.checked or {}).get("lr") == rate
                              and screen.query_one(CheckFeedback).result is attempt.result
                              and (not with_plots or (screen.view.plotted is attempt.result and plots_drawn(screen))),
                              workers=with_plots)

    async def hint() -> float:
        ladder = screen.query_one(HintLadder)
        if screen.typing:  # untimed: out of the answer box first (there h is a letter), as the key line says
            study.post_message(events.Key("escape", None))
            await drawn(study, lambda: not screen.typing)
        if attempt.hints >= len(attempt.exercise.hints):  # untimed: the ladder closed again
            attempt.hints = ladder.shown = 0
            await drawn(study, lambda: not ladder.display)
        wanted = attempt.hints + 1
        return await key_time(study, "h", lambda: attempt.hints == wanted and ladder.shown == wanted,
                              workers=False)

    static = partial(static_update, bare)
    found = {"exercise check": await paired(check, static, pairs),
             "exercise check with its plots": await paired(lambda: check(True), static, pairs)}
    feedback = []
    for _ in range(2):  # untimed: the two kinds of feedback the checks alternate, as drawn
        await check()
        line = screen.query_one("#exercise-feedback", Static)
        feedback.append((str(line.render()), " ".join(line.classes)))
    problem.load(str(screen.query_one("#exercise-prompt", Static).render()), feedback,
                 (exercise_data.keys_hint(attempt, "en", playground=False, checking=False, typing=True, others=True),
                  str(screen.query_one("#exercise-keys", Static).render())),
                 drawn_text(screen.query_one(KeysLine)))

    async def problem_check() -> float:
        box = problem.query_one("#answer-lr", Input)
        problem.set_focus(box)
        await drawn(problem, lambda: problem.focused is box)  # untimed: in the box
        await typed(problem, box, "0.05")
        wanted = problem.checks + 1
        return await key_time(problem, "enter", lambda: problem.checks == wanted)

    found["exercise check ÷ a bare problem"] = await paired(check, problem_check, pairs)
    found["exercise hint"] = await paired(hint, static, pairs)
    study.post_message(events.Key("l", "l"))
    await drawn(study, lambda: bool(screen.query(RatePlayground)) and plots_drawn(screen))
    steps = iter(["plus", "minus"] * (4 * pairs + 10))

    async def step(with_plots: bool = False) -> float:
        playground = screen.query_one(RatePlayground)
        before = playground.lr
        await drawn(study, lambda: playground.figured == before and plots_drawn(screen))
        return await key_time(study, next(steps), lambda: playground.lr != before
                              and (not with_plots or (playground.figured == playground.lr and plots_drawn(screen))),
                              workers=with_plots)

    found["playground +/-"] = await paired(step, static, pairs)
    found["playground +/- with its plots"] = await paired(lambda: step(True), static, pairs)
    return found


async def measure_stats(db_path: Path, pairs: int) -> dict[str, Row]:
    """Opening Stats (``S`` on Home: the statistics read in a worker, then the screen pushed with
    them and every panel drawn) ÷ pushing ``BareStatsScreen`` with the same texts and chart data."""
    session = Session(db_path=db_path, content_dir=bundled_content_dir(), lang="en")
    study, bare = make_app(session), BareWithStyles()
    async with study.run_test(size=(80, 24)), bare.run_test(size=(80, 24)):
        _apps[:] = [study, bare]
        home = study.screen
        await settled(study)

        def stats_shown() -> bool:
            stats = study.screen
            legend = stats.query("#flag-legend") if isinstance(stats, StatsScreen) else None
            return bool(legend) and str(legend.first(Static).render()) != ""  # the last panel show_state fills

        async def open_stats() -> float:
            seconds = await key_time(study, "S", stats_shown)
            if bare.opened is None:
                stats = study.screen
                assert isinstance(stats, StatsScreen)
                bare.opened = partial(BareStatsScreen, StatsTexts(stats))
            study.pop_screen()
            await drawn(study, lambda: study.screen is home)
            await asyncio.sleep(SETTLE)  # the screen left is taken down (~60 ms at 1M), not in the next key
            return seconds

        # the first visit gives the bare screen its texts
        opened = partial(bare_screen_opened, bare, BareStatsScreen, settle=True)
        return {"open Stats": await paired(open_stats, opened, pairs)}


def _section_text(lesson: LessonScreen, index: int) -> str:
    """The Markdown the lesson screen shows for section ``index`` (its title and body)."""
    section = lesson.shown.sections[index]
    text = f"## {section.title.get('en')}\n\n{section.body.get('en')}"
    intro = lesson.shown.intro.get("en")
    return f"{intro}\n\n{text}" if index == 0 and intro else text


def main(pairs: int = PAIRS, only: str = "") -> None:
    """Measure on a fresh database and, when built, on the 1M one; print the table (``only``:
    "review", "home", "exercise" or "stats", those rows alone)."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        databases = {"fresh database": folder / "fresh.db"}
        if LARGE.exists():
            copy_settled(LARGE, folder / "large.db")
            databases["1M review logs"] = folder / "large.db"
        print(f"Key → updated frame ÷ bare Textual doing the same; {pairs} interleaved pairs; {load_line()}")
        for label, path in databases.items():
            rows = asyncio.run(measure(path, pairs)) if only in ("", "home") else {}
            if only in ("", "review"):
                rows |= asyncio.run(measure_review(path, pairs))
            if only in ("", "exercise"):
                rows |= asyncio.run(measure_exercise(path, pairs))
            if only in ("", "stats"):
                rows |= asyncio.run(measure_stats(path, pairs))
            for row, (ratio, first, cpu) in rows.items():
                print(ratio_row(f"{row}, {label}", ratio, TARGETS[row]) + f"  (first: {first:.2f})")
                print(ratio_row("    the UI thread's CPU time alone", cpu))
        if not LARGE.exists():
            print(f"(no {LARGE}: run benchmarks/scaling.py first for the 1M rows)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else PAIRS, sys.argv[2] if len(sys.argv) > 2 else "")
