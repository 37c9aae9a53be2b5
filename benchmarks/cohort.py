"""The cohort report over many share files ÷ reading and parsing the same files with ``json`` alone.

Run: python benchmarks/cohort.py [FILES]  (default 10,000; prints the median ratio of interleaved
pairs with its min–max; the README shows the latest figures). The files are generated for the
bundled course: every lesson rated, every topic with a mastery, about a third of the quiz items
tried, most exercises tried, a few flags and notes, as a learner a few weeks in would share.

Two more figures show the report stays linear in the number of files: the report over all the
files ÷ the report over a tenth of them (÷ 10: 1.0 is linear), and the report ÷ ``json`` alone
over files where every learner shared twice, the older share first (each one is counted, then
read again and taken back out).

Times are the process's CPU time (``time.process_time``), not wall time: on a shared machine the
wall time of a few hundred milliseconds is mostly other processes' turns.
"""

import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import paired_ratio

from studytrack.domain.content.course import load_course
from studytrack.domain.exercises.model import load_exercises
from studytrack.domain.share.cohort import cohort_report, share_paths
from studytrack.domain.share.format import FLAG_CATEGORIES, FORMAT_NAME, FORMAT_VERSION, RATINGS
from studytrack.domain.share.summary import course_identity
from studytrack.paths import bundled_content_dir

PAIRS = 7
"""Interleaved (report, json baseline) pairs measured; the median ratio is reported."""


def synthetic_share(rng: random.Random, course, exercise_ids, fingerprint: str) -> dict:
    """One plausible learner's share document for ``course``."""
    flags = {}
    for topic in course.topic_ids:
        if rng.random() < 0.15:
            flags[topic] = {rng.choice(FLAG_CATEGORIES): {"open": rng.randint(0, 2), "resolved": rng.randint(1, 2)}}
    quiz, wrong = {}, {}
    for item in course.quiz_items:
        if rng.random() < 0.4:
            quiz[item.id] = "correct" if rng.random() < 0.65 else "incorrect"
            if quiz[item.id] == "incorrect" and item.type == "choice":
                wrong[item.id] = item.choice_id(rng.randint(1, len(item.choices)))
    outcomes, mistakes = {}, {}
    for exercise in exercise_ids:
        if rng.random() < 0.7:
            misses = rng.randint(0, 3)
            outcomes[exercise] = {"incorrect": misses, "correct": rng.randint(0, 1)} if misses else {"correct": 1}
            if misses and rng.random() < 0.5:
                mistakes[exercise] = {"sign": 1}
    notes = [{"topic": rng.choice(course.topic_ids), "category": rng.choice(FLAG_CATEGORIES), "kind": "flag",
              "text": "I don't see why the gradient is negative here"} for _ in range(rng.randint(0, 2))]
    return {
        "format": FORMAT_NAME, "format_version": FORMAT_VERSION, "learner": f"{rng.getrandbits(128):032x}",
        "shared_on": "2026-11-28", "course": {"id": course.id, "fingerprint": fingerprint, "version": ""},
        "study_days": rng.randint(1, 60),
        "lessons": {lesson.id: rng.choice(RATINGS) for lesson in course.lessons},
        "mastery": {topic: round(rng.random(), 4) for topic in course.topic_ids},
        "flags": flags, "quiz": quiz, "quiz_wrong_choice": wrong, "exercises": outcomes,
        "exercise_mistakes": mistakes, "notes": notes,
    }


def write_shares(folder: Path, count: int, seed: int = 14, shares_each: int = 1) -> None:
    """``count`` share files of the bundled course in ``folder``; with ``shares_each`` 2, every
    learner's id comes twice, the later file shared a day later."""
    course = load_course(bundled_content_dir())
    exercise_ids = [exercise.id for exercise in load_exercises(course.root, course.topic_ids)]
    identity = course_identity(course)
    rng = random.Random(seed)
    learner = ""
    for index in range(count):
        document = synthetic_share(rng, course, exercise_ids, identity.fingerprint)
        document["course"]["version"] = identity.version
        if index % shares_each:
            document["learner"], document["shared_on"] = learner, "2026-11-29"
        learner = document["learner"]
        (folder / f"share-{index:05d}.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def json_alone(folder: Path) -> float:
    """Seconds to find, read and ``json.loads`` every file: the baseline."""
    start = time.process_time()
    for path in share_paths([folder]):
        with open(path, "rb") as file:
            json.loads(file.read())
    return time.process_time() - start


def report(folder: Path, course) -> float:
    """Seconds for the whole cohort report (find, read, check, de-duplicate, aggregate)."""
    start = time.process_time()
    result, _ = cohort_report(share_paths([folder]), course.id, [lesson.id for lesson in course.lessons],
                              course.topic_ids)
    result.to_json()
    return time.process_time() - start


def main(count: int = 10_000) -> None:
    """Generate the files, then time the report and the baseline in interleaved pairs."""
    course = load_course(bundled_content_dir())
    with tempfile.TemporaryDirectory() as name:
        folder, tenth, twice = Path(name) / "all", Path(name) / "tenth", Path(name) / "twice"
        for made in (folder, tenth, twice):
            made.mkdir()
        write_shares(folder, count)
        for path in sorted(folder.iterdir())[: count // 10]:
            (tenth / path.name).write_bytes(path.read_bytes())
        write_shares(twice, count, shares_each=2)
        size = sum(path.stat().st_size for path in folder.iterdir()) / count
        json_alone(folder)
        report(folder, course)  # warm the file cache and the imports
        ratio = paired_ratio(lambda: json_alone(folder), lambda: report(folder, course), pairs=PAIRS, warmup=0)
        scale = paired_ratio(lambda: report(tenth, course), lambda: report(folder, course), pairs=PAIRS)
        json_scale = paired_ratio(lambda: json_alone(tenth), lambda: json_alone(folder), pairs=PAIRS)
        repeated = paired_ratio(lambda: json_alone(twice), lambda: report(twice, course), pairs=PAIRS)
    print(f"{count:,} share files, {size / 1024:.1f} KiB each on average; {PAIRS} interleaved pairs")
    print(f"json alone : median {ratio.baseline_seconds * 1000:8.1f} ms")
    print(f"report     : median {ratio.candidate_seconds * 1000:8.1f} ms")
    print(f"report ÷ json: median {ratio.median:.2f} (min {ratio.low:.2f}, max {ratio.high:.2f}); target ≤ 2")
    print(f"report over {count:,} ÷ over {count // 10:,} files, ÷ 10: median {scale.median / 10:.2f} "
          f"(min {scale.low / 10:.2f}, max {scale.high / 10:.2f}); json alone the same way: "
          f"{json_scale.median / 10:.2f}; 1.00 is linear")
    print(f"every learner shared twice ({count // 2:,} learners), report ÷ json: median {repeated.median:.2f} "
          f"(min {repeated.low:.2f}, max {repeated.high:.2f})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
