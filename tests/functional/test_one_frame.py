"""A review answer and its undo drawn in one frame (``studytrack/ui/widgets/one_layout.py``): the
card, its scrollbar and the scroll to the feedback settled in one layout, and what that frame
drew the same as Textual's own drawing and scrolling would show; the footer's keys worked out
for the shown keys alone, as Textual's ``active_bindings`` says them; the footer's lines kept
for the keys listed before, drawn as Textual draws them."""

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from snapshot_steps import loaded
from test_snapshots_review import checked_in, reviewer  # noqa: F401 (the fixture)
from textual import events
from textual._arrange import arrange
from textual.app import App
from textual.content import Content
from textual.filter import DimFilter, Monochrome
from textual.geometry import Offset, Region
from textual.screen import Screen
from textual.scrollbar import ScrollBar
from textual.selection import Selection
from textual.visual import Visual
from textual.widget import Widget
from textual.widgets import Input, Static

from studytrack.domain.content.quiz import check_quiz_answer
from studytrack.ui.app import make_app
from studytrack.ui.screens.exercise import ExerciseScreen
from studytrack.ui.screens.review import ReviewScreen
from studytrack.ui.widgets.hint_ladder import HintLadder
from studytrack.ui.widgets.kept_lines import AheadStatic, KeptStatic
from studytrack.ui.widgets.keys_line import KeysLine
from studytrack.ui.widgets.one_layout import Settled, SettledScrollBar, SteadyScroll, scroll_to_show
from studytrack.ui.widgets.question import ChoiceList, QuestionCard


def counting_frames(monkeypatch) -> list[Screen]:
    """Every frame drawn from now on, as the screen that drew it."""
    frames: list[Screen] = []
    draw = Screen._compositor_refresh

    def counted(screen: Screen) -> None:
        frames.append(screen)
        draw(screen)

    monkeypatch.setattr(Screen, "_compositor_refresh", counted)
    return frames


def drawn(widget: Widget) -> list[list[tuple[str, object]]]:
    """``widget``'s lines as drawn now, as cells."""
    size = widget.size
    return cells(widget.render_lines(Region(0, 0, size.width, size.height)))


def cells(strips) -> list[list[tuple[str, object]]]:
    """Lines of strips as cells."""
    return [[(segment.text, segment.style) for segment in strip] for strip in strips]


def redrawn(widget: Widget) -> list[list[tuple[str, object]]]:
    """``widget``'s lines drawn again from its content (as a change of content draws them)."""
    widget._set_dirty()
    return drawn(widget)


async def answered(pilot, monkeypatch, *before: str) -> tuple[ReviewScreen, list[Screen]]:
    """A card of a checked-in session (the first, or the one the keys ``before`` lead to),
    answered, its frames counted from its answer on."""
    await loaded(pilot)
    for key in before:
        await pilot.press(key)
        await loaded(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen) and screen.card is not None
    frames = counting_frames(monkeypatch)
    await pilot.press("enter")
    await loaded(pilot)
    return screen, frames


