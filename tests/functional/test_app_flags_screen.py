"""The flags screen: oldest first, resolve with a note, filter by category, show resolved ones."""

from datetime import timedelta

from textual.widgets import OptionList, Static

from studytrack.clock import fixed_clock
from studytrack.store.database import open_database
from studytrack.store.flags import add_flag, get_flag, resolve_flag
from studytrack.store.learner import Learner
from studytrack.ui.app import make_app


def make_flags(session):
    """Three open flags, made 3 days ago, yesterday and now."""
    db = open_database(session.db_path)
    now = session.now()
    first = add_flag(Learner(db, fixed_clock(now - timedelta(days=3))), "loss.zero", "math", "why zero?")
    second = add_flag(Learner(db, fixed_clock(now - timedelta(days=1))), "gd.idea", "intuition", "")
    third = add_flag(Learner(db, fixed_clock(now)), "opt.saddle", "math", "flat but not a minimum?")
    return first, second, third


def shown_ids(app) -> list[str]:
    """The option ids the flags list shows."""
    return [option.id for option in app.screen.query_one("#flag-list", OptionList).options]


async def open_flags(app, pilot, settle):
    """Press F once the data is read."""
    await settle(app, pilot)
    await pilot.press("F")
    await settle(app, pilot)
    assert type(app.screen).__name__ == "FlagsScreen"


async def test_open_flags_oldest_first_with_title_category_age_and_note(session, settle):
    """Each open flag shows its topic's title, category, age and note, the oldest first."""
    first, second, third = make_flags(session)
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_flags(app, pilot, settle)
        assert shown_ids(app) == [f"flag-{first.id}", f"flag-{second.id}", f"flag-{third.id}"]
        prompt = str(app.screen.query_one("#flag-list", OptionList).get_option_at_index(0).prompt)
        assert "What Loss = 0 means" in prompt
        assert "math · 3 days ago" in prompt
        assert "why zero?" in prompt
        second_prompt = str(app.screen.query_one("#flag-list", OptionList).get_option_at_index(1).prompt)
        assert "yesterday" in second_prompt and "(no note)" in second_prompt


async def test_resolving_a_flag_with_what_made_it_click(session, settle):
    """r asks what made it click; the flag is resolved with that note and leaves the list."""
    first, second, third = make_flags(session)
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_flags(app, pilot, settle)
        await pilot.press("r")
        await pilot.pause()
        assert type(app.screen).__name__ == "ResolveDialog"
        await pilot.press(*"a valley", "enter")
        await settle(app, pilot)
        assert shown_ids(app) == [f"flag-{second.id}", f"flag-{third.id}"]
    resolved = get_flag(open_database(session.db_path), first.id)
    assert resolved.resolution_note == "a valley"
    assert resolved.resolved_at == "2026-11-28T09:30:00+00:00"


async def test_cancelling_the_resolve_dialog_changes_nothing(session, settle):
    """Escape in the resolve dialog leaves the flag open."""
    first, *_ = make_flags(session)
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_flags(app, pilot, settle)
        await pilot.press("r", "escape")
        await settle(app, pilot)
    assert get_flag(open_database(session.db_path), first.id).is_open


async def test_c_cycles_the_category_filter(session, settle):
    """c shows one category after the other, then all again."""
    first, second, third = make_flags(session)
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_flags(app, pilot, settle)
        await pilot.press("c")  # prerequisite: none
        assert shown_ids(app) == [None]
        assert "No flags in this category" in str(
            app.screen.query_one("#flag-list", OptionList).get_option_at_index(0).prompt
        )
        await pilot.press("c", "c")  # notation, intuition
        assert shown_ids(app) == [f"flag-{second.id}"]
        await pilot.press("c")  # math
        assert shown_ids(app) == [f"flag-{first.id}", f"flag-{third.id}"]
        assert "Showing: math" in str(app.screen.query_one("#flags-filter", Static).render())
        await pilot.press("c", "c")  # other, then all
        assert len(shown_ids(app)) == 3


async def test_a_shows_resolved_flags_with_their_note(session, settle):
    """a adds the resolved flags after the open ones, with what made them click."""
    _, second, _ = make_flags(session)
    resolve_flag(Learner(open_database(session.db_path), session.clock), second.id, "a video")
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_flags(app, pilot, settle)
        assert f"flag-{second.id}" not in shown_ids(app)
        await pilot.press("a")
        assert shown_ids(app)[-1] == f"flag-{second.id}"
        last = str(app.screen.query_one("#flag-list", OptionList).get_option_at_index(2).prompt)
        assert "resolved 2026-11-28: a video" in last
        app.screen.query_one("#flag-list", OptionList).highlighted = 2
        await pilot.press("r")
        await pilot.pause()
        assert type(app.screen).__name__ == "FlagsScreen"


