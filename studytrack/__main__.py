"""Run studytrack with ``python -m studytrack``."""

from studytrack.cli import main

if __name__ == "__main__":
    main()
