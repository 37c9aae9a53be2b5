"""The errors studytrack reports to people: one line that says what is wrong and what to do."""


class StudytrackError(Exception):
    """A problem the learner can fix; the command line prints it as one line and exits with 2."""

    exit_code = 2


class UnknownIdError(StudytrackError):
    """An id (topic, flag, quiz item, exercise) that does not exist."""


class DatabaseFileError(StudytrackError):
    """The database file cannot be used; it is left exactly as it was."""
