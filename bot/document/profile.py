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
from itertools import takewhile

from bot.document.flags import added_grant
from bot.models import Record
from bot.text import normalize

_ERA_YEAR = re.compile(r"令和\s*(\d+)\s*年度")
PILLAR_RANGE = re.compile(r"^(\d+)\.\s*[~～]\s*(\d+)\.$")
"""A headline titled by a range of pillars (「2. ~5.」) states the total of that group."""
REIWA_OFFSET = 2018
"""令和 1 is 2019."""
_FIGURE = re.compile(r"\d[\d,]*(?:\.(\d+))?")
_DATE = re.compile(r"(令和|平成)\s*\d+\s*年\s*\d+\s*月\s*\d+\s*日")


@dataclass(frozen=True)
class Profile:
    """The document's own facts: who, when, which fiscal years, and what to suggest asking."""

    title: str
    date: str
    author: str
    fiscal_year: str
    """The year requested, as the document writes it (令和N年度)."""
    previous_year: str
    """The year the headline compares with (令和N-1年度), or "" when the document compares with none."""
    examples: tuple[str, ...]
    pillars: tuple[str, ...] = ()
    """The pillar labels in document order: 「(1) …」 for the measures, 「2. …」 for the 主な事業 lists."""
    subheadings: tuple[str, ...] = ()
    """The headings below a pillar, in document order (「5. 横断的支援等」's 「人材支援・人材育成」, 「規制・制度改革」): where a
    主な事業 line sits within its pillar."""
    flag_words: tuple[str, ...] = ()
    """Words a list can be asked by: the flags (内数, 事項要求, …) and the grants added to amounts."""
    compared: tuple[str, ...] = ()
    """Titles of the records that state a previous-year figure: the only ones a comparison can use."""
    groups: tuple[tuple[int, int, str], ...] = ()
    """Groups of pillars with a total of their own (「2.～5. 計70億円+事項要求」): (first, last, record id)."""
    owner: tuple[str, str] = ()
    """Who requests the whole budget and what its heading calls it (「内閣官房・内閣府」, 「地方創生2.0予算」): a
    question about 「内閣官房・内閣府の地方創生2.0予算」 asks for the whole, not for that ministry's measures."""
    breakdown: tuple[str, ...] = ()
    """The headline total's record id, then the ids of the headline lines under it that add up to it (交付金 and
    the 2.～5. group): kept only when their figures do add up, so that a 内訳 is never one the code made up."""

    @property
    def years(self) -> tuple[int, ...]:
        """The 令和 years the document has figures for: the one requested and the one compared with."""
        return tuple(int(m.group(1)) for y in (self.fiscal_year, self.previous_year) if (m := _ERA_YEAR.search(y)))

    @property
    def calendar_years(self) -> tuple[int, ...]:
        """The same years in the Western calendar (令和 N = 2018 + N)."""
        return tuple(REIWA_OFFSET + y for y in self.years)

    @property
    def subject(self) -> str:
        """How answers and refusals name the document: its title."""
        return self.title

    def in_group(self, group: str, record: Record) -> bool:
        """The record is a 主な事業 line under the pillars of the group (「2.～5.」: pillars 2 to 5), by the number its
        pillar label starts with."""
        first, last = next(((a, b) for a, b, i in self.groups if i == group), (0, -1))
        number = re.match(r"(\d+)\.", normalize(record.pillar or "")) if record.kind == "line_item" else None
        return number is not None and first <= int(number.group(1)) <= last

    def pillar_label(self, number: str) -> str | None:
        """The pillar's label as the document writes it (「5. 横断的支援等」), from its number (「5.」, 「(1)」)."""
        return next((p for p in self.pillars if p.startswith(number)), None)


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


def _total(records: Sequence[Record]) -> Record | None:
    """The headline total: the first headline line that states last year's figure."""
    return next((r for r in records if r.kind == "headline" and r.prev_amount_oku is not None), None)


