"""Questions about several named items: 「AとBどっちが多い？」「AとBの差は？」「AとBを合わせると？」.

The reader only splits the question into the phrases that name the items; evidence links each phrase
to its own record (``bot.qa.evidence``), and the writer compares them (``bot.qa.answers_many.items``).
"""

from __future__ import annotations

import re

TAIL = re.compile(
    r"(?:の(?:予算|金額|要求額|概算要求額|概算要求|額|規模)|では|って|は|を(?:比べ|比較|合わせ|足)|で(?:は)?(?:どっち|どちら)"
    r"|(?:、)?(?:どっち|どちら)|を?合計|の合計|の差|の違い)"
)
"""Where the names end and the question about them begins."""
JOINER = re.compile(r"と|や|及び|および|、|vs\.?|VS|ｖｓ")
"""What joins two names."""
ASKS_ABOUT_SEVERAL = re.compile(r"どっち|どちら|比べ|比較|差|違い|合わせ|合計|足す|足し|両方|多い|大きい|少ない|小さい|上回|下回|いくら")
"""A question about several items asks which is more, the difference, the sum, or each amount."""
COMPARISON_WITH_LAST_YEAR = re.compile(r"前年|昨年|去年|前の年|当初")


def item_phrases(payload: str) -> tuple[str, ...]:
    """The names of two or more items before the question about them, or () when it names one."""
    if not ASKS_ABOUT_SEVERAL.search(payload) or COMPARISON_WITH_LAST_YEAR.search(payload):
        return ()
    tail = TAIL.search(payload)
    head = payload[: tail.start()] if tail else payload
    parts = [_clean(p) for p in JOINER.split(head)]
    parts = [p for p in parts if len(p) >= 2]
    return tuple(parts) if len(parts) >= 2 else ()


def _clean(part: str) -> str:
    return part.strip(" 「」『』\"'()（）?？。、")
