"""Which topic each exercise belongs to, read from the exercise files without the exercise model.

``stats`` counts solved exercises per topic and needs nothing else of an exercise; the model
(``exercises.model``) imports the engine and numpy, which would more than double the command's
start-up. The files are the same, so the ids and topics are the same the model reads.
"""

from collections.abc import Iterable
from pathlib import Path

from studytrack.domain.content.text import Problem, read_toml_files


def exercise_topics(root: Path, topic_ids: Iterable[str]) -> dict[str, str]:
    """Exercise id → topic id of the exercises in ``root/exercises/*.toml``; empty when a file
    cannot be read, or an exercise lacks an id or names an unknown topic or a duplicate id
    (``content validate`` reports those, as ``exercises.model.load_exercises`` would refuse)."""
    problems: list[Problem] = []
    known = set(topic_ids)
    found: dict[str, str] = {}
    for _, _, data in read_toml_files(Path(root) / "exercises", problems):
        exercise_id, topic = data.get("id"), data.get("topic")
        if not isinstance(exercise_id, str) or not exercise_id or exercise_id in found or topic not in known:
            return {}
        found[exercise_id] = str(topic)
    return {} if problems else found
