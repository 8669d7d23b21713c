"""The Gradio Blocks of the web chat: a チャット tab (our own conversation HTML) and 予算一覧.

The conversation is a ``gr.HTML`` rendered by :mod:`bot.web.transcript`, not ``gr.Chatbot``: the
Chatbot renders a question as Markdown (an image in a question is fetched) and can show only one
sources panel, while here each answer carries its own cards, tools and votes. The session holds the
:class:`Exchange` list; the browser keeps only its conversation and voter ids (``BrowserState``), and
the exchanges are saved in the state store, so a reload or a permalink finds them again.
"""

from __future__ import annotations

import logging
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import gradio as gr

from bot.config import Settings
from bot.document.flags import FLAGS
from bot.document.profile import Profile, build_profile
from bot.errors import BotError, InvalidQuestionCode
from bot.models import Answer, Final, Partial, Record, Turn
from bot.qa.outcomes import REPLACED_NOTE
from bot.qa.service import QAService
from bot.state.conversations import KEY, ConversationStore, Exchange, new_key
from bot.state.feedback import FeedbackStore
from bot.web import budget_view as bv
from bot.web.ratelimit import ClientLimit
from bot.web.style import CSS as TRANSCRIPT_CSS
from bot.web.style import GRADIO_CSS
from bot.web.suggest import suggestions
from bot.web.transcript import conversation_html, restored_html

log = logging.getLogger(__name__)

CSS = TRANSCRIPT_CSS + GRADIO_CSS + bv.phone_table_css()

ERROR_MESSAGE = BotError.user_message
ASK_EMPTY = "質問を入力してください。"
RATE_LIMITED = "短い時間に多くの質問が送られました。1分ほど待ってから、もう一度お試しください。"
FEEDBACK_FAILED = "申し訳ありません。評価を保存できませんでした。時間をおいて再度お試しください。"
NOTICE = "お知らせ"
"""The title of every toast (Gradio's default is the English "Info")."""
REJECTED = set(typing.get_args(InvalidQuestionCode))
"""Questions the service declined as input: shown as a notice, never kept in the conversation."""
BUDGET_INTRO_MD = (
    "資料のすべての項目です。各列見出しのメニュー（⋮）で並べ替え・絞り込みができ、下の条件でも絞り込めます。"
    "**億円**は資料の金額を数値にしたもので、**区分**に「内数」とある金額は他の予算の一部です（合計できません）。"
)
CHART_NOTE_MD = (
    "1本のバーが1項目です。斜線のバーは**内数**です。（共管）は複数府省庁の計を各府省庁に示したもので、"
    "総額・小計の行はグラフに含めません。金額は合計していません。"
)


def page_title(profile: Profile) -> str:
    return f"{profile.fiscal_year}予算 概算要求QA" if profile.fiscal_year else "予算資料QA"


def notice_text(profile: Profile) -> str:
    """The one-line disclaimer (the header's, and the permalink page's)."""
    year = profile.fiscal_year or "この資料の"
    return (
        f"金額はすべて{year}予算の概算要求（各府省庁の要求額）であり、成立した予算ではありません"
        f"（資料の日付：{profile.date}）。"
    )


def header_md(profile: Profile) -> str:
    """Title, what the page answers from, and the disclaimer, all from the document's profile."""
    source = "、".join(p for p in (profile.date, profile.author) if p)
    return (
        f"# {page_title(profile)}\n「{profile.title}」（{source}）の内容に、出典の行番号つきでお答えします。\n\n"
        f"> **ご注意：** {notice_text(profile)}\n"
        f"> {FLAGS['内数'].help}{FLAGS['事項要求'].help}\n"
    )


def history_turns(exchanges: list[Exchange]) -> list[Turn]:
    turns = []
    for ex in exchanges:
        turns.append(Turn(role="user", content=ex.question))
        turns.append(Turn(role="assistant", content=ex.answer.answer))
    return turns


def _client(request: gr.Request | None) -> str:
    return getattr(getattr(request, "client", None), "host", None) or "unknown"


Ids = dict[str, str]
"""``{"conversation": hex, "voter": hex}``: what the browser keeps (``BrowserState``) and the session mirrors."""


def _event_field(evt: gr.EventData, name: str) -> Any:
    """A field the page's script sent with ``trigger('click', data)``; None when absent or malformed."""
    try:
        return getattr(evt, name)
    except (AttributeError, TypeError):
        return None


