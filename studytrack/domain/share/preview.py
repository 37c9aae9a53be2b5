"""A share document worded for the learner: every field it holds, line by line, so they see exactly
what leaves their computer before they confirm (``studytrack share`` prints it; the app's Share
screen shows it).

Presentation: renders the preview in the learner's language, so ``preview_lines`` takes ``lang``;
it judges nothing (``format`` does, and says why with ``Message``s).
"""

from __future__ import annotations

from typing import Any

from studytrack.i18n import Catalog

TEXT = Catalog("domain.share.preview")


def preview_lines(document: dict[str, Any], lang: str) -> list[str]:
    """The lines that show ``document`` (a share document) in ``lang``; ids as they are shared."""
    course = document["course"]
    lines = [
        TEXT("heading", lang),
        TEXT("learner", lang, learner=document["learner"]),
        TEXT("course", lang, course=course["id"], version=course["version"] or "-",
             fingerprint=course["fingerprint"][:12]),
        TEXT("shared_on", lang, day=document["shared_on"], days=document["study_days"]),
        "",
        TEXT("lessons", lang),
    ]
    lines += [f"  {lesson}: {TEXT(rating, lang)}" for lesson, rating in document["lessons"].items()] or [
        TEXT("none", lang)]
    lines += ["", TEXT("mastery", lang)]
    lines += [f"  {topic}: {round(value * 100)}%" for topic, value in document["mastery"].items()] or [
        TEXT("none", lang)]
    lines += ["", TEXT("flags", lang)]
    lines += [
        "  " + TEXT("flag_line", lang, topic=topic, category=TEXT(category, lang), open=counts["open"],
                    resolved=counts["resolved"])
        for topic, by_category in document["flags"].items() for category, counts in by_category.items()
    ] or [TEXT("none", lang)]
    lines += ["", TEXT("quiz", lang)]
    wrong = document["quiz_wrong_choice"]
    for item, outcome in document["quiz"].items():
        picked = TEXT("picked", lang, choice=wrong[item]) if item in wrong else ""
        lines.append(f"  {item}: {TEXT(outcome, lang)}{picked}")
    if not document["quiz"]:
        lines.append(TEXT("none", lang))
    lines += ["", TEXT("exercises", lang)]
    for exercise, outcomes in document["exercises"].items():
        counts = ", ".join(f"{TEXT(outcome, lang)} {count}" for outcome, count in outcomes.items())
        named = document["exercise_mistakes"].get(exercise, {})
        mistakes = TEXT("mistakes", lang, mistakes=", ".join(f"{key} {count}" for key, count in named.items()))
        lines.append(f"  {exercise}: {counts}{mistakes if named else ''}")
    if not document["exercises"]:
        lines.append(TEXT("none", lang))
    lines.append("")
    lines += _note_lines(document["notes"], lang)
    lines += ["", TEXT("never", lang)]
    return lines


def _note_lines(notes: list[dict[str, str]], lang: str) -> list[str]:
    """The opt-in notes, or a line saying they are left out and how to include them."""
    if not notes:
        return [TEXT("no_notes", lang)]
    lines = [TEXT("notes", lang)]
    for note in notes:
        kind = TEXT(f"note_{note['kind']}", lang)
        lines.append(f"  {note['topic']} [{TEXT(note['category'], lang)}] {kind}: {note['text']}")
    return lines
