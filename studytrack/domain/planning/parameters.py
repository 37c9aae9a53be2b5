"""The learner's FSRS parameters as studytrack keeps them: the fitted set with its date and
figures, read and written as the JSON of setting ``fsrs_parameters``.

Light on purpose (no fsrs import): answering a quiz item reads the parameters in force, and
start-up must not pay for the optimizer (``studytrack.domain.planning.fitting``).
"""

import json
import math
from dataclasses import dataclass
from datetime import datetime

MIN_REVIEWS = 400
"""The fewest reviews worth fitting on (FSRS's own rule of thumb)."""

PARAMETER_COUNT = 21
"""How many parameters FSRS-6 has (py-fsrs 6.x and fsrs-rs-python 0.9 alike)."""


@dataclass(frozen=True)
class LoggedReview:
    """One review from the learner's log: which item, the rating (1–4) and when."""

    item_id: str
    rating: int
    at: datetime


@dataclass(frozen=True)
class Score:
    """How well a parameter set predicts the learner's reviews (lower is better for both)."""

    log_loss: float
    """The mean negative log-likelihood of each review's outcome (recalled or not)."""
    rmse: float
    """FSRS's binned RMSE between predicted and observed recall."""


@dataclass(frozen=True)
class Fit:
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


@dataclass(frozen=True)
class AcceptedFit:
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
    (an empty value) or for a value that is not a complete, finite parameter set."""
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
    return accepted
