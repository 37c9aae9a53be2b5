"""The optimizer's progress is real: reading the log, preparing the training items chunk by
chunk, the fit and each scoring move one bar, in order, to its end; the fit it reports on is the
same fit as without a bar; and Ctrl+C during the fit stores nothing."""

import contextlib

import click
import pytest
from synthetic_learner import synthetic_reviews

from studytrack.cli import schedule
from studytrack.clock import to_iso
from studytrack.domain.planning import fitting as planning_fitting
from studytrack.domain.planning.fitting import PREPARE_CHUNK, WORK_PER_REVIEW, fit_to_history, fit_work
from studytrack.store import fitting
from studytrack.store.database import immediate
from studytrack.store.fitting import accepted_fit, logged_reviews

REVIEWS = synthetic_reviews(3000, seed=3)


def test_the_fit_reports_each_chunk_of_items_the_fit_and_each_scoring():
    heard: list[tuple[int, int]] = []
    fit = fit_to_history(REVIEWS, lambda done, total: heard.append((done, total)))
    items = len({review.item_id for review in REVIEWS})
    assert {total for _, total in heard} == {fit_work(len(REVIEWS))}
    assert [done for done, _ in heard] == sorted(done for done, _ in heard)
    assert heard[0][0] == 0 and heard[-1][0] == fit_work(len(REVIEWS))
    assert len(heard) == 1 + -(-items // PREPARE_CHUNK) + 3
    assert heard[-4][0] == len(REVIEWS) * WORK_PER_REVIEW["prepare"]  # every item prepared before the fit
    plain = fit_to_history(REVIEWS)  # fsrs-rs sums in parallel: the last bits of a figure may differ
    assert fit.parameters == pytest.approx(plain.parameters) and fit.reviews == plain.reviews
    assert fit.fitted.log_loss == pytest.approx(plain.fitted.log_loss)
    assert fit.default.rmse == pytest.approx(plain.default.rmse)


def test_reading_the_log_reports_every_chunk(db, monkeypatch):
    monkeypatch.setattr(fitting, "READ_CHUNK", 1000)
    with immediate(db):
        db.conn.executemany(
            "INSERT INTO review_logs (kind, item_id, topic_id, rating, outcome, created_at) "
            "VALUES ('review', ?, 'loss.zero', ?, 'correct', ?)",
            [(review.item_id, review.rating, to_iso(review.at)) for review in REVIEWS[:2510]],
        )
    heard: list[tuple[int, int]] = []
    read = logged_reviews(db, lambda done, total: heard.append((done, total)))
    assert read == logged_reviews(db)
    assert heard == [(1000, 2510), (2000, 2510), (2510, 2510)]


class RecordingBar:
    """Stands in for click's progress bar and keeps every position it is moved to."""

    def __init__(self, length: int) -> None:
        self.length, self.pos, self.positions = length, 0, []

    def update(self, steps: int) -> None:
        self.pos += steps
        self.positions.append(self.pos)


def test_the_command_draws_one_bar_from_reading_to_the_last_scoring(db, monkeypatch):
    with immediate(db):
        db.conn.executemany(
            "INSERT INTO review_logs (kind, item_id, topic_id, rating, outcome, created_at) "
            "VALUES ('review', ?, 'loss.zero', ?, 'correct', ?)",
            [(review.item_id, review.rating, to_iso(review.at)) for review in REVIEWS],
        )
    bars: list[RecordingBar] = []

    @contextlib.contextmanager
    def progressbar(length, **_):
        bars.append(RecordingBar(length))
        yield bars[-1]

    monkeypatch.setattr(click, "progressbar", progressbar)
    monkeypatch.setattr(fitting, "READ_CHUNK", 500)
    schedule._fit_with_progress(db, len(REVIEWS), show=True, lang="en")
    (bar,) = bars
    assert bar.length == WORK_PER_REVIEW["read"] * len(REVIEWS) + fit_work(len(REVIEWS))
    assert bar.positions == sorted(bar.positions) and bar.positions[-1] == bar.length
    items = len({review.item_id for review in REVIEWS})
    read_chunks, item_chunks = -(-len(REVIEWS) // 500), -(-items // PREPARE_CHUNK)
    assert len(set(bar.positions)) == read_chunks + item_chunks + 3  # and the fit, 2 scorings
    assert schedule._fit_with_progress(db, len(REVIEWS), show=False, lang="en") is not None and len(bars) == 1


def test_ctrl_c_during_the_fit_stores_nothing(db, run_cli, monkeypatch):
    with immediate(db):
        db.conn.executemany(
            "INSERT INTO review_logs (kind, item_id, topic_id, rating, outcome, created_at) "
            "VALUES ('review', ?, 'loss.zero', ?, 'correct', ?)",
            [(review.item_id, review.rating, to_iso(review.at)) for review in REVIEWS],
        )
    before = db.execute("SELECT * FROM setting_changes").fetchall()

    def interrupted(items):
        raise KeyboardInterrupt

    monkeypatch.setattr(planning_fitting, "fit_parameters", interrupted)
    result = run_cli("optimize", "--yes")
    assert result.exit_code == 1 and "Aborted" in result.output
    assert accepted_fit(db) is None
    assert db.execute("SELECT * FROM setting_changes").fetchall() == before
