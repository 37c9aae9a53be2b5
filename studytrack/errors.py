"""The errors studytrack reports to people: one line that says what is wrong and what to do."""

from typing import Protocol


class Sentence(Protocol):
    """A sentence worded when it is shown (``domain.messages.Message``): the domain raises errors
    without knowing the learner's language."""

    def text(self, lang: str) -> str:
        """The sentence in ``lang``."""
        ...


class StudytrackError(Exception):
    """A problem the learner can fix; the command line prints it as one line and exits with 2.

    Raised with a plain line (already worded) or with a ``Sentence``, which ``text(lang)`` words
    in the learner's language; ``str(error)`` is the English line (for logs and tracebacks).
    """

    exit_code = 2

    def __init__(self, message: str | Sentence = "", *args: object):
        self.message = message
        """What went wrong: a worded line, or a sentence still to be worded."""
        super().__init__(message if isinstance(message, str) else message.text("en"), *args)

    def text(self, lang: str) -> str:
        """The error as one line in ``lang`` (a plain line is shown as it was written)."""
        return self.message if isinstance(self.message, str) else self.message.text(lang)


class UnknownIdError(StudytrackError):
    """An id (topic, flag, quiz item, exercise) that does not exist."""


class DatabaseFileError(StudytrackError):
    """The database file cannot be used; it is left exactly as it was."""
