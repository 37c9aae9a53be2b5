"""The code checks' plans kept between checks, so that checking a learner's file needs no numpy
in the parent.

Drawing a seed's test cases and computing the engine's results for them takes numpy (~100–250 ms
to import), as long as the child that runs the learner's code takes to start. So the first
check of a code exercise computes a pool of up to ``POOL_SIZE`` seeds with their ``CasePlan``s
(``code.plan_pool``: as many as a short time allows) and keeps them, with the exercise's facts
(``CodeExerciseFacts``), in a file where Python keeps bytecode
(``studytrack/domain/exercises/__pycache__``, or under ``PYTHONPYCACHEPREFIX``); a later check
without ``--seed`` picks one of those seeds at random and reads its plan back with ``marshal``
(~1 ms). The file is stamped with the course folder's fingerprint and the sizes and times of the
code that makes plans (the engine, this package, numpy's version file): any change makes it
stale, and a stale, damaged or unwritable file only costs the computing. The learner's code
never sees it: the plan is read before the child gets its request, and the file's folder is one
the sandbox keeps out of the child's reach (``sandbox.code_check``).
"""

import _thread
import marshal
import os
import random
import sys
import zlib
from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studytrack.domain.content.fingerprint import course_fingerprint
from studytrack.domain.exercises.judging import CasePlan

if TYPE_CHECKING:
    from studytrack.domain.exercises.model import Exercise

POOL_SIZE = 48
"""The most seeds of each code exercise kept with their plans."""

LAYOUT = 1
"""The version of the file's layout; a change makes every kept file stale."""

PACKAGE_DIR = Path(__file__).resolve().parents[2]
"""studytrack's own code."""

PLAN_CODE = (PACKAGE_DIR / "engine", PACKAGE_DIR / "domain" / "exercises",
             PACKAGE_DIR / "domain" / "exercises" / "checks")
"""The folders whose Python files make the plans (the engine, the checks and their texts)."""


@dataclass(frozen=True)
class CodeExerciseFacts:
    """What checking a code exercise needs to know of its exercise file (``model.Exercise``)."""

    id: str
    check: str
    """The code check it names (``code-mse-gradient`` …)."""
    file: str
    """The workspace file the learner writes."""
    answer: str
    """The name of its one answer (the file)."""
    tolerance: tuple[float, float]
    """``(atol, rtol)`` of the comparison with the engine."""
    starter: Path
    solution: Path
    """The reference solution, kept out of the child's reach like the starter."""

    @classmethod
    def of(cls, exercise: "Exercise") -> "CodeExerciseFacts":
        """The facts of a code ``exercise``."""
        assert exercise.code is not None, "only a code exercise has a file"
        spec = exercise.answers[0]
        return cls(exercise.id, exercise.check, exercise.code.file, spec.name, spec.tolerance,
                   exercise.code.starter, exercise.code.solution)


def plans_folder() -> Path:
    """The folder the plans are kept in: where Python keeps this package's bytecode
    (``sys.pycache_prefix`` honoured)."""
    here = Path(__file__).resolve().parent
    if sys.pycache_prefix:
        return Path(sys.pycache_prefix, *here.parts[1:])
    return here / "__pycache__"


def plans_file(content_root: Path) -> Path:
    """Where the plans of the course in ``content_root`` are kept (``plans_folder``), one file
    per course folder, named for this Python."""
    key = zlib.crc32(os.fsencode(str(content_root)))
    return plans_folder() / f"code-plans-{key:08x}.{sys.implementation.cache_tag}.marshal"


def plans_stamp(content_root: Path) -> str:
    """What tells kept plans are current: the course's fingerprint and the names, sizes and times
    of the code that makes plans and of numpy's version file."""
    entries = [course_fingerprint(content_root)]
    for folder in PLAN_CODE:
        with suppress(OSError), os.scandir(folder) as listing:
            for entry in sorted(listing, key=lambda item: item.name):
                if entry.name.endswith(".py"):
                    info = entry.stat()
                    entries.append(f"{entry.name}:{info.st_size}:{info.st_mtime_ns}")
    entries.append(_numpy_stamp())
    listing_bytes = "\n".join(entries).encode("utf-8")
    return f"{zlib.crc32(listing_bytes):08x}{zlib.adler32(listing_bytes):08x}{len(listing_bytes):x}"


