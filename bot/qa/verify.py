"""The verifier: citations must be retrieved records, every number must be in a cited line or labelled."""

from __future__ import annotations

import re

from bot.models import Draft, Record
from bot.text import numbers_in

_MARKER = re.compile(r"\[(\d+)\]")


def source_text(record: Record, lines: list[str]) -> str:
    """The document lines a record cites, plus its heading path (also document lines)."""
    span = lines[record.line_start - 1 : record.line_end]
    return "\n".join([*record.heading_path, *span])


def _close(a: str, b: str) -> bool:
    try:
        return abs(float(a) - float(b)) < 1e-9
    except ValueError:
        return False


def verify(draft: Draft, retrieved: list[Record], lines: list[str], always_allowed: str = "") -> list[str]:
    """Problems found; an empty list means the draft may be shown.

    ``always_allowed`` is document text any answer may name (its title and date).
    """
    problems: list[str] = []
    retrieved_ids = {r.id for r in retrieved}
    for r in draft.cited:
        if r.id not in retrieved_ids:
            problems.append(f"cited record {r.id} was not retrieved")
    for m in _MARKER.finditer(draft.text):
        n = int(m.group(1))
        if not 1 <= n <= len(draft.cited):
            problems.append(f"citation marker [{n}] has no source")
    body = _MARKER.sub("", draft.text)
    allowed = set(numbers_in(always_allowed))
    for r in draft.cited:
        allowed.update(numbers_in(source_text(r, lines)))
    computed = set()
    for c in draft.computed:
        computed.update(numbers_in(c))
    if computed and "計算" not in body:
        problems.append("computed figure without a label")
    for num in numbers_in(body):
        if num in allowed or num in computed:
            continue
        if any(_close(num, a) for a in allowed | computed):
            continue
        problems.append(f"number {num} not in a cited record")
    if not draft.refused and draft.text.strip() and not draft.cited:
        problems.append("answer without citations")
    return problems

