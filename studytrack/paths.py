"""Where things live and which language to speak: the defaults behind --db, --content and --lang."""

import os
from pathlib import Path

LANGUAGES = ("en", "ko")
"""The languages every learner-facing text exists in."""


def default_db_path() -> Path:
    """The learner's database: ``user_data_dir("studytrack")/studytrack.db``."""
    return default_data_dir() / "studytrack.db"


def default_data_dir() -> Path:
    """The learner's data folder (database, code-exercise workspace)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("studytrack"))


def bundled_content_dir() -> Path:
    """The course shipped with studytrack: inside the wheel, or ``content/`` in a source checkout."""
    package_dir = Path(__file__).resolve().parent
    installed = package_dir / "_content"
    if installed.is_dir():
        return installed
    return package_dir.parent / "content"


def language_from_environment(environ: dict[str, str] | None = None) -> str:
    """``ko`` when the locale is Korean (``ko*``), else ``en``."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(name, "")
        if value:
            return "ko" if value.lower().startswith("ko") else "en"
    return "en"
