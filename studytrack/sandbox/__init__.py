"""Running learner code in a limited child process: the runner (parent side) and the harness (child side)."""