async def test_enter_opens_the_lesson_at_the_flagged_section(session, settle):
    """Enter on a flag opens its lesson at the flagged section."""
    make_flags(session)
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_flags(app, pilot, settle)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "LessonScreen"
        assert app.screen.current_section.topic_id == "gd.idea"


async def test_a_flag_made_by_another_process_appears_after_ctrl_r(session, settle):
    """A flag added through another connection (the command line) shows after ctrl+r."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_flags(app, pilot, settle)
        assert shown_ids(app) == [None]
        flag = add_flag(Learner(open_database(session.db_path), session.clock), "gd.idea", "intuition", "downhill?")
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert shown_ids(app) == [f"flag-{flag.id}"]


async def test_the_app_opens_on_the_flags_screen_when_asked(session, settle):
    """make_app(session, initial_screen="flags") opens the flags over Home; escape goes home."""
    make_flags(session)
    app = make_app(session, initial_screen="flags")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert type(app.screen).__name__ == "FlagsScreen"
        assert len(shown_ids(app)) == 3
        await pilot.press("escape")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "HomeScreen"


async def test_editing_a_flag_changes_its_category_and_note_and_ctrl_z_takes_it_back(session, settle):
    """e opens the flag dialog filled in; a new category and note are saved; ctrl+z, after
    asking, puts the flag back as it was."""
    first, _, _ = make_flags(session)
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_flags(app, pilot, settle)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert type(dialog).__name__ == "FlagDialog"
        assert dialog.query_one("#flag-note").value == "why zero?"
        next(button for button in dialog.query("RadioButton") if button.name == "notation").value = True
        dialog.query_one("#flag-note").value = "the zero of what?"
        await pilot.pause()
        dialog.action_save()
        await settle(app, pilot)
        edited = get_flag(open_database(session.db_path), first.id)
        assert (edited.category, edited.note) == ("notation", "the zero of what?")
        await pilot.press("ctrl+z", "y")
        await settle(app, pilot)
        back = get_flag(open_database(session.db_path), first.id)
        assert (back.category, back.note) == ("math", "why zero?")


async def test_moving_a_flag_to_another_topic(session, settle):
    """m lists the topics; Enter on another moves the flag there."""
    first, _, _ = make_flags(session)
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_flags(app, pilot, settle)
        await pilot.press("m")
        await pilot.pause()
        assert type(app.screen).__name__ == "TopicDialog"
        topics = app.screen.query_one("#topic-list", OptionList)
        assert topics.highlighted_option.id == "loss.zero"
        await pilot.press("down", "enter")
        await settle(app, pilot)
        moved = get_flag(open_database(session.db_path), first.id)
        assert moved.topic_id == topics.get_option_at_index(topics.highlighted).id != "loss.zero"


async def test_deleting_a_flag_asks_first_and_undo_brings_it_back(session, settle):
    """d asks; n keeps it, y deletes it; ctrl+z (after asking) brings it back with its id."""
    first, second, third = make_flags(session)
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_flags(app, pilot, settle)
        await pilot.press("d")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("n")
        await settle(app, pilot)
        assert len(shown_ids(app)) == 3
        await pilot.press("d", "y")
        await settle(app, pilot)
        assert shown_ids(app) == [f"flag-{second.id}", f"flag-{third.id}"]
        await pilot.press("ctrl+z", "y")
        await settle(app, pilot)
        assert shown_ids(app) == [f"flag-{first.id}", f"flag-{second.id}", f"flag-{third.id}"]


async def test_a_very_long_note_is_folded_in_the_list(session, settle):
    """A note of thousands of characters (written before notes were capped) shows its start and
    how much more, never a screenful."""
    db = open_database(session.db_path)
    add_flag(Learner(db, session.clock), "loss.zero", "math", "")
    db.execute("UPDATE flags SET note = ?", ["x" * 100_000])
    db.close()
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_flags(app, pilot, settle)
        prompt = str(app.screen.query_one("#flag-list", OptionList).get_option_at_index(0).prompt)
        assert len(prompt) < 400 and "(+99760)" in prompt
