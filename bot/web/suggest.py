"""Next questions to offer under an answer: about the records it cited and their neighbours in the document.

After a refusal, the records the search looked at are the nearest things the document does cover, so
they are offered instead. Built from the records' own titles, never from a list in the code.
"""

from __future__ import annotations

import re

from bot.models import Answer, Record

ITEM_KINDS = ("measure", "line_item")


def _name(record: Record) -> str:
    return re.sub(r"\s+", "", record.title)


def _about(record: Record, asked_ministries: bool) -> str:
    if record.ministries and not asked_ministries:
        return f"{_name(record)}の担当省庁は？"
    return f"{_name(record)}の予算は？"


def _neighbours(records: list[Record], index: int) -> list[Record]:
    """The items just before and after ``index`` under the same pillar, nearest first."""
    here = records[index]
    out = []
    for j in (index + 1, index - 1, index + 2, index - 2):
        if 0 <= j < len(records) and records[j].kind in ITEM_KINDS and records[j].pillar == here.pillar:
            out.append(records[j])
    return out


def suggestions(answer: Answer, records: list[Record], limit: int = 3) -> list[str]:
    """Up to ``limit`` questions the document answers, none of them the question just asked."""
    position = {r.id: i for i, r in enumerate(records)}
    if answer.refused or not answer.citations:
        near = [records[position[r.id]] for r in answer.retrieved if r.id in position]
        candidates = [f"{_name(r)}の予算は？" for r in near if r.kind in ITEM_KINDS]
    else:
        cited = [position[c.id] for c in answer.citations if c.id in position]
        asked_ministries = answer.intent == "ministries"
        candidates = [_about(records[i], asked_ministries) for i in cited[:1]]
        candidates += [f"{_name(n)}の予算は？" for i in cited[:2] for n in _neighbours(records, i)]
    asked = re.sub(r"\s+", "", answer.question)
    unique = [q for q in dict.fromkeys(candidates) if q != asked]
    return unique[:limit]
