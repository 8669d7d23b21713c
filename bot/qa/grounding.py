"""Numeric grounding, the one definition the verifier applies to every answer and the eval measures.

A number may be stated when it stands in the cited lines, in the headings those lines sit under, or
in the document's own title block; or when the sentence stating it labels itself as a computation
(「…として計算」). The verifier also asks that every such computed figure is one the composer declared.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from bot.models import Record
from bot.text import numbers_in

Span = tuple[int, int]
"""A 1-based inclusive line span of the corpus file (a record, a chunk or a citation)."""

MARKER = re.compile(r"\[(\d+)\]")
"""A citation marker [n] in an answer; not a number the answer states."""

COMPUTED_LABEL = "計算"
"""The word with which an answer labels a figure it computed from cited ones."""

_HEADING = re.compile(r"^(#{1,6})\s")
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")


def strip_markers(text: str) -> str:
    """The answer without its [n] citation markers."""
    return MARKER.sub("", text)


def heading_lines(lines: Sequence[str], line_start: int) -> list[int]:
    """1-based numbers of the Markdown headings a span starting at ``line_start`` sits under (its heading path)."""
    first = _HEADING.match(lines[line_start - 1]) if 0 < line_start <= len(lines) else None
    level = len(first.group(1)) if first else 7
    found = []
    for i in range(min(line_start, len(lines) + 1) - 1, 0, -1):
        m = _HEADING.match(lines[i - 1])
        if m and len(m.group(1)) < level:
            found.append(i)
            level = len(m.group(1))
            if level == 1:
                break
    return found[::-1]


def source_text(lines: Sequence[str], spans: Iterable[Span], always: Iterable[Span] = ()) -> str:
    """What cited spans let an answer state: their lines and their headings, plus the ``always`` spans."""
    parts = [ln for start, end in always for ln in lines[start - 1 : end]]
    for start, end in spans:
        parts += [lines[i - 1] for i in heading_lines(lines, start)]
        parts += lines[start - 1 : end]
    return "\n".join(parts)


def title_spans(records: Sequence[Record]) -> list[Span]:
    """The document's own title block (its first record): any answer may name its numbers (2.0, the year, the date)."""
    return [(r.line_start, r.line_end) for r in records[:1]]


def labelled_sentences(text: str) -> list[str]:
    """Sentences that label themselves as a computation."""
    return [s for s in _SENTENCE.findall(text) if COMPUTED_LABEL in s]


def same_number(a: str, b: str) -> bool:
    """17 and 17.0 are the same figure."""
    try:
        return abs(float(a) - float(b)) < 1e-9
    except ValueError:
        return False


def ungrounded_numbers(answer: str, source: str, declared: Iterable[str] | None = None) -> tuple[int, list[str]]:
    """(how many numbers the answer states, those neither in ``source`` nor in a labelled computation).

    ``declared`` are the figures the composer says it computed; when given, only those may stand in a
    labelled sentence (the verifier). The eval, which sees only the answer, leaves it None.
    """
    body = strip_markers(answer)
    stated = numbers_in(body)
    allowed = set(numbers_in(source))
    computed = {n for s in labelled_sentences(body) for n in numbers_in(s)}
    if declared is not None:
        own = {n for d in declared for n in numbers_in(d)}
        computed = {n for n in computed if any(same_number(n, d) for d in own)}
    allowed |= computed
    missing = [n for n in stated if n not in allowed and not any(same_number(n, a) for a in allowed)]
    return len(stated), missing
