"""Recorded quiz answers to choice items, from typed positions to stable choice ids.

Until the course's second edition a choice answer was stored as what the learner typed: a
position (``2``), a letter (``b``, ``(b)``). The second edition gives every choice a stable id
and reorders some items' choices, so a stored ``2`` would now point at another choice. The
migration rewrites each such answer as the id of the choice it meant, read through the order
the item showed its choices before the change (frozen below: the course files may change
again, this history may not).
"""

import unicodedata

from sqlite_utils import Database

CHOICE_IDS_BEFORE_SECOND_EDITION: dict[str, tuple[str, ...]] = {
    "analytic-hard-not-a-reason": ("many-dimensions", "not-convex", "saddle-points", "needs-learning-rate"),
    "analytic-hard-many-dimensions": (
        "retired-many-dimensions-there-no",
        "no-derivatives",
        "retired-many-dimensions-make-loss",
        "many-coupled-equations",
    ),
    "analytic-hard-non-convex": (
        "many-flat-points",
        "only-global",
        "retired-non-convex-means-loss",
        "retired-non-convex-means-loss-2",
    ),
    "analytic-hard-saddle": (
        "derivative-missing",
        "flat-but-not-minimum",
        "retired-saddle-point-always-global",
        "large-learning-rate",
    ),
    "gd-idea-foggy-mountain": ("survey-first", "follow-gradient", "step-downhill", "retired-jump-random-spot-mountain"),
    "update-rule-which": ("plus-alpha-gradient", "minus-alpha-gradient", "alpha-minus-w", "divide-by-alpha"),
    "learning-rate-too-large": ("always-faster", "retired-nothing-changes-has-no", "loss-changes-shape", "overshoots"),
    "mse-gradient-db-formula": ("times-x", "mean-error", "the-loss-itself", "times-b"),
    "mse-gradient-why-x": ("x-is-parameter", "makes-positive", "chain-rule", "step-scaling-convention"),
    "own-pace-classmate-faster": (
        "match-their-speed",
        "keep-own-pace",
        "retired-quit-now-if-you",
        "retired-copy-classmate-s-schedule",
    ),
    "find-gaps-after-lecture": (
        "move-on-and-hope",
        "retired-decide-this-topic-not",
        "pin-down-and-flag",
        "rewatch-everything",
    ),
    "condition-exhausted-today": ("push-through", "all-nighter", "retired-conclude-you-not-cut", "short-light-session"),
    "long-view-ten-months": ("ten-months", "perfect-score", "on-schedule", "memorise-formulas"),
    "nobody-100-not-everything": ("prove-first", "note-and-follow-up", "pause-until-complete", "stop-looking-up"),
    "nobody-100-hard-week": (
        "expect-gaps",
        "retired-give-up-early-before",
        "retired-treat-any-part-you",
        "skip-hard-parts",
    ),
    "focus-selection-and-focus": ("same-depth", "drop-hard-topics", "best-then-look-up", "proofs-first"),
    "feedback-why": ("counts-as-review", "retired-because-only-people-who", "speed-up", "adjust-difficulty"),
    "parametric-which-models": (
        "parametric-models",
        "every-model",
        "retired-only-models-have-no",
        "retired-only-models-never-look",
    ),
    "loss-purpose-direction": ("stores-data", "widens-gap", "gives-direction", "zero-means-perfect"),
    "notation-what-we-change": ("x-and-y", "w-and-b", "only-x", "y-to-match"),
    "notation-target-vs-prediction": ("swapped", "both-given", "retired-y-learning-rate-loss", "target-and-prediction"),
    "error-why-square": (
        "errors-cancel",
        "always-positive",
        "retired-because-subtraction-too-slow",
        "independent-of-parameters",
    ),
    "loss-zero-meaning": ("parameters-zero", "learning-rate-zero", "every-prediction-equal", "retired-all-targets-y-0"),
    "find-zero-how": ("differentiate-input", "change-targets", "differentiate-parameters", "learning-rate-zero"),
    "local-global-which-kind": (
        "global-minimum",
        "local-not-global",
        "local-maximum",
        "retired-point-where-learning-rate",
    ),
    "saddle-x2-minus-y2": ("global-minimum", "local-minimum", "saddle", "retired-point-where-f-undefined"),
    "convex-linear-regression": (
        "convex-bowl",
        "retired-because-linear-regression-has",
        "many-minima",
        "retired-because-gradient-descent-ignores",
    ),
    "stopping-criterion": (
        "loss-exactly-zero",
        "retired-always-stop-after-exactly",
        "w-reaches-zero",
        "small-change-or-budget",
    ),
    "stopping-max-steps": (
        "may-never-stop",
        "gradient-grows",
        "retired-because-maximum-step-count",
        "guarantees-global",
    ),
    "stochastic-full-vs-mini": (
        "no-learning-rate",
        "all-versus-subset",
        "retired-mini-batch-needs-different",
        "retired-they-identical-mini-batch",
    ),
    "stochastic-why-mini-batches": (
        "makes-convex",
        "retired-because-mini-batches-loss",
        "cheap-estimates",
        "no-stopping-rule",
    ),
}
"""Each choice item's choice ids in the order it showed them before the second edition; an id
starting with ``retired-`` names a choice the second edition no longer offers."""


def choice_position(answer: str, count: int) -> int | None:
    """The 1-based position a typed choice answer names (``2``, ``b``, ``(b)``, ``２``), or None."""
    word = unicodedata.normalize("NFKC", answer).strip().casefold().strip("().")
    if word.isdigit() and 1 <= int(word) <= count:
        return int(word)
    if len(word) == 1 and "a" <= word < chr(ord("a") + count):
        return ord(word) - ord("a") + 1
    return None


def record_choice_answers_as_ids(db: Database) -> None:
    """Rewrite every stored answer to a choice item that names a position as that choice's id.

    Answers that name no position (already an id, or text that matched a choice's wording) are
    left as they are, so running this twice changes nothing.
    """
    items = list(CHOICE_IDS_BEFORE_SECOND_EDITION)
    marks = ", ".join("?" for _ in items)
    rows = db.execute(f"SELECT id, item_id, answer FROM quiz_attempts WHERE item_id IN ({marks})", items).fetchall()
    for attempt_id, item_id, answer in rows:
        ids = CHOICE_IDS_BEFORE_SECOND_EDITION[item_id]
        position = choice_position(str(answer), len(ids))
        if position is not None:
            db.execute("UPDATE quiz_attempts SET answer = ? WHERE id = ?", [ids[position - 1], attempt_id])