def _valid_ids(ids: Any) -> Ids:
    ids = ids if isinstance(ids, dict) else {}
    return {k: ids[k] if KEY.match(str(ids.get(k, ""))) else new_key() for k in ("conversation", "voter")}


class ChatHandlers:
    """Event handlers bound to one service; methods so tests can call them without a browser."""

    def __init__(self, service: QAService, settings: Settings, feedback: FeedbackStore,
                 conversations: ConversationStore) -> None:
        self.service = service
        self.settings = settings
        self.feedback = feedback
        self.conversations = conversations
        per_minute = settings.web_rate_limit_per_minute
        self.limit = ClientLimit(f"{per_minute}/minute" if per_minute else "")

    def ask(self, question: str, exchanges: list[Exchange]) -> Iterator[Partial | Final]:
        """Partial texts while a model writes, then the answer. Never raises: unexpected failures become a
        polite refusal, details go to the log."""
        try:
            keep = self.settings.web_history_turns // 2  # the same bound as an /api/ask history
            yield from self.service.ask_stream(question, history_turns(exchanges[-keep:] if keep else []))
        except Exception:  # noqa: BLE001 - the page must show a polite sentence, never a traceback
            log.exception("web chat: answer failed")
            yield Final(Answer(question=str(question)[:200], answer=ERROR_MESSAGE, refused=True,
                               error="internal_error"))

    def respond(self, question: str | None, exchanges: list[Exchange] | None, ids: Ids | None,
                request: gr.Request | None = None) -> Iterator[tuple[Any, ...]]:
        """The question at once, then the answer with its sources; declined input stays out of the session.

        Yields (conversation HTML, exchanges, question box, ids, browser ids).
        """
        exchanges = list(exchanges or [])
        ids = _valid_ids(ids)
        lines = self.service.lines
        question = question if isinstance(question, str) else ""
        if not question.strip():
            raise gr.Error(ASK_EMPTY, title=NOTICE, print_exception=False)
        if self.limit.retry_after(_client(request)):
            raise gr.Error(RATE_LIMITED, title=NOTICE, print_exception=False)
        yield conversation_html(exchanges, lines, pending=question[:200]), exchanges, gr.update(), ids, ids
        for event in self.ask(question, exchanges):
            if isinstance(event, Partial):
                yield (conversation_html(exchanges, lines, pending=question[:200], partial=event.text),
                       exchanges, gr.update(), ids, ids)
                continue
            answer = event.answer
            if event.shown:  # the text shown so far gave way to the answer from the records: say so
                gr.Info(REPLACED_NOTE, title=NOTICE)
        if answer.error in REJECTED:
            gr.Warning(answer.answer, title=NOTICE)
            yield conversation_html(exchanges, lines), exchanges, gr.update(), ids, ids
            return
        previous = exchanges[-1].question if exchanges else None
        exchange = Exchange(  # the question as typed: it is shown as text
            key=new_key(), question=question, answer=answer, previous=previous,
            suggestions=suggestions(answer, self.service.records),
        )
        exchanges.append(exchange)
        try:
            self.conversations.add(ids["conversation"], len(exchanges), exchange)
        except Exception:  # noqa: BLE001 - the answer is shown even when it cannot be kept
            log.exception("web chat: saving the conversation failed")
        yield conversation_html(exchanges, lines), exchanges, "", ids, ids

    def restore(self, browser: Ids | None) -> tuple[Any, ...]:
        """On page load: the conversation this browser had, shown without scrolling."""
        ids = _valid_ids(browser)
        try:
            exchanges = self.conversations.conversation(ids["conversation"])
        except Exception:  # noqa: BLE001 - an empty page is better than none
            log.exception("web chat: restoring a conversation failed")
            exchanges = []
        return restored_html(exchanges, self.service.lines), exchanges, ids, ids

    def reset(self, ids: Ids | None) -> tuple[Any, ...]:
        """新しい会話: a new conversation id; the voter stays the same browser."""
        ids = {**_valid_ids(ids), "conversation": new_key()}
        return conversation_html([], self.service.lines), [], "", ids, ids

    def act(self, exchanges: list[Exchange] | None, ids: Ids | None, evt: gr.EventData) -> list[Exchange]:
        """A vote or a comment from an answer's tools: ``{"action", "key", "vote" | "comment"}``."""
        action, key = _event_field(evt, "action"), _event_field(evt, "key")
        exchanges = list(exchanges or [])
        ex = next((e for e in exchanges if e.key == key), None)
        if ex is None or action not in ("vote", "comment"):
            return exchanges
        voter = _valid_ids(ids)["voter"]
        vote = _event_field(evt, "vote") if action == "vote" else ex.vote or "down"
        comment = str(_event_field(evt, "comment") or "")[:500].strip() if action == "comment" else None
        try:
            self._store_vote(ex, voter, vote if vote in ("up", "down") else None, comment)
        except Exception:  # noqa: BLE001 - feedback must never break the chat
            log.exception("web chat: storing feedback failed")
            gr.Warning(FEEDBACK_FAILED, title=NOTICE)
            return exchanges
        return [e.model_copy(update={"vote": ex.vote}) if e.key == ex.key else e for e in exchanges]

    def _store_vote(self, ex: Exchange, voter: str, vote: str | None, comment: str | None) -> None:
        """One row per (answer, voter): set, switched or withdrawn; a comment keeps the current vote."""
        if vote is None:
            self.feedback.withdraw(ex.key, voter)
            gr.Info("評価を取り消しました。", title=NOTICE)
        else:
            self.feedback.add(
                question=ex.question, answer=ex.answer.answer, citations=ex.answer.citations, rating=vote,
                comment=comment or "", source="web", answer_key=ex.key, voter=voter,
            )
            said = "コメント" if comment else "評価（いいね）" if vote == "up" else "評価（よくないね）"
            gr.Info(f"{said}を記録しました。ご協力ありがとうございます。", title=NOTICE)
        ex.vote = vote  # type: ignore[assignment]
        self.conversations.set_vote(ex.key, vote)

    def budget(self, pillar: str, ministry: str, keyword: str, include_naisu: bool, by: str) -> tuple[Any, ...]:
        """The 予算一覧 tab for the chosen filters: table, chart and a note on what is (not) summed."""
        records = self.service.records
        shown = bv.select(
            records, bv.Filters(pillar or bv.ALL, ministry or bv.ALL, (keyword or "")[:100], bool(include_naisu))
        )
        group: bv.GroupBy = "府省庁別" if by == "府省庁別" else "柱別"
        return bv.styled(bv.table(shown)), bv.chart_html(shown, group), bv.summary_text(shown, len(records))


