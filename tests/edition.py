"""A perturbed next edition of the real document: years shifted, figures changed, a line item inserted.

The summary is published every year in the same shape. The edition test points the bot at this text
with no code change: what it knows about the edition must come from the document itself.
"""

from __future__ import annotations

import re

NEW_ITEM = "- 地域未来共創モデル事業 12億円"
"""Inserted after the first 主な事業 line item that follows ``AFTER``, so that every later line moves down."""
AFTER = "- 特定地域づくり事業"


def _plus_one(m: re.Match[str]) -> str:
    """An amount one 億円 larger, written the way the document writes it (thousands separators, decimals)."""
    raw = m.group(1)
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    value = float(raw.replace(",", "")) + 1
    text = f"{value:,.{decimals}f}" if "," in raw else f"{value:.{decimals}f}"
    return f"{text}億円"


def next_edition(text: str) -> str:
    """Every 令和 year and calendar year +1, every 億円 figure +1, and one new line item."""
    text = re.sub(r"令和(\s*)(\d+)(\s*年)", lambda m: f"令和{m.group(1)}{int(m.group(2)) + 1}{m.group(3)}", text)
    text = re.sub(r"R(\d+)当初", lambda m: f"R{int(m.group(1)) + 1}当初", text)
    text = re.sub(r"(?<!\d)(20\d\d)(年)", lambda m: f"{int(m.group(1)) + 1}{m.group(2)}", text)
    text = re.sub(r"(\d[\d,]*(?:\.\d+)?)億円", _plus_one, text)
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(AFTER))
    return "\n".join([*lines[: at + 1], NEW_ITEM, *lines[at + 1 :]])