def _examples(records: Sequence[Record]) -> tuple[str, ...]:
    """Four questions the document answers: a measure's amount, the total, a measure's ministries, a ministry's list."""
    measures = sorted(  # the shortest titles make the clearest examples
        (r for r in records if r.kind == "measure" and r.amount_oku is not None and r.ministries),
        key=lambda r: len(r.title),
    )
    total = _total(records)
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
    return Profile(
        title=re.sub(r"(?<=\S) (?=\d)|(?<=\d) (?=\S)", "", title), date=date, author=author,
        fiscal_year=requested, previous_year=previous, examples=_examples(records),
        pillars=tuple(dict.fromkeys(r.pillar for r in records if r.pillar)),
        subheadings=tuple(dict.fromkeys(h for r in records if r.pillar in r.heading_path
                                        for h in r.heading_path[r.heading_path.index(r.pillar) + 1:])),
        flag_words=_flag_words(records),
        compared=tuple(r.title for r in records if r.prev_amount_oku is not None),
        groups=tuple(
            (int(m.group(1)), int(m.group(2)), r.id)
            for r in records if r.kind == "headline" and (m := PILLAR_RANGE.match(normalize(r.title)))
        ),
        breakdown=_breakdown(records),
        owner=_owner(records),
    )


def _owner(records: Sequence[Record]) -> tuple[str, str]:
    """The ministry the total's heading opens with and the budget's name in it (the heading without that ministry,
    the fiscal year and 概算要求); () when the heading names no ministry in charge of the total."""
    total = _total(records)
    if total is None or len(total.ministries) != 1 or not total.heading_path:
        return ()
    heading, owner = normalize(total.heading_path[0]), total.ministries[0]
    if not heading.startswith(owner):
        return ()
    name = re.sub(r"令和\s*\d+\s*年度|概算要求", " ", heading[len(owner):]).split()
    return (owner, name[0]) if name else ()


def _breakdown(records: Sequence[Record]) -> tuple[str, ...]:
    """The total (the first headline that states last year's figure) and the headline lines right after it, when
    their amounts add up to the total's; () when they do not (then the document states no 内訳)."""
    at = next((i for i, r in enumerate(records)
               if r.kind == "headline" and r.amount_oku is not None and r.prev_amount_oku is not None), None)
    if at is None:
        return ()
    total = records[at]
    parts = list(takewhile(lambda r: r.kind == "headline" and r.amount_oku is not None, records[at + 1:]))
    slack = sum(_rounding(r) for r in (total, *parts))
    if len(parts) < 2 or abs(sum(r.amount_oku or 0.0 for r in parts) - (total.amount_oku or 0.0)) > slack:
        return ()
    return (total.id, *(r.id for r in parts))


def _rounding(record: Record) -> float:
    """How far a written amount may be from the figure it rounds: half its last digit (「2,374億円」 ±0.5,
    「7.6億円」 ±0.05). Parts rounded one by one need not add up to the rounded total exactly."""
    m = _FIGURE.search(record.amount_text or "")
    return 0.5 * 10.0 ** -len(m.group(1) or "") if m else 0.0


def _flag_words(records: Sequence[Record]) -> tuple[str, ...]:
    """Plain flags first (税制改正要望, 事項要求, 調整中), then the added grants, 内数 last: the most specific wins."""
    flags = list(dict.fromkeys(f for r in records for f in r.flags))
    grants = [added_grant(f) or "" for f in flags if added_grant(f)]
    plain = [f for f in flags if not added_grant(f) and f != "内数"]
    return tuple(dict.fromkeys([*plain, *(re.sub(r"[（(]内数[）)]$", "", g) for g in grants), *(["内数"] if "内数" in flags else [])]))


EMPTY_PROFILE = Profile(title="", date="", author="", fiscal_year="", previous_year="", examples=())
"""For a question read without a document (unit tests of the reader): no years, pillars or flags."""