# The answers' tools, inside the conversation element: copy (here, no server trip), votes and comments
# (sent with trigger('click', data) to ChatHandlers.act). No // comments: Gradio may join the lines.
CONVERSATION_JS = """
const copyText = async (text) => {
  try { await navigator.clipboard.writeText(text); return; } catch (e) { }
  const area = document.createElement('textarea');
  area.value = text; document.body.appendChild(area); area.select();
  document.execCommand('copy'); area.remove();
};
element.addEventListener('click', async (event) => {
  const next = event.target.closest('button.next-q');
  if (next) {
    const box = document.querySelector('#question textarea');
    box.value = next.dataset.q;
    box.dispatchEvent(new Event('input', {bubbles: true}));
    setTimeout(() => document.getElementById('send').click(), 50);
    return;
  }
  const tool = event.target.closest('button.tool');
  const article = tool && tool.closest('article.ex');
  if (!article) return;
  const key = article.dataset.key;
  if (tool.classList.contains('copy')) {
    await copyText(tool.dataset.copy);
    tool.textContent = 'コピーしました';
    setTimeout(() => { tool.textContent = 'コピー'; }, 2000);
  } else if (tool.classList.contains('vote')) {
    const on = tool.getAttribute('aria-pressed') !== 'true';
    article.querySelectorAll('button.vote').forEach((b) => b.setAttribute('aria-pressed', 'false'));
    tool.setAttribute('aria-pressed', String(on));
    const form = article.querySelector('.fb-form');
    form.hidden = !(on && tool.dataset.vote === 'down');
    if (!form.hidden) form.querySelector('textarea').focus();
    trigger('click', {action: 'vote', key: key, vote: on ? tool.dataset.vote : null});
  }
});
element.addEventListener('submit', (event) => {
  event.preventDefault();
  const article = event.target.closest('article.ex');
  const area = event.target.querySelector('textarea');
  if (!article || !area.value.trim()) return;
  trigger('click', {action: 'comment', key: article.dataset.key, comment: area.value});
  area.value = '';
  event.target.hidden = true;
});
watch('value', () => {
  const fresh = element.querySelector('article.ex-new');
  if (fresh) fresh.scrollIntoView({block: 'nearest'});
});
"""


