"""The budget document → typed records, one per citable unit, each with its exact 1-based line span.

The document is hand-made Markdown with an irregular shape (amounts in separate ``####`` lines, bold
lines or inline in headings; a pillar heading repeated per slide), so this is a small purpose-built
line scanner rather than a generic Markdown parser: the line numbers are what matter, and generic
parsers do not keep them per inline fragment.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.document.flags import TERM_WORDS
from bot.errors import CorpusMissing
from bot.models import Record
from bot.text import normalize, parse_amount_oku


class _Heading:
    """``#`` lines: level and text; a pillar's number ((1), （1）, 1.)."""

    LINE = re.compile(r"^(#{1,6})\s*(.*?)\s*$")
    PILLAR = re.compile(r"^(?:\(\d\)|（\d）|\d\.)\s*\S")


class _Amount:
    """Figures: 【…億円…】 with the （省庁） after it, **…億円…** inline, and the previous year's figure."""

    BRACKET = re.compile(r"【([^【】]*?(?:億円|事項要求|調整中)[^【】]*)】")
    MINISTRIES_AFTER = re.compile(r"^\s*\**\s*[（(]([^（）()]+)[）)]")
    INLINE = re.compile(r"\*\*([^*]*?(?:億円|事項要求)[^*]*)\*\*")
    PREVIOUS_YEAR = re.compile(r"(?:令和\s*\d+\s*年度当初予算額|R\d+当初)[:：]?\s*(\d[\d,]*(?:\.\d+)?億円)")


class _Bullet:
    """``-`` lines: a 主な事業 item with its figure, a bold summary, an indented sub-bullet, a plain one."""

    LINE_ITEM = re.compile(r"^-\s+(.*?)\s+((?:\d[\d,]*(?:\.\d+)?億円)|事項要求)\s*$")
    BOLD = re.compile(r"^-\s+\*\*(.*)\*\*\s*$")
    SUB = re.compile(r"^\s+-\s*・?\s*(.*)$")
    PLAIN = re.compile(r"^-\s+(.*)$")


@dataclass
class _PartialRecord:
    """A record still being read: its span and body grow line by line until the next unit starts."""

    kind: str
    pillar: str | None
    heading_path: list[str]
    title: str
    line_start: int
    line_end: int
    amount_text: str | None = None
    ministries: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    prev_amount_oku: float | None = None


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("**", "")).strip(" 　")


def amount_flags(amount_text: str) -> list[str]:
    """内数 when the main figure is part of a larger budget; 事項要求 etc.; other grants added (内数)."""
    text = normalize(amount_text)
    flags: list[str] = []
    parts = [p.strip() for p in re.split(r"\+", text) if p.strip()]
    for i, part in enumerate(parts):
        if re.search(r"\d億円", part):
            if i == 0 and "内数" in part:
                flags.append("内数")
            continue
        word = next((w for w in TERM_WORDS if w in part), None)
        if word:
            flags.append(word)
        elif part:
            flags.append("＋" + part.replace("(", "（").replace(")", "）"))
    return flags


def split_title_amount(text: str) -> tuple[str, str | None, list[str]]:
    """Split ``○タイトル【計…億円…】（省庁、…）`` into title, amount text and ministries."""
    m = _Amount.BRACKET.search(text)
    if not m:
        return _clean(text.lstrip("○ ")), None, []
    title = _clean(text[: m.start()]).lstrip("○ ").strip()
    rest = text[m.end():]
    ministries: list[str] = []
    mm = _Amount.MINISTRIES_AFTER.match(rest)
    if mm:
        ministries = [p.strip() for p in re.split(r"[、,]", mm.group(1)) if p.strip()]
    return title, m.group(1).strip(), ministries


def _previous_year_amount(line: str) -> str | None:
    """The previous year's figure a line quotes (「令和N年度当初予算額 …億円」, 「RN当初: …億円」), if any."""
    m = _Amount.PREVIOUS_YEAR.search(normalize(line).replace("(", "（"))
    return m.group(1) if m else None


def _record_id(d: _PartialRecord) -> str:
    key = "\x1f".join([d.kind, d.title, d.amount_text or "", *d.body])
    return "r-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _finish(d: _PartialRecord) -> Record:
    amount_oku = parse_amount_oku(d.amount_text) if d.amount_text else None
    flags = amount_flags(d.amount_text) if d.amount_text else []
    return Record(
        id=_record_id(d),
        kind=d.kind,  # type: ignore[arg-type]
        pillar=d.pillar,
        heading_path=d.heading_path,
        title=d.title,
        amount_text=d.amount_text,
        amount_oku=amount_oku,
        flags=flags,
        prev_amount_oku=d.prev_amount_oku,
        ministries=d.ministries,
        body=d.body,
        line_start=d.line_start,
        line_end=d.line_end,
    )


