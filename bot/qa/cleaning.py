"""Cleaning user input before it is read: the one rule for every text that reaches tokenising or embedding.

The question, each earlier turn of the conversation (from any surface) and the text retrieval embeds are
scrubbed the same way (control characters, lone surrogates, markup) and capped: embedding costs grow with
length (about 1.5 ms a character here), so an unbounded text is an unbounded CPU bill for one request.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from bot.errors import InvalidQuestion
from bot.models import Turn

RETRIEVAL_CHARS = 200
"""Default cap on the embedded retrieval text (``Settings.max_retrieval_chars``): about 0.2 s to embed on an idle machine here."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
_TAG = re.compile(r"<[^<>]{0,200}>")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_DROP_CATEGORIES = ("Cs", "Co", "Cn")
_SYMBOL = "So"
"""Emoji and other symbols: dropped, but one that ends a sentence still ends it (:data:`_EMOJI_STOP`)."""
BLANKS = "○◯□"
"""Symbols kept: a blank the asker leaves in a name for the bot to fill (「新規輸出○万者支援プログラム」)."""
_EMOJI_STOP = re.compile(r"(?<=[ぁ-ゖ])\x00+\s+(?=\S)")
"""An emoji after a sentence's last kana and before more text (「NPOで働いています🌱 この資料で…」) ends that sentence."""
_ROLES = ("user", "assistant")


def scrub(text: str) -> str:
    """``text`` without control characters, lone surrogates, symbols, tags or link targets; spaces collapsed."""
    text = _CONTROL.sub(" ", text)
    text = _MD_LINK.sub(r"\1", _TAG.sub(" ", text))
    text = "".join("\x00" if (unicodedata.category(ch) == _SYMBOL and ch not in BLANKS) or "\ufe00" <= ch <= "\ufe0f" else ch for ch in text
                   if unicodedata.category(ch) not in _DROP_CATEGORIES)  # a variation selector is part of its emoji
    text = _EMOJI_STOP.sub("。", text).replace("\x00", "")
    return re.sub(r"\s+", " ", text).strip()


def cap(text: str, max_chars: int) -> str:
    """At most ``max_chars`` characters of ``text`` (its start: what a question or turn leads with)."""
    return text[:max_chars]


def printable(raw: object, max_chars: int = 200) -> str:
    """Input that was refused, safe to echo back and to serialise as UTF-8 (never raw lone surrogates)."""
    text = raw if isinstance(raw, str) else str(raw)
    return scrub(cap(text, max_chars * 4))[:max_chars]


def clean_question(raw: object, max_chars: int) -> str:
    """Validate and clean user input; raise ``InvalidQuestion`` with a polite Japanese message."""
    if not isinstance(raw, str):
        raise InvalidQuestion("not_text", "question is not a string", "質問は文字列で入力してください。")
    if len(raw) > max_chars:
        raise InvalidQuestion(
            "question_too_long",
            f"question too long: {len(raw)} chars",
            f"質問が長すぎます（{max_chars:,}文字以内でお願いします）。要点を短くしてお尋ねください。",
        )
    text = scrub(raw)
    if not text:
        raise InvalidQuestion("empty_question", "empty question", "質問が空です。知りたいことを日本語で入力してください。")
    return text


def clean_history(raw: object, max_turns: int, max_chars: int) -> list[Turn]:
    """The last ``max_turns`` readable turns, each scrubbed and capped to ``max_chars``.

    History comes from every surface (the API, a browser session, a Slack thread) and is context, not a
    question: an unreadable or empty turn is dropped, an overlong one is cut, never refused.
    """
    turns = [t for t in (_turn(item, max_chars) for item in _items(raw)) if t is not None]
    return turns[-max_turns:] if max_turns else []


def _items(raw: object) -> Iterable[object]:
    return raw if isinstance(raw, (list, tuple)) else ()


def _turn(item: object, max_chars: int) -> Turn | None:
    role, content = (item.role, item.content) if isinstance(item, Turn) else _fields(item)
    if role not in _ROLES or not isinstance(content, str):
        return None
    # Cut before scrubbing too: scrubbing a megabyte only to keep its first 2,000 characters is waste.
    text = cap(scrub(cap(content, max_chars * 4)), max_chars)
    return Turn(role=role, content=text) if text else None


def _fields(item: object) -> tuple[object, object]:
    return (item.get("role"), item.get("content")) if isinstance(item, dict) else (None, None)