@dataclass
class ChatTab:
    """The チャット tab's components that the events read or write."""

    conversation: gr.HTML
    box: gr.Textbox
    send: gr.Button
    examples: list[gr.Button]
    new_chat: gr.Button


@dataclass
class BudgetTab:
    """The 予算一覧 tab's filters (in :meth:`ChatHandlers.budget`'s argument order) and outputs."""

    pillar: gr.Dropdown
    ministry: gr.Dropdown
    keyword: gr.Textbox
    include_naisu: gr.Checkbox
    by: gr.Radio
    table: gr.Dataframe
    plot: gr.HTML
    note: gr.Markdown

    @property
    def filters(self) -> list[gr.components.Component]:
        return [self.pillar, self.ministry, self.keyword, self.include_naisu, self.by]

    @property
    def outputs(self) -> list[gr.components.Component]:
        return [self.table, self.plot, self.note]


def _chat_tab(profile: Profile, lines: list[str]) -> ChatTab:
    with gr.Tab("チャット", id="chat"):
        conversation = gr.HTML(
            conversation_html([], lines), elem_id="conversation", js_on_load=CONVERSATION_JS, padding=False,
        )
        with gr.Row(equal_height=True):
            example = profile.examples[0] if profile.examples else ""
            box = gr.Textbox(
                label="質問", show_label=False, placeholder=f"例：{example}" if example else "質問を入力してください",
                scale=5, elem_id="question", lines=1, max_lines=6, submit_btn=False,
            )
            send = gr.Button("送信", variant="primary", scale=1, min_width=80, elem_id="send")
        gr.Markdown("**質問の例**（クリックで質問します）")
        with gr.Row():
            examples = [gr.Button(q, size="sm", elem_classes=["example"]) for q in profile.examples]
        new_chat = gr.Button("新しい会話を始める", size="sm", variant="secondary", elem_id="new-chat")
    return ChatTab(conversation, box, send, examples, new_chat)


def _budget_tab(records: list[Record]) -> BudgetTab:
    with gr.Tab("予算一覧", id="budget"):
        gr.Markdown(BUDGET_INTRO_MD)
        with gr.Row():
            pillar = gr.Dropdown([bv.ALL, *bv.pillars(records)], value=bv.ALL, label="柱", scale=3)
            ministry = gr.Dropdown([bv.ALL, *bv.ministries(records)], value=bv.ALL, label="府省庁", scale=2)
            keyword = gr.Textbox(label="キーワード（Enterで絞り込み）", max_length=100, scale=2)
            include_naisu = gr.Checkbox(value=True, label="内数の項目を含める", scale=2, min_width=200)
        note = gr.Markdown(elem_id="budget-note")
        table = gr.Dataframe(
            bv.styled(bv.table(records)), datatype=["str", "str", "str", "number", "str", "str", "str", "str"],
            interactive=False, wrap=True, max_height=520, elem_id="budget-table", label="予算一覧",
            column_widths=[f"{w}%" for w in bv.COLUMN_WIDTHS], buttons=[],
        )
        by = gr.Radio(["柱別", "府省庁別"], value="柱別", label="グラフ", elem_id="chart-by")
        gr.Markdown(CHART_NOTE_MD)
        plot = gr.HTML(elem_id="budget-chart", padding=False)
    return BudgetTab(pillar, ministry, keyword, include_naisu, by, table, plot, note)


def _wire_chat(h: ChatHandlers, chat: ChatTab, exchanges: gr.State, ids: gr.State,
               browser: gr.BrowserState, demo: gr.Blocks) -> None:
    """Enter in the box is the named ``/ask`` endpoint; 送信 and the examples do the same privately."""
    outputs = [chat.conversation, exchanges, chat.box, ids, browser]
    common = {"show_progress": "hidden", "trigger_mode": "once"}
    chat.box.submit(h.respond, [chat.box, exchanges, ids], outputs, api_name="ask", **common)
    chat.send.click(h.respond, [chat.box, exchanges, ids], outputs, api_visibility="private", **common)
    for button in chat.examples:
        button.click(h.respond, [button, exchanges, ids], outputs, api_visibility="private", **common)
    chat.new_chat.click(h.reset, [ids], outputs, api_visibility="private")
    chat.conversation.click(h.act, [exchanges, ids], [exchanges], api_visibility="private", show_progress="hidden")
    demo.load(h.restore, [browser], [chat.conversation, exchanges, ids, browser], api_visibility="private")


