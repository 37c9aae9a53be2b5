"""The engine stands alone: importing it loads numpy and the stdlib, nothing else of studytrack."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import studytrack.domain.content.computations
import studytrack.engine

REPO = Path(__file__).resolve().parents[2]


def run_python(code: str) -> str:
    """The stdout of ``code`` run in a fresh interpreter that finds this checkout first."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout


def test_importing_the_engine_loads_no_other_studytrack_module_nor_ui_or_store():
    """Only studytrack and studytrack.engine.* are loaded; textual and sqlite_utils are not."""
    output = run_python(
        "import studytrack.engine, sys; print(sorted(m for m in sys.modules "
        "if m.startswith('studytrack') or m in ('textual', 'sqlite_utils')))"
    )
    loaded = ast.literal_eval(output.strip())
    assert "studytrack.engine" in loaded
    assert [m for m in loaded if m != "studytrack" and not m.startswith("studytrack.engine")] == []


def test_the_engine_needs_nothing_but_numpy_and_the_stdlib():
    """Every top-level module the import adds is numpy, studytrack or part of the stdlib."""
    output = run_python(
        "import sys\nbefore = set(sys.modules)\nimport studytrack.engine\n"
        "print(sorted({m.split('.')[0] for m in set(sys.modules) - before}))"
    )
    added = set(ast.literal_eval(output.strip()))
    foreign = {
        name
        for name in added - {"numpy", "studytrack"}
        if name not in sys.stdlib_module_names and not name.startswith("_")
    }
    assert foreign == set()


def imported_modules(path: Path) -> set[str]:
    """The modules a source file imports (``from studytrack import engine`` → studytrack.engine)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module == "studytrack":
            names |= {f"studytrack.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            names.add(node.module)
    return names


def is_stdlib(module: str) -> bool:
    """True for a module of Python's standard library."""
    return module.split(".")[0] in sys.stdlib_module_names


def test_engine_modules_import_only_numpy_stdlib_and_each_other():
    """Each engine module's own imports: numpy (with ``numpy.typing``), the stdlib, or studytrack.engine.*."""
    for path in Path(studytrack.engine.__file__).parent.glob("*.py"):
        for module in imported_modules(path):
            allowed = (
                module == "numpy" or module.startswith("numpy.") or is_stdlib(module)
                or module.startswith("studytrack.engine")
            )
            assert allowed, f"{path.name} imports {module}"


def test_computations_import_only_the_engine_and_the_stdlib():
    """studytrack.domain.content.computations may use the engine and the stdlib, nothing else."""
    for module in imported_modules(Path(studytrack.domain.content.computations.__file__)):
        assert is_stdlib(module) or module.startswith("studytrack.engine"), module


def test_computations_never_load_textual_or_sqlite_utils():
    """Importing the registry in a fresh interpreter loads no UI and no store."""
    output = run_python(
        "import studytrack.domain.content.computations, sys; "
        "print([m for m in ('textual', 'sqlite_utils') if m in sys.modules])"
    )
    assert output.strip() == "[]"
