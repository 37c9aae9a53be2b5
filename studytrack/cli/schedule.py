"""``studytrack optimize`` (FSRS parameters fitted to the learner's own reviews, accepted after
seeing how well they predict them) and ``studytrack forecast`` (the next 30 days of reviews at a
few desired retentions)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from studytrack.cli.common import echo_json, pass_session
from studytrack.errors import StudytrackError
from studytrack.i18n import Catalog
from studytrack.session import Session

if TYPE_CHECKING:
    from studytrack.domain.planning.forecast import RetentionForecast
    from studytrack.domain.planning.parameters import Fit
    from studytrack.store.connection import StoreDatabase

TEXT = Catalog("cli.schedule")


@click.command()
@click.option("--reset", is_flag=True, help="Go back to FSRS's default parameters.")
@click.option("--yes", is_flag=True, help="Accept the fitted parameters without asking (for scripts).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@pass_session
def optimize(session: Session, reset: bool, yes: bool, as_json: bool) -> None:
    """Fit the review schedule to your own review history (needs 400 reviews)."""
    # Deferred: the store imports sqlite-utils (~100 ms); the optimizer imports fsrs and
    # fsrs-rs-python (~50 ms) only once there is enough to fit.
    from studytrack.domain.planning.parameters import MIN_REVIEWS  # noqa: PLC0415
    from studytrack.store.fitting import (  # noqa: PLC0415 - sqlite-utils, as above
        accept_fit,
        accepted_fit,
        reset_parameters,
        review_count,
    )

    db, lang = session.db(), session.lang
    if reset:
        was_fitted = accepted_fit(db) is not None
        reset_parameters(db)
        if as_json:
            echo_json({"reset": True, "was_fitted": was_fitted})
        else:
            click.echo(TEXT("reset" if was_fitted else "reset_already", lang))
        return
    count = review_count(db)
    if count < MIN_REVIEWS:
        raise StudytrackError(TEXT("too_few", lang, needed=MIN_REVIEWS, count=count))
    try:
        fit = _fit_with_progress(db, count, show=not as_json and sys.stderr.isatty(), lang=lang)
    except ValueError as error:
        raise StudytrackError(TEXT("nothing_to_fit", lang, count=count)) from error
    if not as_json:
        _echo_fit(fit, lang)
    accepted = False
    if fit.improves:
        accepted = yes or (sys.stdin.isatty() and click.confirm(TEXT("confirm", lang), default=False, err=True))
        if accepted:
            accept_fit(db, fit, session.now())
    if as_json:
        echo_json(_fit_json(fit, accepted))
    if not fit.improves:
        click.echo(TEXT("no_better", lang), err=as_json)
    elif accepted:
        click.echo(TEXT("accepted", lang), err=as_json)
    elif sys.stdin.isatty():
        click.echo(TEXT("declined", lang), err=True)
    else:
        raise StudytrackError(TEXT("not_confirmed", lang))


def _fit_with_progress(db: StoreDatabase, count: int, show: bool, lang: str) -> Fit:
    """Read the learner's ``count`` reviews and fit FSRS to them, with one progress bar on a
    terminal over reading the log, preparing, fitting and scoring, each weighted by its measured
    cost (Ctrl+C stops it; nothing is stored until the learner accepts)."""
    # Deferred: fsrs and fsrs-rs-python (~50 ms), for this command only.
    from studytrack.domain.planning.fitting import WORK_PER_REVIEW, fit_to_history, fit_work  # noqa: PLC0415
    from studytrack.store.fitting import logged_reviews  # noqa: PLC0415 - sqlite-utils, as in optimize

    if not show:
        return fit_to_history(logged_reviews(db))
    read_work = WORK_PER_REVIEW["read"] * count
    with click.progressbar(length=read_work + fit_work(count), label=TEXT("fitting", lang, count=count),
                           file=sys.stderr) as bar:
        reviews = logged_reviews(db, lambda done, total: bar.update(WORK_PER_REVIEW["read"] * done - bar.pos))
        return fit_to_history(reviews, lambda done, total: bar.update(read_work + done - bar.pos))


def _echo_fit(fit: Fit, lang: str) -> None:
    """The figures of both parameter sets on the learner's history."""
    click.echo(TEXT("figures", lang, count=fit.reviews))
    for name, figures in (("default", fit.default), ("fitted", fit.fitted)):
        click.echo(TEXT(name, lang, log_loss=f"{figures.log_loss:.4f}", rmse=f"{figures.rmse:.4f}"))


def _fit_json(fit: Fit, accepted: bool) -> dict[str, object]:
    """``optimize --json``: the figures, the parameters, whether they are better and accepted."""
    return {
        "reviews": fit.reviews,
        "default": {"log_loss": fit.default.log_loss, "rmse": fit.default.rmse},
        "fitted": {"log_loss": fit.fitted.log_loss, "rmse": fit.fitted.rmse},
        "parameters": list(fit.parameters),
        "improves": fit.improves,
        "accepted": accepted,
    }


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the forecast as JSON.")
@pass_session
def forecast(session: Session, as_json: bool) -> None:
    """The next 30 days of reviews at your desired retention, 0.85 and 0.95."""
    # Deferred: the simulation imports fsrs (~40 ms) and the store sqlite-utils (~100 ms).
    from studytrack.domain.planning.forecast import FORECAST_DAYS, forecast_workload, retentions_to_compare  # noqa: PLC0415
    from studytrack.store.fitting import accepted_fit  # noqa: PLC0415 - sqlite-utils, as above
    from studytrack.store.forecast import forecast_inputs  # noqa: PLC0415 - sqlite-utils, as above
    from studytrack.store.settings import desired_retention  # noqa: PLC0415 - sqlite-utils, as above

    db, lang, now = session.db(), session.lang, session.now()
    current = desired_retention(db)
    item_ids = [item.id for item in session.course().quiz_items]
    inputs = forecast_inputs(db, item_ids, now)
    lines = forecast_workload(inputs, retentions_to_compare(current), now)
    fitted = accepted_fit(db) is not None
    if as_json:
        echo_json({
            "days": FORECAST_DAYS,
            "desired_retention": current,
            "fitted_parameters": fitted,
            "item_seconds": inputs.item_seconds,
            "forecasts": [line.as_dict() for line in lines],
        })
        return
    click.echo(TEXT("forecast_title", lang, days=FORECAST_DAYS))
    click.echo(TEXT("forecast_fitted" if fitted else "forecast_default", lang))
    for line in lines:
        _echo_forecast_line(line, current, lang)


def _echo_forecast_line(line: RetentionForecast, current: float, lang: str) -> None:
    """One retention's expected workload."""
    mine = abs(line.desired_retention - current) < 1e-9
    click.echo(TEXT(
        "forecast_line_yours" if mine else "forecast_line", lang,
        retention=f"{line.desired_retention:.2f}", total=f"{line.total_reviews:.0f}",
        minutes=f"{line.average_minutes:.1f}", peak=f"{line.peak_reviews:.0f}",
    ))


COMMANDS = (optimize, forecast)
"""The commands this module adds to ``studytrack``."""
