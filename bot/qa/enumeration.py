"""A message that numbers what it asks about: 「①Aの要求額、②Bの要求額」「(1)A、(2)B、各々の計上額」「一、Aの要求額。二、Bの同要求額。」.

Each numbered part names one item; read together they are the items the question is about. The numbers are no
pillar's number (「(1)」 is also how the document numbers its pillars), so the reading drops them from the text.
NFKC turns ① into a bare 1, which no reader could tell from a figure, so circled numbers are marked before it.
"""

from __future__ import annotations

import re

from bot.qa.items import YEAR_WORD

CIRCLED = {ord(c): chr(0xE001 + i) for i, c in enumerate("①②③④⑤⑥⑦⑧⑨⑩")}
"""①…⑩ as private-use characters, which NFKC leaves as they are."""
UNCIRCLED = {0xE001 + i: str(i + 1) for i in range(10)}
"""Back to what NFKC would have made of them, when the message numbers nothing."""

_AFTER = r"(?:(?<=^)|(?<=[\s。、:：?？!！」)]))"
STYLES = (
    re.compile("([\ue001-\ue00a])"),
    re.compile(_AFTER + r"\((\d)\)"),
    re.compile(_AFTER + r"(\d)[.)](?![\d.])"),
    re.compile(_AFTER + r"([一二三四五六七八九])、"),
    re.compile(_AFTER + r"\(([a-hA-H])\)"),
    re.compile(_AFTER + r"\(([アイウエオカキク])\)"),
)
"""The ways of numbering, one style to a message: ①, (1), 1. or 1), 一、, (a) and (ア), the letters in their order."""

KANJI_DIGITS = "一二三四五六七八九"
LETTERS = "abcdefgh"
KANA_LETTERS = "アイウエオカキク"

NOT_A_NAME = re.compile(r"^(?:の|～|と|や|から|まで|まとめ|全部)")
"""A numbered part that starts so is no name (「(1)の施策と(2)の施策」「2.～5.」): the numbers are pillars."""

_TAIL = re.compile(
    rf"の同?(?:{YEAR_WORD})?(?:予算|金額|要求額|概算要求額|概算要求|計上額|額|規模)|について|に関して|では|って|は(?=いくら|、|どう|何)|[?？。]"
)
"""Where a numbered part's name ends and what is asked of it begins."""
_ASKS = re.compile(r"^(?:両|各|それぞれ|この|これら|上記|以上|計|合計|合わせ|比べ|どっち|どちら|の?[二三四五\d](?:つ|点|件|施策|事業|項目))")
"""A piece after the name that turns to the question (「…の形成、両者の要求額」「…、の二施策の要求額」)."""


def _number(found: re.Match[str]) -> int:
    mark = found.group(1)
    for digits in (KANJI_DIGITS, LETTERS, KANA_LETTERS):
        if mark.lower() in digits:
            return digits.index(mark.lower()) + 1
    return ord(mark) - 0xE000 if "\ue001" <= mark <= "\ue00a" else int(mark)


def _name(part: str) -> str:
    """The name a numbered part gives before what it asks: up to the tail, and up to a piece that turns to the
    question; 「、」 inside the name is kept (「…拠点構想、ドローン…」)."""
    if NOT_A_NAME.match(part.strip()):
        return ""
    tail = _TAIL.search(part)
    head = part[: tail.start()] if tail else part
    kept = ""
    for piece in re.split(r"(?<=[、\s])", head):  # 「…形成、両者の要求額」; a memo's next line: 「…事業 各要求額を」
        if _ASKS.match(piece.strip()):
            break
        kept += piece
    return kept.strip(" 、「」『』―—-")


def numbered(text: str) -> tuple[str, tuple[str, ...]]:
    """(the text without its numbers, the name each numbered part gives) when the text numbers two or more parts
    1, 2, … in one style and each gives a name; else (the text as NFKC would have made it, ())."""
    for style in STYLES:
        marks = list(style.finditer(text))
        if len(marks) < 2 or [_number(m) for m in marks] != list(range(1, len(marks) + 1)):
            continue
        ends = [m.start() for m in marks[1:]] + [len(text)]
        names = tuple(_name(text[m.end():end]) for m, end in zip(marks, ends))
        if all(len(n) >= 2 for n in names):
            return re.sub(r"\s+", " ", style.sub(" ", text)).strip().translate(UNCIRCLED), names
    return text.translate(UNCIRCLED), ()
