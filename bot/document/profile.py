"""What the code needs to know about this edition of the document, derived from its parsed records.

The summary is published every year in the same shape; its title, date, author, the fiscal year it
requests and the one it compares with are read from the document, never written into the code, so
that the next edition works without a code change. Texts shown to users (refusals, examples, the page
header, prompts) are filled from here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bot.models import Record
from bot.text import normalize

_ERA_YEAR = re.compile(r"令和\s*(\d+)\s*年度")
_DATE = re.compile(r"(令和|平成)\s*\d+\s*年\s*\d+\s*月\s*\d+\s*日")


@dataclass(frozen=True)
class Profile:
    """The document's own facts: who, when, which fiscal years, and what to suggest asking."""

    title: str
    date: str
    author: str
    fiscal_year: str
    """The year requested, as the document writes it (令和8年度)."""
    previous_year: str
    """The year the headline compares with (令和7年度), or "" when the document compares with none."""
    examples: tuple[str, ...]


def _years(records: Sequence[Record]) -> tuple[str, str]:
    """The requested fiscal year from the title, the previous one from the headline's comparison line."""
    text = normalize(" ".join(r.title for r in records[:2]))
    found = _ERA_YEAR.search(text)
    requested = f"令和{found.group(1)}年度" if found else ""
    previous = ""
    for r in records:
        if r.prev_amount_oku is not None:
            years = [f"令和{m.group(1)}年度" for m in _ERA_YEAR.finditer(normalize(" ".join(r.body)))]
            previous = next((y for y in years if y != requested), "")
            break
    return requested, previous


def _examples(records: Sequence[Record]) -> tuple[str, ...]:
    """Four questions the document answers: a measure's amount, the total, a measure's ministries, a ministry's list."""
    measures = sorted(  # the shortest titles make the clearest examples
        (r for r in records if r.kind == "measure" and r.amount_oku is not None and r.ministries),
        key=lambda r: len(r.title),
    )
    total = next((r for r in records if r.kind == "headline" and r.prev_amount_oku is not None), None)
    counts = Counter(m for r in records if r.kind in ("measure", "summary") for m in r.ministries)
    out: list[str] = []
    if measures:
        out.append(f"{_plain(measures[0].title)}の予算は？")
    if total is not None:
        out.append("概算要求の総額はいくらですか？")
    if len(measures) > 1:
        out.append(f"{_plain(measures[1].title)}の担当省庁は？")
    if counts:
        ministry = next((m for m, _ in counts.most_common() if "・" not in m), counts.most_common(1)[0][0])
        out.append(f"{ministry}が担当する施策を教えてください。")
    return tuple(out)


def _plain(title: str) -> str:
    """A title as a person would type it: brackets and trailing 「の創設」-style words kept, spaces dropped."""
    return re.sub(r"\s+", "", title)


def build_profile(records: Sequence[Record]) -> Profile:
    """The profile of the document these records were parsed from."""
    front = records[0] if records else None
    body = list(front.body) if front else []
    date = next((normalize(b).replace(" ", "") for b in body if _DATE.search(normalize(b))), "")
    author = next((b for b in body if not _DATE.search(normalize(b))), "")
    requested, previous = _years(records)
    title = re.sub(r"\s+", " ", front.title).strip() if front else ""
    return Profile(title=re.sub(r"(?<=\S) (?=\d)|(?<=\d) (?=\S)", "", title), date=date, author=author,
                   fiscal_year=requested, previous_year=previous, examples=_examples(records))
