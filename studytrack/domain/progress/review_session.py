"""Where today's review session stands: its steps, the one shown, what each came to, and which
answers can still be taken back. Plain state with no screen, database or clock, so the review
screen only draws it."""

from __future__ import annotations

from dataclasses import dataclass, field

from studytrack.domain.progress.standing import SessionStep, SessionSummary, summarize_session


@dataclass
class ReviewSession:
    """The steps of a session (``session_steps``) and how far the learner got through them."""

    steps: list[SessionStep] = field(default_factory=list)
    """The session's steps, in order."""
    index: int = 0
    """The step shown; ``len(steps)`` once the session is over."""
    outcomes: dict[int, tuple[str, str, int | None]] = field(default_factory=dict)
    """Step index → ``(kind, outcome, days until its next review)`` of each step done."""
    history: list[tuple[int, int]] = field(default_factory=list)
    """``(step index, review log id)`` of each answer this session logged, in order (for undo)."""
    skipped: set[int] = field(default_factory=set)
    """Steps passed over without an answer."""

    @property
    def step(self) -> SessionStep | None:
        """The step shown, or None once the session is over."""
        return self.steps[self.index] if self.index < len(self.steps) else None

    @property
    def on_last_step(self) -> bool:
        """True while the last step is shown."""
        return self.index == len(self.steps) - 1

    @property
    def over(self) -> bool:
        """True once every step was shown."""
        return self.index >= len(self.steps)

    def done(self, outcome: str, days: int | None, log_id: int | None) -> None:
        """The step shown came to ``outcome`` (its item back in ``days``; the answer logged as
        ``log_id``, which undo can take back)."""
        self.outcomes[self.index] = (self.steps[self.index].kind, outcome, days)
        if log_id is not None:
            self.history.append((self.index, log_id))

    def next_review_in(self) -> int | None:
        """In how many days the item of the step shown comes back, once answered."""
        done = self.outcomes.get(self.index)
        return None if done is None else done[2]

    def skip(self) -> None:
        """Pass the step shown over (it stays due; the summary counts it)."""
        self.skipped.add(self.index)

    def advance(self) -> None:
        """Show the next step (or end the session after the last)."""
        self.index += 1

    def take_back(self) -> int:
        """Forget the latest logged answer and step back to it; returns its step index."""
        index, _ = self.history.pop()
        self.outcomes.pop(index, None)
        self.skipped = {skipped for skipped in self.skipped if skipped < index}
        self.index = index
        return index

    def summary(self) -> SessionSummary:
        """What the session came to so far."""
        return summarize_session(self.outcomes.values(), len(self.skipped))