def _set_amount(record: _PartialRecord, no: int, text: str) -> None:
    """An amount on a line of its own (``#### 【計…】`` or ``**【計…】**``) belongs to the open record."""
    _, amount, ministries = split_title_amount(text)
    record.amount_text, record.ministries = amount, ministries
    record.line_end = no


def _front_matter(lines: list[str]) -> Record | None:
    """The bold title block before the first heading, as one headline record (None if there is none)."""
    first_heading = next(i for i, ln in enumerate(lines) if _Heading.LINE.match(ln))
    front = [(i + 1, _clean(ln)) for i, ln in enumerate(lines[:first_heading]) if _clean(ln)]
    if not front:
        return None
    title_lines = [t for _, t in front if not t.startswith("令和") or "年度" in t]
    return _finish(
        _PartialRecord(
            kind="headline",
            pillar=None,
            heading_path=[],
            title=" ".join(title_lines[:3]),
            line_start=front[0][0],
            line_end=front[-1][0],
            body=[t for _, t in front[3:]],
        )
    )


@dataclass
class _Scanner:
    """One pass over the document: the records so far, the one still open, and where in the outline we are.

    ``feed`` hands each non-blank line to the first step that takes it (a step returns True when it
    did); the order of the steps in ``feed`` is the order of precedence between kinds of line.
    """

    records: list[Record] = field(default_factory=list)
    current: _PartialRecord | None = None
    root: str = ""
    pillar: str | None = None
    subheading: str | None = None
    label_line: int | None = None
    """The line of a ▶ label no line item has yet been read under: the first item's span starts there."""
    in_items: bool = False
    owner_ministry: list[str] = field(default_factory=list)

    def feed(self, no: int, line: str) -> None:
        """Read one right-stripped, non-blank line (``no`` is 1-based)."""
        steps = (
            self._heading,
            self._label,
            self._line_item,
            self._bold_bullet,
            self._inline_amount,
            self._previous_year_line,
            self._bold_amount_line,
            self._body_text,
        )
        for step in steps:
            if step(no, line):
                return

    def close(self) -> None:
        """Emit the open record; a pillar heading with no description of its own is not a citable unit."""
        if self.current is not None and (self.current.kind != "section" or self.current.body):
            self.records.append(_finish(self.current))
        self.current = None

    def _path(self) -> list[str]:
        return [p for p in (self.root, self.pillar, self.subheading) if p]

    def _heading(self, no: int, line: str) -> bool:
        """``#`` lines: a 【主な事業】 list start, an amount for the open record, or a new heading."""
        h = _Heading.LINE.match(line)
        if not h:
            return False
        level, htext = len(h.group(1)), h.group(2)
        clean = _clean(htext)
        if clean == "【主な事業】":
            self.close()
            self.in_items = True
            return True
        self.in_items = False
        if clean.startswith("【") and _Amount.BRACKET.search(clean) and self.current is not None:
            _set_amount(self.current, no, htext)
            return True
        self.close()
        if level == 1:
            self.root = clean
            self.owner_ministry = [clean.split()[0]] if clean else []
            self.pillar, self.subheading, self.label_line = None, None, None
        elif "○" in clean:
            title, amount, ministries = split_title_amount(htext)
            self.current = _PartialRecord("measure", self.pillar, self._path(), title, no, no, amount, ministries)
        elif _Heading.PILLAR.match(clean):
            self._pillar_heading(no, clean)
        else:
            self.subheading, self.label_line = clean, None
        return True

    def _pillar_heading(self, no: int, clean: str) -> None:
        """A numbered heading: with a figure it is a headline total, otherwise it opens a pillar."""
        if re.search(r"億円|事項要求", clean):
            title = re.split(r"\s*計", clean)[0]
            amount = clean[len(title):].strip().removeprefix("計").strip()
            headline = _PartialRecord("headline", None, [self.root], title, no, no, "計" + amount, self.owner_ministry)
            self.records.append(_finish(headline))
            return
        self.pillar, self.subheading, self.label_line = re.sub(r"^\((\d)\)\s*", r"(\1) ", clean), None, None
        path = [self.root, self.pillar] if self.root else [self.pillar]
        self.current = _PartialRecord("section", self.pillar, path, self.pillar, no, no)

    def _label(self, no: int, line: str) -> bool:
        """``▶`` lines: a pillar's one-sentence description, or else a label that starts a new subheading."""
        stripped = line.strip()
        if not stripped.startswith("▶"):
            return False
        label = stripped.lstrip("▶ ").strip()
        current = self.current
        if label.endswith("。") and current is not None and current.kind == "section" and not current.body:
            current.body.append(label)
            current.line_end = no
        else:
            self.close()
            self.subheading, self.label_line = label, no
        return True

    def _line_item(self, no: int, line: str) -> bool:
        """``- 事業名 0.5億円`` under 【主な事業】: a one-line record of its own."""
        m = _Bullet.LINE_ITEM.match(line) if self.in_items else None
        if not m:
            return False
        title, amount = _clean(m.group(1)), m.group(2)
        # the first item under a ▶ label cites the label too: it says what the item is for (人材支援・人材育成)
        start, self.label_line = self.label_line or no, None
        item = _PartialRecord("line_item", self.pillar, self._path(), title, start, no, amount, self.owner_ministry)
        self.records.append(_finish(item))
        return True

    def _bold_bullet(self, no: int, line: str) -> bool:
        """``- **タイトル【…億円】（省庁）**``: opens a summary record."""
        bold = _Bullet.BOLD.match(line)
        if not bold:
            return False
        self.close()
        title, amount, ministries = split_title_amount(bold.group(1))
        self.current = _PartialRecord("summary", self.pillar, self._path(), title, no, no, amount, ministries)
        return True

    def _inline_amount(self, no: int, line: str) -> bool:
        """``ラベル **…億円**`` outside any measure: opens a headline total (with its previous-year figure if quoted)."""
        inline = _Amount.INLINE.search(line)
        if not inline or not (self.current is None or self.current.kind in ("section", "headline")):
            return False
        self.close()
        label = re.sub(r"^\d\.\s*", "", _clean(line[: inline.start()]))
        path, amount = [self.root] if self.root else [], inline.group(1).strip()
        headline = _PartialRecord("headline", None, path, label, no, no, amount, self.owner_ministry)
        prev = _previous_year_amount(line)
        if prev:
            headline.prev_amount_oku = parse_amount_oku(prev)
        self.current = headline
        return True

    def _previous_year_line(self, no: int, line: str) -> bool:
        """``(令和N年度当初予算額 …億円)`` on the line after a headline total: its previous-year figure."""
        prev = _previous_year_amount(line)
        current = self.current
        if not (prev and current is not None and current.kind == "headline" and current.prev_amount_oku is None):
            return False
        current.prev_amount_oku = parse_amount_oku(prev)
        current.body.append(_clean(line.strip()))
        current.line_end = no
        return True

    def _bold_amount_line(self, no: int, line: str) -> bool:
        """``**【計…億円】（省庁）**`` under a measure heading: the open record's amount."""
        if not (line.startswith("**") and _Amount.BRACKET.search(line) and self.current is not None):
            return False
        _set_amount(self.current, no, line)
        return True

    def _body_text(self, no: int, line: str) -> bool:
        """Any other line is body text of the open record; a wrapped sentence joins the line before."""
        current = self.current
        if current is None:
            return True
        sub = _Bullet.SUB.match(line)
        bullet = _Bullet.PLAIN.match(line)
        text = sub.group(1) if sub else bullet.group(1) if bullet else line.strip()
        if not (sub or bullet) and current.body and not current.body[-1].endswith("。"):
            current.body[-1] = current.body[-1] + _clean(text)
        else:
            current.body.append(_clean(text))
        current.line_end = no
        return True


def parse_document(text: str) -> list[Record]:
    """Records in document order. Spans are disjoint and cover every amount in the document."""
    lines = text.split("\n")
    front = _front_matter(lines)
    scanner = _Scanner(records=[front] if front else [])
    for idx, raw in enumerate(lines):
        line = raw.rstrip()
        if line.strip():
            scanner.feed(idx + 1, line)
    scanner.close()
    return scanner.records


def load_records(path: Path) -> list[Record]:
    """Parse the corpus file; a missing file is a clear error naming the path."""
    if not path.is_file():
        raise CorpusMissing(path)
    return parse_document(path.read_text(encoding="utf-8"))


def corpus_lines(path: Path) -> list[str]:
    """The corpus as 1-based-addressable lines (index 0 is line 1)."""
    if not path.is_file():
        raise CorpusMissing(path)
    return path.read_text(encoding="utf-8").split("\n")