def _wire_budget(h: ChatHandlers, budget: BudgetTab, demo: gr.Blocks) -> None:
    """Enter in the keyword box is the named ``/budget`` endpoint; every other filter and the page load too."""
    filters, outputs = budget.filters, budget.outputs
    budget.keyword.submit(h.budget, filters, outputs, api_name="budget")
    for control in (budget.pillar, budget.ministry, budget.include_naisu, budget.by):
        control.change(h.budget, filters, outputs, api_visibility="private")
    demo.load(h.budget, filters, outputs, api_visibility="private")


def build_blocks(service: QAService, settings: Settings, feedback: FeedbackStore,
                 conversations: ConversationStore) -> gr.Blocks:
    """The whole page. Named API endpoints: ``/ask`` (chat) and ``/budget`` (予算一覧)."""
    h = ChatHandlers(service, settings, feedback, conversations)
    profile = build_profile(service.records)
    with gr.Blocks(title=page_title(profile), analytics_enabled=False) as demo:
        exchanges = gr.State([])
        ids = gr.State({})
        # Only two random ids live in the browser; encrypting them adds nothing, so the secret is fixed and
        # a restart of the server does not lose the browser's conversation.
        browser = gr.BrowserState({}, storage_key="budget-qa-ids", secret="budget-qa-ids")
        gr.Markdown(header_md(profile), elem_id="header")
        with gr.Tabs():
            chat = _chat_tab(profile, service.lines)
            budget = _budget_tab(service.records)
        _wire_chat(h, chat, exchanges, ids, browser, demo)
        _wire_budget(h, budget, demo)
    return demo


# Page-wide script: a [n] marker opens its own answer's card (ids are unique per answer); opening a
# context scrolls it to the cited lines; toasts Gradio writes in English (its client hard-codes the
# connection-lost text and the Info/Warning/Error titles) are shown in Japanese. No // comments here.
JS = """
() => {
  document.documentElement.lang = 'ja';
  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('a.cite-ref');
    if (!link) return;
    const card = document.getElementById(link.getAttribute('href').slice(1));
    if (!card) return;
    event.preventDefault();
    event.stopPropagation();
    const details = card.querySelector('details');
    if (details) details.open = true;
    document.querySelectorAll('.cite.cite-focus').forEach((el) => el.classList.remove('cite-focus'));
    card.classList.add('cite-focus');
    card.scrollIntoView({behavior: 'smooth', block: 'nearest'});
  }, true);
  document.addEventListener('toggle', (event) => {
    const details = event.target;
    if (!(details.matches && details.matches('details.ctx') && details.open)) return;
    const body = details.querySelector('.ctx-body');
    const hit = details.querySelector('.ctx-hit');
    if (body && hit) body.scrollTop = Math.max(0, hit.offsetTop - body.offsetTop - 24);
  }, true);
  const busy = (event) => {
    const asking = event.target.closest && (event.target.closest('#send')
      || (event.key === 'Enter' && !event.shiftKey && event.target.closest('#question')));
    if (!asking || !document.querySelector('#conversation .ex-pending')) return;
    let note = document.getElementById('busy-note');
    if (!note) {
      note = document.createElement('p');
      note.id = 'busy-note';
      note.setAttribute('role', 'status');
      document.getElementById('question').parentElement.after(note);
    }
    note.textContent = '前の質問に回答しています。回答が表示されてから、もう一度送信してください。';
    setTimeout(() => { note.textContent = ''; }, 4000);
  };
  document.addEventListener('keydown', busy, true);
  document.addEventListener('click', busy, true);
  const words = {
    'Info': 'お知らせ', 'Warning': '注意', 'Error': 'エラー', 'Success': '完了',
    'Connection to the server was lost. Attempting reconnection...': 'サーバーとの接続が切れました。再接続しています…',
  };
  const translate = () => document.querySelectorAll('.toast-wrap').forEach((wrap) => {
    const walker = document.createTreeWalker(wrap, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue.trim();
      if (words[text]) node.nodeValue = words[text];
    }
    wrap.querySelectorAll('[aria-label="Close"]').forEach((b) => b.setAttribute('aria-label', '閉じる'));
  });
  new MutationObserver(translate).observe(document.body, {childList: true, subtree: true, characterData: true});
}
"""
