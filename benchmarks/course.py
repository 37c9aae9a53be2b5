"""Course loading: linear in the course's size, parsed once and then served from the cache.

1. A cold parse (``read_course``: every file read and checked) of a course with 10,000 quiz items
   ÷ the same with 1,000 (target ≤ 11: linear, not quadratic);
2. a warm ``load_course`` (files unchanged since the last load) ÷ a cold one, on the 1,000-item
   course (target ≤ 0.1).

The courses are the bundled one with a file of N extra true/false items on its first topic.
Run: python benchmarks/course.py [PAIRS]  (prints a table; the README shows the latest figures).
Each figure is the median (min–max) of PAIRS interleaved pairs (``_timing.paired_ratio``).
"""

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))  # this checkout, installed or not

from _timing import PAIRS, load_line, paired_ratio, ratio_row, timed

from studytrack.domain.content.course import load_course, read_course
from studytrack.paths import bundled_content_dir


def synthetic_course(folder: Path, items: int) -> Path:
    """The bundled course copied to ``folder`` with ``items`` extra quiz items."""
    shutil.copytree(bundled_content_dir(), folder)
    first = load_course(folder).quiz_items[0]
    entries = [
        f'[[item]]\nid = "bench-{number:05d}"\ntopic = "{first.topic}"\nsection = "{first.section}"\n'
        f'type = "truefalse"\nprompt.en = "Benchmark statement {number}."\n'
        f'prompt.ko = "벤치마크 문장 {number}이에요."\n'
        f'answer = true\nexplanation.en = "Because {number}."\nexplanation.ko = "{number} 때문이에요."\n'
        for number in range(items)
    ]
    (folder / "quizzes" / "zz-benchmark.toml").write_text("\n".join(entries), encoding="utf-8")
    course, problems = read_course(folder)
    if problems or course is None or len(course.quiz_items) < items:
        raise RuntimeError(f"the synthetic course has problems: {problems[:3]}")
    return folder


def main(pairs: int = PAIRS) -> None:
    """Build both courses, time the cold parses and the warm load, print the ratios."""
    with tempfile.TemporaryDirectory() as name:
        small = synthetic_course(Path(name) / "1k", 1_000)
        large = synthetic_course(Path(name) / "10k", 10_000)
        linear = paired_ratio(timed(lambda: read_course(small)), timed(lambda: read_course(large)), pairs=pairs)
        load_course(small)
        warm = paired_ratio(timed(lambda: read_course(small)), timed(lambda: load_course(small)), pairs=pairs)
    print(f"Course loading; {pairs} interleaved pairs; {load_line()}")
    print(ratio_row("cold parse: 10,000 items ÷ 1,000 items", linear, 11.0))
    print(ratio_row("warm load_course ÷ cold parse, 1,000 items", warm, 0.1))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else PAIRS)
