"""The learner's FSRS parameters as studytrack keeps them: the fitted set with its date and
figures, read and written as the JSON of setting ``fsrs_parameters``.

Light on purpose (no fsrs import): answering a quiz item reads the parameters in force, and
start-up must not pay for the optimizer (``studytrack.domain.planning.fitting``). For the same
reason the value types are named tuples: a frozen dataclass costs ~1 ms at start-up.
"""

import json
import math
from datetime import datetime
from typing import NamedTuple

MIN_REVIEWS = 400
"""The fewest reviews worth fitting on (FSRS's own rule of thumb)."""

PARAMETER_COUNT = 21
"""How many parameters FSRS-6 has (py-fsrs 6.x and fsrs-rs-python 0.9 alike)."""

PARAMETER_BOUNDS = (
    (0.001, 0.001, 0.001, 0.001, 1.0, 0.001, 0.001, 0.001, 0.0, 0.0, 0.001, 0.001, 0.001, 0.001, 0.0, 0.0, 1.0,
     0.0, 0.0, 0.0, 0.1),
    (100.0, 100.0, 100.0, 100.0, 10.0, 4.0, 4.0, 0.75, 4.5, 0.8, 3.5, 5.0, 0.25, 0.9, 4.0, 1.0, 6.0, 2.0, 2.0,
     0.8, 0.8),
)
"""FSRS-6's lowest and highest value of each parameter (fsrs's ``LOWER_BOUNDS_PARAMETERS`` and
``UPPER_BOUNDS_PARAMETERS``, copied so that reading a setting never imports fsrs; a test compares
them). A stored set outside them (a hand-edited database, a decay of 0) is not used."""


class LoggedReview(NamedTuple):
    """One review from the learner's log: which item, the rating (1–4) and when."""

    item_id: str
    rating: int
    at: datetime


class Score(NamedTuple):
    """How well a parameter set predicts the learner's reviews (lower is better for both)."""

    log_loss: float
    """The mean negative log-likelihood of each review's outcome (recalled or not)."""
    rmse: float
    """FSRS's binned RMSE between predicted and observed recall."""


class Fit(NamedTuple):
    """The outcome of fitting: the parameters and how both sets score on the same history."""

    parameters: tuple[float, ...]
    default: Score
    fitted: Score
    reviews: int
    """The reviews the fit was made on."""

    @property
    def improves(self) -> bool:
        """Whether the fitted parameters predict the history better than the defaults."""
        return self.fitted.log_loss < self.default.log_loss


class AcceptedFit(NamedTuple):
    """Fitted parameters the learner accepted: what the scheduler uses, with when and why."""

    fit: Fit
    accepted_at: str
    """UTC ISO-8601 time the learner accepted them."""

    def to_json(self) -> str:
        """The value of setting ``fsrs_parameters``."""
        return json.dumps(self.as_dict(), sort_keys=True)

    def as_dict(self) -> dict[str, object]:
        """The fit as a JSON object (also what ``optimize --json`` prints)."""
        return {
            "parameters": list(self.fit.parameters),
            "accepted_at": self.accepted_at,
            "reviews": self.fit.reviews,
            "default": {"log_loss": self.fit.default.log_loss, "rmse": self.fit.default.rmse},
            "fitted": {"log_loss": self.fit.fitted.log_loss, "rmse": self.fit.fitted.rmse},
        }


def accepted_fit_from_json(text: str) -> AcceptedFit | None:
    """The accepted fit stored as ``text`` (setting ``fsrs_parameters``); None for the defaults
    (an empty value) or for a value that is not a complete, finite parameter set within FSRS's
    bounds (``PARAMETER_BOUNDS``)."""
    if not text.strip():
        return None
    try:
        data = json.loads(text)
        parameters = tuple(float(value) for value in data["parameters"])
        fit = Fit(
            parameters,
            Score(float(data["default"]["log_loss"]), float(data["default"]["rmse"])),
            Score(float(data["fitted"]["log_loss"]), float(data["fitted"]["rmse"])),
            int(data["reviews"]),
        )
        accepted = AcceptedFit(fit, str(data["accepted_at"]))
    except (ValueError, TypeError, KeyError):
        return None
    if len(parameters) != PARAMETER_COUNT or not all(map(math.isfinite, parameters)):
        return None
    lowest, highest = PARAMETER_BOUNDS
    if not all(low <= value <= high for low, value, high in zip(lowest, parameters, highest, strict=True)):
        return None
    return accepted
