"""Where things live: the defaults behind --db and --content, and what is kept beside the code as
Python keeps bytecode (the compiled locale files, the parsed stylesheets)."""

import _thread
import os
import sys
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path

DEFAULT_DB_NAME = "studytrack.db"
"""The database's file name where none is chosen."""


def default_db_path() -> Path:
    """The learner's database: ``user_data_dir("studytrack")/studytrack.db``."""
    return default_data_dir() / DEFAULT_DB_NAME


def default_data_dir() -> Path:
    """The learner's data folder (database, code-exercise workspace): platformdirs'
    ``user_data_dir("studytrack")``.

    On Linux that is the XDG rule, read here directly (``$XDG_DATA_HOME/studytrack`` when that is
    an absolute path, else ``$HOME/.local/share/studytrack``): importing platformdirs pulls in
    tempfile, shutil and lzma, some 10–15 ms of every command typed without ``--db``. Anywhere
    else, or when ``HOME`` is not an absolute path, platformdirs decides. A test compares the two
    on Linux.
    """
    linux_home = _linux_data_home(os.environ)
    if linux_home is not None:
        return Path(linux_home) / "studytrack"
    # Deferred: platformdirs costs some 10-15 ms at start-up (see above); most runs never need it.
    from platformdirs import user_data_dir  # noqa: PLC0415

    return Path(user_data_dir("studytrack"))


def _linux_data_home(environ: Mapping[str, str]) -> str | None:
    """The XDG data folder on Linux (not Android), or None where platformdirs should decide."""
    if sys.platform != "linux" or "ANDROID_DATA" in environ:
        return None
    xdg = environ.get("XDG_DATA_HOME", "")
    if os.path.isabs(xdg):
        return xdg
    home = environ.get("HOME", "")
    return os.path.join(home, ".local", "share") if os.path.isabs(home) else None


def bundled_content_dir() -> Path:
    """The course shipped with studytrack: inside the wheel, or ``content/`` in a source checkout."""
    package_dir = Path(__file__).resolve().parent
    installed = package_dir / "_content"
    if installed.is_dir():
        return installed
    return package_dir.parent / "content"


def beside_bytecode(folder: Path, name: str) -> Path:
    """Where ``name``, kept for what lives in ``folder``, goes: where Python keeps the bytecode
    of ``folder``'s modules (``folder/__pycache__``, or under ``sys.pycache_prefix``)."""
    if sys.pycache_prefix:
        return Path(sys.pycache_prefix, *folder.parts[1:], name)
    return folder / "__pycache__" / name


def write_whole(path: Path, data: bytes) -> None:
    """Write ``data`` at ``path`` whole: under a private name, then renamed into place (another
    process or thread never reads half a file: the name is the process's and the thread's own);
    a folder that cannot be written is passed by (what is kept there only saves time)."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{_thread.get_ident()}.tmp")
    with suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
    with suppress(OSError):
        temporary.unlink()
