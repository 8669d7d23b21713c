"""Slack rendering: answer text as mrkdwn, citations as a context block, 👍/👎 and share buttons.

Kept apart from the listeners so the payloads can be read (and tested) without Slack.
Limits that shape it: a section's text ≤ 3,000 chars, a context block ≤ 10 elements,
a button value ≤ 2,000 chars (ours carry only a 16-character key), a message ≤ 50 blocks.
Everything user- or document-derived is escaped (&, <, >), the top-level ``text`` included.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from bot.models import Answer, Citation

SECTION_MAX = 3000
CONTEXT_MAX_ELEMENTS = 10
KEY_MAX = 64
MAX_BLOCKS = 50

ACTION_UP = "feedback_up"
ACTION_DOWN = "feedback_down"
ACTION_SHARE = "share_answer"

Block = dict[str, Any]
Vote = Literal["up", "down"]

THANKS = {"up": "👍 ご評価ありがとうございます。回答の改善に使わせていただきます。",
          "down": "👎 ご評価ありがとうございます。回答の改善に使わせていただきます。"}

_MENTION = re.compile(r"<[@!#][^>]*>")
_LINK = re.compile(r"<([^>|]+)\|([^>]+)>")
_BARE_LINK = re.compile(r"<((?:https?|mailto):[^>]+)>")


def escape(text: str) -> str:
    """Slack requires &, < and > escaped in mrkdwn and plain text alike."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """Slack's escaping undone (our own messages read back as history)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def to_mrkdwn(text: str) -> str:
    """Markdown an LLM composer may produce (**bold**, # headings, - bullets) → Slack mrkdwn."""
    out = []
    for line in escape(text).split("\n"):
        line = re.sub(r"^#{1,6}\s+(.+)$", r"*\1*", line)
        line = re.sub(r"^\s*[-*]\s+", "• ", line)
        out.append(re.sub(r"\*\*(.+?)\*\*", r"*\1*", line))
    return "\n".join(out)


def question_text(raw: str, bot_user_id: str | None) -> str:
    """A Slack message as the question: drop the bot's mention, keep link labels, undo escaping."""
    text = raw
    if bot_user_id:
        text = text.replace(f"<@{bot_user_id}>", " ")
    text = _LINK.sub(r"\2", text)
    text = _BARE_LINK.sub(r"\1", text)
    text = unescape(_MENTION.sub(" ", text))
    return re.sub(r"[ \t]+", " ", text).strip()


def _safe_cut(text: str, size: int) -> int:
    """Where to cut ``text`` at most ``size`` chars in without splitting an ``&amp;``-style entity."""
    amp = text.rfind("&", max(0, size - 7), size)
    if amp > 0 and text.find(";", amp, size) < 0:
        return amp
    return size


def _chunks(text: str, size: int = SECTION_MAX) -> list[str]:
    """Split at line breaks where possible so no section exceeds Slack's limit, never inside an entity."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > size:
            if current:
                chunks.append(current)
                current = ""
            cut = _safe_cut(line, size)
            chunks.append(line[:cut])
            line = line[cut:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > size:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current or not chunks:
        chunks.append(current or " ")
    return chunks


def citation_line(c: Citation) -> str:
    """「[1] 施策名 ｜ 金額 ｜ 府省庁 ｜ 190–195行」: what a reader needs to check the source."""
    parts = [f"[{c.n}] *{escape(c.title[:300])}*"]
    if c.amount_text:
        parts.append(escape(c.amount_text))
    if c.ministries:
        parts.append(escape("、".join(c.ministries)))
    lines = f"{c.line_start}行" if c.line_start == c.line_end else f"{c.line_start}–{c.line_end}行"
    parts.append(lines)
    return " ｜ ".join(parts)


def parse_button_value(value: str) -> str:
    """The answer key a button carries ("" for anything that is not one)."""
    return value if 0 < len(value) <= KEY_MAX and value.isalnum() else ""


def _button(action_id: str, text: str, value: str, style: str | None = None) -> Block:
    button: Block = {"type": "button", "action_id": action_id, "value": value,
                     "text": {"type": "plain_text", "text": text, "emoji": True}}
    if style:
        button["style"] = style
    return button


def answer_blocks(answer: Answer, *, question: str, key: str | None, share: bool = False,
                  asked_by: str | None = None, voted: Vote | None = None, note: str | None = None) -> list[Block]:
    """Answer sections, a note if any, a context block per ten citations, the buttons, and the thanks once voted."""
    blocks: list[Block] = []
    if asked_by:
        quoted = escape(question[:500])
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": f"<@{asked_by}> さんの質問：{quoted}"}})
    blocks += [{"type": "section", "text": {"type": "mrkdwn", "text": chunk}} for chunk in _chunks(to_mrkdwn(answer.answer))]
    if note:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": escape(note)}]})
    citations = answer.citations
    for start in range(0, len(citations), CONTEXT_MAX_ELEMENTS):
        group = citations[start : start + CONTEXT_MAX_ELEMENTS]
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": citation_line(c)} for c in group]})
    buttons: list[Block] = []
    if key and not answer.error:
        buttons += [_button(ACTION_UP, "👍 役に立った", key), _button(ACTION_DOWN, "👎 役に立たなかった", key)]
        if share and not answer.refused:
            buttons.append(_button(ACTION_SHARE, "チャンネルに投稿", key, style="primary"))
    tail: list[Block] = []
    if buttons:
        tail.append({"type": "actions", "block_id": "answer_actions", "elements": buttons})
    if voted:
        tail.append({"type": "context", "block_id": "answer_thanks",
                     "elements": [{"type": "mrkdwn", "text": THANKS[voted]}]})
    return blocks[: MAX_BLOCKS - len(tail)] + tail


def fallback_text(answer: Answer) -> str:
    """The message's ``text`` (notifications, screen readers): escaped like every other text we send."""
    return escape(answer.answer)
