"""Runnable exercises: the model read from content, numeric checks, code exercises, plots, workspace."""
