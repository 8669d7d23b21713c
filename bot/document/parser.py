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

_HEADING = re.compile(r"^(#{1,6})\s*(.*?)\s*$")
_PILLAR = re.compile(r"^(?:\(\d\)|（\d）|\d\.)\s*\S")
_AMOUNT_BRACKET = re.compile(r"【([^【】]*?(?:億円|事項要求|調整中)[^【】]*)】")
_MINISTRIES_AFTER = re.compile(r"^\s*\**\s*[（(]([^（）()]+)[）)]")
_LINE_ITEM = re.compile(r"^-\s+(.*?)\s+((?:\d[\d,]*(?:\.\d+)?億円)|事項要求)\s*$")
_BOLD_BULLET = re.compile(r"^-\s+\*\*(.*)\*\*\s*$")
_SUB_BULLET = re.compile(r"^\s+-\s*・?\s*(.*)$")
_BULLET = re.compile(r"^-\s+(.*)$")
_INLINE_AMOUNT = re.compile(r"\*\*([^*]*?(?:億円|事項要求)[^*]*)\*\*")
_PREV = re.compile(r"(?:令和7年度当初予算額|R7当初)[:：]?\s*(\d[\d,]*(?:\.\d+)?億円)")


@dataclass
class _Draft:
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
    m = _AMOUNT_BRACKET.search(text)
    if not m:
        return _clean(text.lstrip("○ ")), None, []
    title = _clean(text[: m.start()]).lstrip("○ ").strip()
    rest = text[m.end():]
    ministries: list[str] = []
    mm = _MINISTRIES_AFTER.match(rest)
    if mm:
        ministries = [p.strip() for p in re.split(r"[、,]", mm.group(1)) if p.strip()]
    return title, m.group(1).strip(), ministries


def _record_id(d: _Draft) -> str:
    key = "\x1f".join([d.kind, d.title, d.amount_text or "", *d.body])
    return "r-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _finish(d: _Draft) -> Record:
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


def parse_document(text: str) -> list[Record]:
    """Records in document order. Spans are disjoint and cover every amount in the document."""
    lines = text.split("\n")
    records: list[Record] = []
    current: _Draft | None = None
    root = ""
    pillar: str | None = None
    subheading: str | None = None
    in_items = False
    owner_ministry: list[str] = []

    def close() -> None:
        nonlocal current
        # A pillar heading with no description of its own is a heading, not a citable unit.
        if current is not None and (current.kind != "section" or current.body):
            records.append(_finish(current))
        current = None

    def path() -> list[str]:
        return [p for p in (root, pillar, subheading) if p]

    # Front matter: the bold title block before the first heading.
    first_heading = next(i for i, ln in enumerate(lines) if _HEADING.match(ln))
    front = [(i + 1, _clean(ln)) for i, ln in enumerate(lines[:first_heading]) if _clean(ln)]
    if front:
        title_lines = [t for _, t in front if not t.startswith("令和") or "年度" in t]
        records.append(
            _finish(
                _Draft(
                    kind="headline",
                    pillar=None,
                    heading_path=[],
                    title=" ".join(title_lines[:3]),
                    line_start=front[0][0],
                    line_end=front[-1][0],
                    body=[t for _, t in front[3:]],
                )
            )
        )

    for idx, raw in enumerate(lines):
        no = idx + 1
        line = raw.rstrip()
        if not line.strip():
            continue
        h = _HEADING.match(line)
        if h:
            level, htext = len(h.group(1)), h.group(2)
            clean = _clean(htext)
            if clean == "【主な事業】":
                close()
                in_items = True
                continue
            in_items = False
            if clean.startswith("【") and _AMOUNT_BRACKET.search(clean) and current is not None:
                _, amount, ministries = split_title_amount(htext)
                current.amount_text, current.ministries = amount, ministries
                current.line_end = no
                continue
            close()
            if level == 1:
                root = clean
                owner_ministry = [clean.split()[0]] if clean else []
                pillar, subheading = None, None
                continue
            if "○" in clean:
                title, amount, ministries = split_title_amount(htext)
                current = _Draft("measure", pillar, path(), title, no, no, amount, ministries)
                continue
            if _PILLAR.match(clean) and re.search(r"億円|事項要求", clean):
                title = re.split(r"\s*計", clean)[0]
                amount = clean[len(title):].strip().removeprefix("計").strip()
                records.append(
                    _finish(
                        _Draft("headline", None, [root], title, no, no, "計" + amount, owner_ministry)
                    )
                )
                continue
            if _PILLAR.match(clean):
                pillar, subheading = re.sub(r"^\((\d)\)\s*", r"(\1) ", clean), None
                current = _Draft("section", pillar, [root, pillar] if root else [pillar], pillar, no, no)
                continue
            subheading = clean
            continue

        stripped = line.strip()
        if stripped.startswith("▶"):
            label = stripped.lstrip("▶ ").strip()
            is_description = label.endswith("。")
            if is_description and current is not None and current.kind == "section" and not current.body:
                current.body.append(label)
                current.line_end = no
            else:
                close()
                subheading = label
            continue
        if in_items:
            m = _LINE_ITEM.match(line)
            if m:
                records.append(
                    _finish(
                        _Draft("line_item", pillar, path(), _clean(m.group(1)), no, no, m.group(2), owner_ministry)
                    )
                )
                continue
        bold = _BOLD_BULLET.match(line)
        if bold:
            close()
            title, amount, ministries = split_title_amount(bold.group(1))
            current = _Draft("summary", pillar, path(), title, no, no, amount, ministries)
            continue
        prev = _PREV.search(normalize(line).replace("(", "（"))
        inline = _INLINE_AMOUNT.search(line)
        if inline and (current is None or current.kind in ("section", "headline")):
            close()
            label = _clean(line[: inline.start()])
            label = re.sub(r"^\d\.\s*", "", label)
            d = _Draft("headline", None, [root] if root else [], label, no, no, inline.group(1).strip(), owner_ministry)
            if prev:
                d.prev_amount_oku = parse_amount_oku(prev.group(1))
            current = d
            continue
        if prev and current is not None and current.kind == "headline" and current.prev_amount_oku is None:
            current.prev_amount_oku = parse_amount_oku(prev.group(1))
            current.body.append(_clean(stripped))
            current.line_end = no
            continue
        if line.startswith("**") and _AMOUNT_BRACKET.search(line) and current is not None:
            _, amount, ministries = split_title_amount(line)
            current.amount_text, current.ministries = amount, ministries
            current.line_end = no
            continue
        if current is None:
            continue
        sub = _SUB_BULLET.match(line)
        bullet = _BULLET.match(line)
        text = sub.group(1) if sub else bullet.group(1) if bullet else stripped
        if not (sub or bullet) and current.body and not current.body[-1].endswith("。"):
            current.body[-1] = current.body[-1] + _clean(text)
        else:
            current.body.append(_clean(text))
        current.line_end = no
    close()
    return records


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
