"""HTML for the web chat: answers with clickable [n] markers, and cited sources with highlights.

Pure functions of an :class:`~bot.models.Answer` and the corpus lines, so they are unit-tested
without a browser. Every piece of text is HTML-escaped here: the page never shows raw input.
"""

from __future__ import annotations

import html
import re
import unicodedata

from bot.document.flags import FLAGS
from bot.models import Answer, Citation
from bot.text import morphemes

CONTEXT_LINES = 6
"""Lines shown before and after a cited span when a citation is opened."""

_MARKER = re.compile(r"\[(\d{1,2})\]")
_HIGHLIGHT_POS = {"名詞", "形状詞"}
_STOP_TERMS = {
    "いくら", "なに", "どこ", "どれ", "どの", "いつ", "どう", "だれ", "こと", "もの", "それ", "これ", "あれ",
    "その", "ため", "よう", "とき", "ところ", "教え", "ください",
}

EMPTY_SOURCES = (
    '<div class="src-panel"><p class="src-empty">質問すると、回答の根拠となった資料の箇所（出典）がここに表示されます。</p></div>'
)


def flag_badges(flags: list[str]) -> str:
    """内数 / 事項要求 … as labelled badges; the title attribute explains each label."""
    out = []
    for flag in flags:
        known = FLAGS.get("内数" if "内数" in flag else flag)
        css = known.css if known else "other"
        help_text = known.help if known else f"{flag}：他の予算の一部（内数）として加えられています。"
        out.append(f'<span class="badge badge-{css}" title="{html.escape(help_text)}">{html.escape(flag)}</span>')
    return "".join(out)


def anchor(key: str, n: int) -> str:
    """The id of answer ``key``'s source card [n]: unique across the conversation, so old markers still work."""
    return f"a-{key}-c{n}"


def _first_line(quote: str) -> str:
    line = next((ln.strip() for ln in quote.splitlines() if ln.strip()), "")
    return line if len(line) <= 80 else line[:79] + "…"


def answer_html(answer: Answer, key: str = "") -> str:
    """The answer text, escaped, with each known [n] linked to this answer's own card and a preview of its line."""
    cited = {c.n: c for c in answer.citations}

    def link(m: re.Match[str]) -> str:
        c = cited.get(int(m.group(1)))
        if c is None:
            return m.group(0)
        tip = html.escape(_first_line(c.quote))
        return (
            f'<a class="cite-ref" href="#{anchor(key, c.n)}" data-key="{key}" data-n="{c.n}"'
            f' aria-label="出典{c.n}：{html.escape(c.title)}">[{c.n}]'
            f'<span class="cite-tip" aria-hidden="true">{tip}</span></a>'
        )

    return _MARKER.sub(link, html.escape(answer.answer, quote=False))


def highlight_terms(question: str) -> list[str]:
    """Content words of the question (fine and compound forms) worth marking in a quote."""
    terms: set[str] = set()
    for mode in ("C", "A"):
        for surface, _norm, pos in morphemes(question, mode):
            if pos in _HIGHLIGHT_POS and len(surface) >= 2 and surface not in _STOP_TERMS:
                terms.add(surface.lower())
    return sorted(terms, key=len, reverse=True)


def _fold(text: str) -> tuple[str, list[int]]:
    """NFKC + lower-case per character, with the index in ``text`` each folded character came from."""
    folded: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        piece = unicodedata.normalize("NFKC", ch).lower()
        folded.append(piece)
        origin.extend([i] * len(piece))
    return "".join(folded), origin


def highlight(text: str, terms: list[str]) -> str:
    """Escaped ``text`` with every occurrence of ``terms`` wrapped in <mark> (full-/half-width alike)."""
    folded, origin = _fold(text)
    marked = [False] * len(text)
    for term in terms:
        start = folded.find(term)
        while start != -1:
            for j in range(start, start + len(term)):
                marked[origin[j]] = True
            start = folded.find(term, start + len(term))
    out: list[str] = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and marked[j] == marked[i]:
            j += 1
        chunk = html.escape(text[i:j], quote=False)
        out.append(f"<mark>{chunk}</mark>" if marked[i] else chunk)
        i = j
    return "".join(out)


def context_html(citation: Citation, lines: list[str], around: int = CONTEXT_LINES) -> str:
    """The cited span with ``around`` lines either side, numbered as in the source file."""
    first = max(1, citation.line_start - around)
    last = min(len(lines), citation.line_end + around)
    rows = []
    for no in range(first, last + 1):
        hit = citation.line_start <= no <= citation.line_end
        rows.append(
            f'<div class="ctx-line{" ctx-hit" if hit else ""}"><span class="ctx-no">{no}</span>'
            f'<span class="ctx-text">{html.escape(lines[no - 1], quote=False) or "&nbsp;"}</span></div>'
        )
    return (
        f'<details class="ctx"><summary>資料の該当箇所を前後とあわせて表示（{first}–{last}行）</summary>'
        f'<div class="ctx-body">{"".join(rows)}</div></details>'
    )


def citation_card(citation: Citation, lines: list[str], terms: list[str], key: str = "") -> str:
    c = citation
    amount = f'<span class="amount">{html.escape(c.amount_text)}</span>' if c.amount_text else ""
    ministries = f'<span class="ministries">{html.escape("、".join(c.ministries))}</span>' if c.ministries else ""
    span = f"{c.line_start}行" if c.line_start == c.line_end else f"{c.line_start}–{c.line_end}行"
    meta = " ".join(p for p in (amount + flag_badges(c.flags), ministries, f'<span class="lines">{span}</span>') if p)
    quote = highlight(c.quote, terms).replace("\n", "<br>")
    return (
        f'<div class="cite" id="{anchor(key, c.n)}" data-n="{c.n}">'
        f'<div class="cite-title"><span class="cite-n">[{c.n}]</span> {html.escape(c.title)}</div>'
        f'<div class="cite-meta">{meta}</div>'
        f'<blockquote class="quote">{quote}</blockquote>'
        f"{context_html(c, lines)}</div>"
    )


def sources_html(answer: Answer, lines: list[str], previous_question: str | None = None, key: str = "") -> str:
    """The sources panel for one answer: a card per citation, or a polite note when there are none.

    For a follow-up (``answer.resolved_question`` set) the highlights also cover the earlier question
    it was resolved against, which the caller passes as ``previous_question``.
    """
    if not answer.citations:
        note = "この回答には出典がありません。" if answer.refused else "出典はありません。"
        return f'<div class="src-panel"><p class="src-empty">{note}</p></div>'
    follow_up = bool(answer.resolved_question)
    terms = highlight_terms(" ".join(q for q in (previous_question if follow_up else None, answer.question) if q))
    head = f'<div class="src-head">出典（{len(answer.citations)}件）</div>'
    resolved = ""
    if follow_up:
        earlier = f"（「{html.escape(previous_question)}」）" if previous_question else ""
        resolved = f'<p class="src-resolved">前の質問{earlier}を踏まえて回答しました。</p>'
    cards = "".join(citation_card(c, lines, terms, key) for c in answer.citations)
    return f'<div class="src-panel">{head}{resolved}{cards}</div>'
