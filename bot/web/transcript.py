"""The conversation as our own HTML, and one answer as plain text, Markdown or a page of its own.

Each exchange is one ``<article>``: the question as plain text, the answer with markers that point at
*its own* source cards (ids carry the answer key), the tools (copy, link, export, 👍/👎, a reason box)
and the sources beside it. Everything a user typed is escaped: a question is never Markdown or HTML.
"""

from __future__ import annotations

import html
import re

from bot.state.conversations import Exchange
from bot.web.render import answer_html, sources_html
from bot.web.style import CSS, PAGE_CSS

THINKING = "資料を確認しています…"
EMPTY = (
    '<p class="conv-empty">資料の内容について日本語でご質問ください。'
    "続けて「それの担当省庁は？」のように聞き返すこともできます。</p>"
)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~])")
_MARKER = re.compile(r"\[(\d{1,2})\]")


def _user_bubble(question: str) -> str:
    return (
        f'<div class="msg msg-user"><span class="sr-only">質問：</span>'
        f'<p class="user-text">{html.escape(question, quote=False)}</p></div>'
    )


def _tools(ex: Exchange) -> str:
    """Copy, link, export and the two votes; ``aria-pressed`` shows the vote this browser gave."""
    votes = "".join(
        f'<button type="button" class="tool vote" data-vote="{v}" aria-pressed="{str(ex.vote == v).lower()}"'
        f">{label}</button>"
        for v, label in (("up", "役に立った"), ("down", "役に立たなかった"))
    )
    return (
        f'<div class="tools" role="group" aria-label="この回答の操作">'
        f'<button type="button" class="tool copy" data-copy="{html.escape(plain_text(ex))}">コピー</button>'
        f'<a class="tool" href="a/{ex.key}" target="_blank" rel="noopener">リンク</a>'
        f'<a class="tool" href="a/{ex.key}.md" download="answer-{ex.key[:8]}.md">Markdownで保存</a>'
        f"{votes}</div>"
        f'<form class="fb-form"{"" if ex.vote == "down" else " hidden"}>'
        f'<label>よくなかった点があれば教えてください（任意）'
        f'<textarea class="fb-text" rows="2" maxlength="500"></textarea></label>'
        f'<button type="submit" class="tool fb-send">コメントを送る</button></form>'
    )


def _next(ex: Exchange) -> str:
    """Suggested questions; after a refusal they are the nearest items the document does cover."""
    if not ex.suggestions:
        return ""
    label = "資料にある近い項目" if ex.answer.refused else "次の質問の候補"
    buttons = "".join(
        f'<button type="button" class="next-q" data-q="{html.escape(q)}">{html.escape(q)}</button>'
        for q in ex.suggestions
    )
    return f'<div class="next" role="group" aria-label="{label}"><span class="next-label">{label}：</span>{buttons}</div>'


def exchange_html(ex: Exchange, lines: list[str], *, interactive: bool = True, new: bool = False) -> str:
    """One question, its answer and its sources; ``interactive`` adds the tools (not on a permalink page)."""
    answer = (
        f'<div class="msg msg-bot"><span class="sr-only">回答：</span>'
        f'<p class="bot-text">{answer_html(ex.answer, ex.key)}</p>{_tools(ex) + _next(ex) if interactive else ""}</div>'
    )
    sources = sources_html(ex.answer, lines, ex.previous, ex.key)
    return (
        f'<article class="ex{" ex-new" if new else ""}" id="ex-{ex.key}" data-key="{ex.key}">'
        f'<div class="ex-main">{_user_bubble(ex.question)}{answer}</div>'
        f'<aside class="ex-sources" aria-label="この回答の出典">{sources}</aside></article>'
    )


def conversation_html(exchanges: list[Exchange], lines: list[str], pending: str | None = None,
                      partial: str = "") -> str:
    """The whole conversation; ``pending`` is a question being answered, shown at once with a note, or with
    ``partial``, the checked sentences a model has written so far (plain text until the answer is final)."""
    parts = [exchange_html(ex, lines, new=pending is None and i == len(exchanges) - 1)
             for i, ex in enumerate(exchanges)]
    if pending is not None:
        said = f'<p class="bot-text bot-partial">{html.escape(partial)}</p>' if partial else \
            f'<p class="bot-text">{THINKING}</p>'
        parts.append(
            f'<article class="ex ex-new ex-pending"><div class="ex-main">{_user_bubble(pending)}'
            f'<div class="msg msg-bot" role="status">{said}</div></div></article>'
        )
    return f'<div class="conv">{"".join(parts) or EMPTY}</div>'


def restored_html(exchanges: list[Exchange], lines: list[str]) -> str:
    """A conversation brought back after a reload: nothing is marked new, so the page does not scroll."""
    return f'<div class="conv">{"".join(exchange_html(ex, lines) for ex in exchanges) or EMPTY}</div>'


def _source_lines(ex: Exchange) -> list[str]:
    out = []
    for c in ex.answer.citations:
        span = f"{c.line_start}行" if c.line_start == c.line_end else f"{c.line_start}–{c.line_end}行"
        amount = f"、{c.amount_text}" if c.amount_text else ""
        out.append(f"[{c.n}] {c.title}（資料の{span}{amount}）")
    return out


def plain_text(ex: Exchange) -> str:
    """What Copy puts on the clipboard: the question, the answer with its [n] markers, and the sources listed."""
    text = f"質問：{ex.question}\n回答：{ex.answer.answer}"
    sources = _source_lines(ex)
    return text + ("\n\n出典\n" + "\n".join(sources) if sources else "")


def _md(text: str) -> str:
    """User or document text as literal Markdown: a question's ``![t](url)`` stays text in any viewer."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def markdown_text(ex: Exchange, document: str) -> str:
    """An answer with its sources as a Markdown file (the export)."""
    answer = _MARKER.sub(r"[\1]", _md(ex.answer.answer))
    out = [f"## 質問\n\n{_md(ex.question)}", f"## 回答\n\n{answer}"]
    if ex.answer.citations:
        items = []
        for c, line in zip(ex.answer.citations, _source_lines(ex)):
            quote = "\n".join(f"   > {_md(q)}" for q in c.quote.splitlines() if q.strip())
            items.append(f"- {_md(line)}\n{quote}")
        out.append("## 出典\n\n" + "\n".join(items))
    out.append(f"---\n出典の行番号は資料「{_md(document)}」の行です。")
    return "\n\n".join(out) + "\n"


def permalink_page(ex: Exchange, lines: list[str], title: str, notice: str) -> str:
    """One answer on a page of its own (``/a/<key>``): no scripts, our stylesheet, light or dark by the OS."""
    return (
        '<!doctype html><html lang="ja"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(ex.question[:60])}｜{html.escape(title)}</title>"
        f'<meta property="og:title" content="{html.escape(title)}">'
        f"<style>{CSS}{PAGE_CSS}</style></head><body><main class=\"permalink\">"
        f'<p class="pl-head"><a href="../">{html.escape(title)}</a></p>'
        f'<p class="pl-notice">{html.escape(notice)}</p>'
        f'<div class="conv">{exchange_html(ex, lines, interactive=False)}</div>'
        f'<p><a href="{ex.key}.md">Markdownで保存</a>　<a href="../">チャットで質問する</a></p>'
        "</main></body></html>"
    )
