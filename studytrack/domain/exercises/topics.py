"""Which topic each exercise belongs to, read from the exercise files without the exercise model.

``stats`` counts solved exercises per topic and needs nothing else of an exercise; the model
(``exercises.model``) imports the engine and numpy, which would more than double the command's
start-up. The files are the same, so the ids and topics are the same the model reads.
"""

from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from studytrack.domain.content.fingerprint import course_fingerprint
from studytrack.domain.content.text import Problem, read_toml_files


def exercise_topics(root: Path, topic_ids: Iterable[str]) -> dict[str, str]:
    """Exercise id → topic id of the exercises in ``root/exercises/*.toml``; empty when a file
    cannot be read, or an exercise lacks an id or names an unknown topic or a duplicate id
    (``content validate`` reports those, as ``exercises.model.load_exercises`` would refuse).

    Parsed once per state of the folder (its files' names, sizes and times): the Stats screen
    asks at every opening, and parsing every exercise file holds the interpreter ~15 ms, which
    the screen's own drawing would wait for."""
    folder = Path(root) / "exercises"
    return dict(_topics_in(folder, frozenset(topic_ids), course_fingerprint(folder)))


@lru_cache(maxsize=8)
def _topics_in(folder: Path, known: frozenset[str], fingerprint: str) -> Mapping[str, str]:
    """``exercise_topics`` of ``folder`` as it was when its fingerprint was ``fingerprint``."""
    problems: list[Problem] = []
    found: dict[str, str] = {}
    for _, _, data in read_toml_files(folder, problems):
        exercise_id, topic = data.get("id"), data.get("topic")
        if not isinstance(exercise_id, str) or not exercise_id or exercise_id in found or topic not in known:
            return MappingProxyType({})
        found[exercise_id] = str(topic)
    return MappingProxyType({} if problems else found)
