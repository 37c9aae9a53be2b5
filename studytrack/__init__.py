"""studytrack: a self-paced study companion for the terminal (lessons, quizzes, exercises, flags)."""

__version__ = "0.1.0"
