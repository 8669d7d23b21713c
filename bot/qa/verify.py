"""The verifier: citations must be retrieved records, every number must be in a cited line or labelled."""

from __future__ import annotations

from collections.abc import Sequence

from bot.models import Draft, Record
from bot.qa.grounding import (
    COMPUTED_LABEL,
    MARKER,
    Span,
    source_text,
    strip_markers,
    ungrounded_numbers,
)


def verify(draft: Draft, retrieved: list[Record], lines: Sequence[str], always: Sequence[Span] = ()) -> list[str]:
    """Problems found; an empty list means the draft may be shown.

    ``always`` are document spans any answer may draw numbers from (its title block).
    """
    problems: list[str] = []
    retrieved_ids = {r.id for r in retrieved}
    for r in draft.cited:
        if r.id not in retrieved_ids:
            problems.append(f"cited record {r.id} was not retrieved")
    for m in MARKER.finditer(draft.text):
        n = int(m.group(1))
        if not 1 <= n <= len(draft.cited):
            problems.append(f"citation marker [{n}] has no source")
    if draft.computed and COMPUTED_LABEL not in strip_markers(draft.text):
        problems.append("computed figure without a label")
    source = source_text(lines, [(r.line_start, r.line_end) for r in draft.cited], always)
    _, missing = ungrounded_numbers(draft.text, source, declared=draft.computed)
    problems += [f"number {num} not in a cited record" for num in missing]
    if not draft.refused and draft.text.strip() and not draft.cited:
        problems.append("answer without citations")
    return problems
