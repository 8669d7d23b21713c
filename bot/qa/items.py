"""Questions about several named items: 「AとBどっちが多い？」「AとBの差は？」「AとBを合わせると？」.

The reader only splits the question into the phrases that name the items; evidence links each phrase
to its own record (``bot.qa.evidence``), and the writer compares them (``bot.qa.answers_many.items``).
"""

from __future__ import annotations

import re


class Marks:
    """The surface words that shape a question about several items."""

    # Where the names end and the question about them begins.
    TAIL = re.compile(
        r"(?:の(?:予算|金額|要求額|概算要求額|概算要求|額|規模)|では|って|は|を(?:比べ|比較|合わせ|足)"
        r"|で(?:は)?(?:どっち|どちら)|(?:、)?(?:どっち|どちら)|を?合計|の合計|の差|の違い)"
    )
    JOINER = re.compile(r"と|や|及び|および|、|vs\.?|VS|ｖｓ")  # what joins two names
    # Which is more, the difference, the sum, or each amount.
    SEVERAL = re.compile(r"どっち|どちら|比べ|比較|差|違い|合わせ|合計|足す|足し|両方|多い|大きい|少ない|小さい|上回|下回|いくら")
    THAN = re.compile(r"^(.+?)(?:は|の(?:予算|金額|額)は)(.+?)より")  # 「AはBより…」 names two items
    QUESTION = re.compile(r"予算|金額|いくら|どう|何|それぞれ|大きい|多い")  # a segment that starts the question
    LAST_YEAR = re.compile(r"前年|昨年|去年|前の年|当初")  # a comparison with last year, not between items


WITH_ANOTHER = re.compile(r"合わせ|合計|足す|足し|比べ|比較|どっち|どちら|差|違い")
"""A follow-up that brings in a second item (「Bと合わせると？」) asks about it together with the earlier one."""


def item_phrases(payload: str, least: int = 2) -> tuple[str, ...]:
    """The names of ``least`` or more items before the question about them, or ()."""
    if not Marks.SEVERAL.search(payload) or Marks.LAST_YEAR.search(payload):
        return ()
    than = Marks.THAN.search(payload)
    if than:  # 「AはBよりいくら多い？」
        return (_clean(than.group(1)), _clean(than.group(2)))
    parts = named_phrases(payload)
    return parts if len(parts) >= least else ()


def named_phrases(payload: str) -> tuple[str, ...]:
    """What the question names before it asks about it: 「A と B、合わせるといくら？」 → (A, B)."""
    tail = Marks.TAIL.search(payload)
    head = payload[: tail.start()] if tail else payload
    parts: list[str] = []
    for part in (_clean(p) for p in Marks.JOINER.split(head)):
        if Marks.SEVERAL.match(part) or Marks.QUESTION.match(part):
            break  # the question begins: 「予算が大きいのは」「合わせると」
        if len(part) >= 2:
            parts.append(part)
    return tuple(parts)


def _clean(part: str) -> str:
    return re.sub(r"の(方|ほう)$", "", part.strip(" 「」『』\"'()（）?？。、"))