async def test_an_answer_that_outgrows_the_screen_is_one_frame_scrolled_to_its_check(reviewer, monkeypatch):  # noqa: F811
    """At 80×24 the second card, answered (4), outgrows the body: one frame shows it with its
    scrollbar, scrolled where Textual's ``scroll_visible`` of the explanation then the feedback
    scrolls."""
    app = make_app(checked_in(reviewer, "okay"), initial_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        screen, frames = await answered(pilot, monkeypatch, "enter", "enter", "4")
        body, card = screen.query_one("#review-body", SteadyScroll), screen.card
        assert card is not None and card.graded
        assert len(frames) == 1, frames  # Textual alone: the card, then its bar and scroll, then the bar
        assert body.max_scroll_y > 0 and body.scroll_y > 0 and body.show_vertical_scrollbar
        bar = body.vertical_scrollbar
        assert (bar.window_virtual_size, bar.window_size, bar.position) == (
            body.virtual_size.height, body.scrollable_content_region.height, body.scroll_y)
        assert drawn(bar) == redrawn(bar)  # the frame drew the bar for the content it shows
        kept = body.scroll_y
        body.scroll_to(y=0, animate=False, immediate=True)
        await pilot.pause()
        card.scroll_to_check()  # Textual's way: scroll_visible, in turn
        await pilot.pause()
        assert body.scroll_y == kept


async def test_enter_on_the_choices_answers_there_and_on_a_locked_list_goes_on(reviewer, binding_lookups):  # noqa: F811
    """Enter on the choices selects the highlighted one at the list, as its binding would: the
    key goes no further (no handler above it, no binding of the app's looked up) and the card is
    checked and recorded. On the locked list of a checked card the key goes on to the screen's
    binding, the next step."""
    app = make_app(checked_in(reviewer, "okay"), initial_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        looked_up = binding_lookups
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.card is not None
        first = screen.card
        choices = first.query_one(ChoiceList)
        assert app.focused is choices and not choices.locked
        await pilot.press("enter")
        await loaded(pilot)
        assert looked_up == [("enter", True)]  # the app's priority keys only, before the list
        assert first.graded and choices.locked and len(screen.progress.outcomes) == 1  # recorded
        looked_up.clear()
        await pilot.press("enter")
        await loaded(pilot)
        assert looked_up == [("enter", True), ("enter", False)]  # on to the screen's binding
        assert screen.card is not first  # the next step


async def test_a_number_and_enter_typed_together_check_that_choice(reviewer):  # noqa: F811
    """A number and Enter arriving together (a quick typist, a paste) check the choice of that
    number, the first time and after an undo; a number past the last choice picks nothing, and
    a number on a checked card moves nothing."""
    app = make_app(checked_in(reviewer, "okay"), initial_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.card is not None
        card = screen.card
        count = len(card.item.choices)
        for number in (count, 2, 1):
            for key in (str(number), "enter"):  # posted at once: no pause for the first to land
                app.post_message(events.Key(key, key if len(key) == 1 else None))
            await loaded(pilot)
            assert card.result is not None and card.result.given == str(number), number
            assert card.result.recorded == card.item.choice_id(number)
            app.post_message(events.Key("9", "9"))  # the list is locked: nothing moves
            await loaded(pilot)
            assert card.query_one(ChoiceList).highlighted == number - 1
            await pilot.press("u")
            await loaded(pilot)
            assert card.result is None
        app.post_message(events.Key(str(count + 1), str(count + 1)))
        await loaded(pilot)
        assert card.query_one(ChoiceList).highlighted is None and card.answer == ""


async def test_an_undo_is_one_frame_back_at_the_top(reviewer, monkeypatch):  # noqa: F811
    """``u`` on the answered card: one frame, the card asking again, the body at the top and its
    bar gone."""
    app = make_app(checked_in(reviewer, "okay"), initial_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        screen, frames = await answered(pilot, monkeypatch)
        frames.clear()
        await pilot.press("u")
        await loaded(pilot)
        body, card = screen.query_one("#review-body", SteadyScroll), screen.card
        assert card is not None and card.result is None
        assert len(frames) == 1, frames
        assert body.scroll_y == 0 and body.max_scroll_y == 0 and not body.vertical_scrollbar.display


async def test_a_wide_screen_needs_no_bar(reviewer, monkeypatch):  # noqa: F811
    """Where the answered card fits, the answer is one frame too, with no bar and no scroll."""
    app = make_app(checked_in(reviewer, "okay"), initial_screen="review")
    async with app.run_test(size=(120, 50)) as pilot:
        screen, frames = await answered(pilot, monkeypatch)
        body = screen.query_one("#review-body", SteadyScroll)
        assert len(frames) == 1, frames
        assert body.scroll_y == 0 and not body.show_vertical_scrollbar and not body.vertical_scrollbar.display


async def test_a_settled_column_lies_as_textual_lays_it(reviewer, monkeypatch):  # noqa: F811
    """The card and its step, arranged once per width, place their children where Textual's own
    arrangement at their height does."""
    app = make_app(checked_in(reviewer, "okay"), initial_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _ = await answered(pilot, monkeypatch)
        columns = list(screen.query(Settled))
        assert {type(column) for column in columns} >= {QuestionCard}
        for column in columns:
            size = column.content_region.size
            textuals = arrange(column, column._nodes, size, screen.size)
            assert placed(column.arrange(size)) == placed(textuals)


def placed(arrangement) -> list[tuple[object, ...]]:
    """Where an arrangement puts each widget."""
    return [(p.widget, p.region, p.offset, p.margin) for p in arrangement.placements]


@given(top=st.integers(0, 60), height=st.integers(1, 30), y=st.integers(0, 90), tall=st.integers(1, 40))
def test_scrolling_to_show_a_line_is_textuals(top, height, y, tall):
    """``scroll_to_show`` moves the window as far as Textual's ``Region.get_scroll_to_visible``."""
    window, region = Region(0, top, 10, height), Region(0, y, 10, tall)
    assert scroll_to_show(top, height, region) == Region.get_scroll_to_visible(window, region).y


async def test_the_footer_lists_what_textuals_active_bindings_say(reviewer, monkeypatch):  # noqa: F811
    """On the check-in, an item before and after its answer, after its undo and on the next
    answer, the footer's keys are those Textual's ``active_bindings`` gives for every key shown."""
    app = make_app(reviewer, initial_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = app.screen
        for key in ("", "2", "enter", "u", "down", "enter"):
            if key:
                await pilot.press(key)
            await loaded(pilot)
            textuals = screen.active_bindings
            shown = {key for key, active in textuals.items() if active.binding.show}
            assert shown and app.screen is screen, key
            assert {key: textuals[key] for key in shown} == {
                key: active for key, active in screen.footer_keys().items() if active.binding.show}


async def test_the_footer_drawn_again_is_drawn_as_textual_draws_it(reviewer, monkeypatch):  # noqa: F811
    """The footer's line, kept from an earlier answer, is the line Textual draws for its keys; a
    theme of other colours draws it afresh."""
    app = make_app(checked_in(reviewer, "okay"), initial_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _ = await answered(pilot, monkeypatch)
        footer = screen.query_one(KeysLine)
        for key in ("u", "enter"):
            await pilot.press(key)
            await loaded(pilot)
        listed = len(footer.drawn_lines)
        for key in ("u", "enter", "u", "enter"):
            await pilot.press(key)
            await loaded(pilot)
        assert len(footer.drawn_lines) == listed  # answered and not: each drawn once
        kept = redrawn(footer)
        footer.drawn_lines.clear()
        assert redrawn(footer) == kept
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await loaded(pilot)
        assert redrawn(footer) != kept


async def test_a_kept_line_shows_a_selection_of_its_text(reviewer, monkeypatch):  # noqa: F811
    """Text selected in the hint line (kept drawings) is drawn selected, and plain again after."""
    app = make_app(checked_in(reviewer, "okay"), initial_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _ = await answered(pilot, monkeypatch)
        hint = screen.query_one("#review-hint", KeptStatic)
        plain = drawn(hint)
        screen.selections = {hint: Selection(None, None)}
        await loaded(pilot)
        assert drawn(hint) != plain
        screen.selections = {}
        await loaded(pilot)
        assert drawn(hint) == plain


TEXTUAL_HEIGHT = Content.get_height
"""Textual's count of a text's lines (``counting_drawings`` replaces it)."""


def counting_drawings(monkeypatch) -> tuple[list[str | None], list[str]]:
    """The ids of the widgets whose text Textual draws from now on, and the texts it measures."""
    drawings: list[str | None] = []
    to_strips = Visual.to_strips

    def counted(cls, widget: Widget, *args, **kwargs):
        drawings.append(widget.id)
        return to_strips(widget, *args, **kwargs)

    measured: list[str] = []

    def measuring(content: Content, rules, width: int) -> int:
        measured.append(content.plain)
        return TEXTUAL_HEIGHT(content, rules, width)

    monkeypatch.setattr(Visual, "to_strips", classmethod(counted))
    monkeypatch.setattr(Content, "get_height", measuring)
    return drawings, measured


async def test_a_check_is_drawn_while_its_question_is_read(reviewer, monkeypatch):  # noqa: F811
    """A card's explanation, and the feedback of each answer it can foresee (each choice's, with
    when the item comes back), are drawn once the card is on screen: the first answer's frame
    shows those drawings without drawing or measuring the text, and they are Textual's."""
    app = make_app(checked_in(reviewer, "okay"), initial_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        drawings, measured = counting_drawings(monkeypatch)
        screen, _ = await answered(pilot, monkeypatch)
        card = screen.card
        assert card is not None and card.item.type == "choice" and card.graded
        assert "quiz-feedback" not in drawings and "quiz-explanation" not in drawings, drawings
        for line_id in ("quiz-explanation", "quiz-feedback"):
            line = screen.query_one(f"#{line_id}", AheadStatic)
            assert line.display and line.region.height > 0
            text = line.content
            assert isinstance(text, Content) and text.plain not in measured  # its height kept too
            lines = TEXTUAL_HEIGHT(Content(text.plain), line.styles, line.size.width)
            assert line.size.height == lines > 1
            kept = drawn(line)
            line.drawn_lines.clear()
            assert redrawn(line) == kept and line_id in drawings
        assert "Next review" in card.query_one("#quiz-feedback", AheadStatic).content.plain


async def test_a_foresight_the_answer_belies_is_drawn_then(reviewer, monkeypatch):  # noqa: F811
    """The feedback drawn ahead foresaw a right answer without a look at the lesson (rated Good);
    after a look it counts as Hard and comes back sooner: its feedback, with that day, is drawn
    in the answer's frame, the one Textual draws."""
    app = make_app(checked_in(reviewer, "okay"), initial_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.card is not None and screen.view is not None
        card, view = screen.card, screen.view
        foreseen = set(card.query_one("#quiz-feedback", AheadStatic).drawn_lines)
        assert len(foreseen) == len(card.item.choices)  # each choice's feedback
        good = card.feedback(check_quiz_answer(card.item, str(card.item.answer)), "").plain
        assert view.peek()  # as ``o`` does before the lesson opens
        card.pick(int(card.item.answer))
        drawings, _ = counting_drawings(monkeypatch)
        await pilot.press("enter")
        await loaded(pilot)
        feedback = card.query_one("#quiz-feedback", AheadStatic)
        assert card.result is not None and card.result.outcome == "correct"
        assert "quiz-feedback" in drawings  # drawn in the answer's frame: not foreseen
        assert feedback.content.plain.startswith(good) and feedback.content.plain not in {key[0][0] for key in foreseen}
        shown = drawn(feedback)
        feedback.drawn_lines.clear()
        assert redrawn(feedback) == shown


class Pane(App):
    """A steady pane of tall text, its bar drawn by studytrack and by Textual."""

    CSS = "SteadyScroll { scrollbar-gutter: stable; overflow-x: hidden; overflow-y: auto; }"

    def __init__(self, thickness: int) -> None:
        super().__init__()
        self.thickness = thickness

    def compose(self):
        pane = SteadyScroll(Static("line\n" * 200))
        pane.styles.scrollbar_size_vertical = self.thickness
        yield pane


@pytest.mark.parametrize(("size", "thickness"), [((80, 24), 1), ((30, 5), 2), ((40, 61), 1)])
async def test_a_bar_is_drawn_as_textual_draws_it(size, thickness):
    """The bar drawn from its segments equals Textual's drawing of it, for bars of any length
    and thumb (shown, hovered, grabbed, cropped), in dark, light and ANSI themes, and through the
    app's line filters (no colour, dimmed)."""
    app = Pane(thickness)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        bar = app.query_one(SteadyScroll).vertical_scrollbar
        assert isinstance(bar, SettledScrollBar) and bar.display and bar.size.width == thickness
        width, height = bar.size
        chance = random.Random(12)
        compared = set()
        for theme, line_filter in (("textual-dark", None), ("textual-light", None), ("ansi-dark", None),
                                   ("textual-dark", Monochrome()), ("nord", DimFilter())):
            app.theme = theme
            if line_filter is not None:
                app._filters.append(line_filter)
            await pilot.pause()
            for _ in range(60):
                virtual, window = chance.randint(0, 3 * height), chance.randint(0, 2 * height)
                bar.set_reactive(ScrollBar.window_virtual_size, virtual)
                bar.set_reactive(ScrollBar.window_size, window)
                bar.set_reactive(ScrollBar.position, chance.randint(0, 8 * max(0, virtual - window)) / 8)
                bar.set_reactive(ScrollBar.mouse_over, chance.random() < 0.3)
                bar.set_reactive(ScrollBar.grabbed, Offset(0, 0) if chance.random() < 0.2 else None)
                top = chance.randint(0, height - 1)
                for crop in (Region(0, 0, width, height), Region(width - 1, top, 1, chance.randint(1, height - top))):
                    ours = cells(bar.render_lines(crop))
                    bar._layout_cache.clear()
                    bar._set_dirty()
                    assert ours == cells(ScrollBar.render_lines(bar, crop)), (theme, crop, bar)
                    compared.add(str(ours))
            if line_filter is not None:
                app._filters.remove(line_filter)
        assert len(compared) > 100  # many different drawings, not one drawn again and again



async def test_the_next_hint_is_drawn_while_the_exercise_is_read(session, monkeypatch):
    """The hint ladder with one more hint is drawn once the exercise is on screen, and again
    after each hint: the key that opens a hint draws none of the ladder's text, which is the
    text Textual draws; past the last hint nothing more is drawn ahead."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        app.push_screen(ExerciseScreen("gd.learning-rate", "pick-learning-rate", seed=7))
        for _ in range(20):
            await loaded(pilot)
            if app.screen.query(HintLadder):
                break
        screen = app.screen
        ladder = screen.query_one(HintLadder)
        app.screen.query_one("#answer-lr", Input).value = "0.001"
        await pilot.press("enter", "escape")
        await loaded(pilot)
        drawn_afresh: list[str | None] = []  # by Textual, in a frame (what ``draw_ahead`` draws is not)
        render_content = Widget._render_content

        def counted(widget: Widget) -> None:
            drawn_afresh.append(widget.id)
            render_content(widget)

        monkeypatch.setattr(Widget, "_render_content", counted)
        for shown in range(1, len(ladder.exercise.hints) + 1):
            await pilot.press("h")
            await loaded(pilot)
            assert ladder.shown == shown and ladder.display
            text = ladder.content
            assert isinstance(text, Content) and text.plain.count("\n") == shown - 1
            assert "exercise-hints" not in drawn_afresh, (shown, drawn_afresh)
            kept, ahead = drawn(ladder), dict(ladder.drawn_lines)
            ladder.drawn_lines.clear()
            assert redrawn(ladder) == kept and drawn_afresh.count("exercise-hints") == 1
            ladder.drawn_lines.update(ahead)  # the next step's, drawn after this key's frame
            drawn_afresh.clear()
        drawn_before = dict(ladder.drawn_lines)
        ladder.draw_next_ahead()  # every hint open: nothing more to draw
        assert ladder.drawn_lines == drawn_before
