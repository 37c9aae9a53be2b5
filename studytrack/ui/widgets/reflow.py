"""Course text reflowed for the terminal: the author's line breaks inside a sentence taken out."""

from __future__ import annotations


def reflow(text: str) -> str:
    """``text`` with the author's line breaks inside a sentence taken out, so it wraps at the
    terminal's width; indented lines (data, formulas) and blank lines stay exactly as written."""
    lines: list[str] = []
    for line in text.strip("\n").split("\n"):
        previous = lines[-1] if lines else ""
        joinable = previous and not previous[0].isspace() and not previous.rstrip().endswith((".", ":", "?", "!"))
        if joinable and line and not line[0].isspace():
            lines[-1] = f"{previous.rstrip()} {line.lstrip()}"
        else:
            lines.append(line)
    return "\n".join(lines)
