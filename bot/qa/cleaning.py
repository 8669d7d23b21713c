"""Cleaning user input before it is read: control characters, markup, length and emptiness."""

from __future__ import annotations

import re
import unicodedata

from bot.errors import InvalidQuestion

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
_TAG = re.compile(r"<[^<>]{0,200}>")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")

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
    text = _CONTROL.sub(" ", raw.replace("\x00", " "))
    text = _MD_LINK.sub(r"\1", _TAG.sub(" ", text))
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("So", "Cs", "Co", "Cn"))
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise InvalidQuestion("empty_question", "empty question", "質問が空です。知りたいことを日本語で入力してください。")
    return text
