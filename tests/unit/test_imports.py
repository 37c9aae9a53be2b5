"""Import hygiene: the core never imports textual; --help and --version stay light."""

import subprocess
import sys

import pytest

HEAVY = ("textual", "numpy", "sqlite_utils")


def modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('MODULES', *sorted({{m.split('.')[0] for m in sys.modules}}))"
    output = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("MODULES"))
    return set(line.split()[1:])


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_import_nothing_heavy(flag):
    code = (
        "import sys\nfrom studytrack.cli import cli\n"
        f"try:\n    cli.main(['{flag}'], standalone_mode=False)\nexcept SystemExit:\n    pass"
    )
    loaded = modules_after(code)
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


@pytest.mark.parametrize(
    "module",
    ["studytrack.domain.content.course", "studytrack.domain.content.validate", "studytrack.store.database",
     "studytrack.store.flags", "studytrack.cli"],
)
def test_the_core_never_imports_textual(module):
    assert "textual" not in modules_after(f"import {module}")


def test_flag_commands_import_neither_the_ui_nor_the_engine(tmp_path):
    """(sqlite-utils itself imports numpy when it is installed, so numpy is not checked here.)"""
    code = (
        "import sys\nfrom studytrack.cli import cli\n"
        f"cli.main(['--db', r'{tmp_path / 'x.db'}', 'flags', '--json'], standalone_mode=False)\n"
        "print('ENGINE', 'studytrack.engine' in sys.modules)"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert "ENGINE False" in output
    assert "textual" not in modules_after(code)