def _numpy_stamp() -> str:
    """The size and time of numpy's version file, found on ``sys.path`` without importing numpy."""
    for folder in sys.path:
        version = os.path.join(folder or ".", "numpy", "version.py")
        with suppress(OSError):
            info = os.stat(version)
            return f"{version}:{info.st_size}:{info.st_mtime_ns}"
    return "no numpy"


def cached_plan(content_root: Path, exercise_id: str, seed: int | None) -> tuple[CodeExerciseFacts, CasePlan] | None:
    """The facts of code exercise ``exercise_id`` and the plan of ``seed`` (None: a seed of the
    pool, at random), when current plans are kept for it; otherwise None (compute them)."""
    kept = _read(content_root).get(exercise_id)
    if kept is None:
        return None
    facts, plans = kept
    if seed is None:
        seed = random.SystemRandom().choice(sorted(plans))
    plan = plans.get(seed)
    return None if plan is None else (facts, plan)


def has_plans(content_root: Path, exercise_id: str) -> bool:
    """Whether current plans of code exercise ``exercise_id`` are kept (a check with a ``--seed``
    outside them computes its own plan and leaves them as they are)."""
    return exercise_id in _read(content_root)


def can_keep_plans() -> bool:
    """Whether plans can be kept here: bytecode may be written and the plans' folder (or the
    nearest folder above it that exists) is writable. Where not, a check computes only its own plan."""
    if sys.dont_write_bytecode:
        return False
    folder = plans_folder()
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return os.access(folder, os.W_OK)


def keep_plans(content_root: Path, facts: CodeExerciseFacts, plans: Iterable[CasePlan]) -> None:
    """Keep ``plans`` as the pool of ``facts``'s exercise (beside the other exercises' pools);
    a folder that cannot be written is passed by."""
    if sys.dont_write_bytecode:
        return
    target = plans_file(content_root)
    stamp = plans_stamp(content_root)
    pools = _read_raw(target, stamp)
    pools[facts.id] = (_facts_data(facts), [_plan_data(plan) for plan in plans])
    temporary = target.with_name(f"{target.name}.{os.getpid()}.{_thread.get_ident()}.tmp")
    with suppress(OSError, ValueError):
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(marshal.dumps((LAYOUT, stamp, pools)))
        os.replace(temporary, target)
    with suppress(OSError):
        temporary.unlink()


def pool_seeds(count: int = POOL_SIZE) -> list[int]:
    """``count`` different fresh seeds (0 ≤ seed < 1 000 000, as ``model.fresh_seed`` draws them)."""
    return random.SystemRandom().sample(range(1_000_000), count)


def _read(content_root: Path) -> dict[str, tuple[CodeExerciseFacts, dict[int, CasePlan]]]:
    """The kept pools of the course in ``content_root`` by exercise id, when current."""
    pools = _read_raw(plans_file(content_root), plans_stamp(content_root))
    found = {}
    with suppress(TypeError, ValueError, KeyError, IndexError):
        for exercise_id, (facts, plans) in pools.items():
            found[exercise_id] = (_facts(facts), {plan[3]: CasePlan(*plan) for plan in plans})
    return found


def _read_raw(target: Path, stamp: str) -> dict[str, Any]:
    """The pools kept in ``target`` as stored, when stamped ``stamp``; else none."""
    with suppress(OSError, ValueError, EOFError, TypeError):
        layout, kept_stamp, pools = marshal.loads(target.read_bytes())
        if layout == LAYOUT and kept_stamp == stamp and isinstance(pools, dict):
            return pools
    return {}


def _facts_data(facts: CodeExerciseFacts) -> tuple[Any, ...]:
    """``facts`` as ``marshal`` keeps them."""
    return (facts.id, facts.check, facts.file, facts.answer, tuple(facts.tolerance), str(facts.starter),
            str(facts.solution))


def _facts(data: Sequence[Any]) -> CodeExerciseFacts:
    """The facts ``_facts_data`` kept."""
    exercise_id, check, file, answer, tolerance, starter, solution = data
    return CodeExerciseFacts(exercise_id, check, file, answer, (float(tolerance[0]), float(tolerance[1])),
                             Path(starter), Path(solution))


def _plan_data(plan: CasePlan) -> tuple[Any, ...]:
    """``plan`` as ``marshal`` keeps it (its fields in order)."""
    return (plan.check, plan.function, plan.call, plan.seed, plan.cases, plan.expected, plan.mistakes,
            plan.call_texts, plan.bound)
