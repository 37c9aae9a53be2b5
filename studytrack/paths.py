"""Where things live: the defaults behind --db and --content."""

from pathlib import Path


def default_db_path() -> Path:
    """The learner's database: ``user_data_dir("studytrack")/studytrack.db``."""
    return default_data_dir() / "studytrack.db"


def default_data_dir() -> Path:
    """The learner's data folder (database, code-exercise workspace)."""
    # Deferred: platformdirs pulls in tempfile, shutil and lzma (~10 ms); a command given --db or
    # STUDYTRACK_DB never needs it.
    from platformdirs import user_data_dir  # noqa: PLC0415

    return Path(user_data_dir("studytrack"))


def bundled_content_dir() -> Path:
    """The course shipped with studytrack: inside the wheel, or ``content/`` in a source checkout."""
    package_dir = Path(__file__).resolve().parent
    installed = package_dir / "_content"
    if installed.is_dir():
        return installed
    return package_dir.parent / "content"
