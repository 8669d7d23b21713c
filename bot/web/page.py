"""The Gradio Blocks of the web chat: a チャット tab with cited sources and feedback, and 予算一覧.

Conversation state lives in a ``gr.State`` (one per browser session or ``gradio_client.Client``):
the questions and :class:`Answer` objects so far. The chat bubbles and the history passed to
``QAService.ask`` are both derived from it, so follow-ups resolve the same way in every client.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import gradio as gr

from bot.config import Settings
from bot.errors import BotError
from bot.models import Answer, Record, Turn
from bot.qa.service import QAService
from bot.state.feedback import FeedbackStore
from bot.web import budget_view as bv
from bot.web.render import EMPTY_SOURCES, answer_markdown, sources_html

log = logging.getLogger(__name__)

TITLE = "地方創生2.0 予算QA（令和8年度概算要求）"
EXAMPLES = [
    "ふるさと住民登録制度の予算は？",
    "地方創生2.0予算の概算要求額はいくらですか？",
    "「交通空白」の解消に向けた取組の担当省庁は？",
    "国土交通省が担当する施策を教えてください。",
]
FOLLOW_UP_HINT = "続けて「それの担当省庁は？」のように聞き返すこともできます。"
THINKING = "資料を確認しています…"
ERROR_MESSAGE = BotError.user_message
ASK_EMPTY = "質問を入力してください。"

COMMENT_PLACEHOLDER = "入力してから回答の下の評価ボタン（いいね・よくないね）を押すと、評価と一緒に記録されます。"
BUDGET_INTRO_MD = (
    "資料のすべての項目です。各列見出しのメニュー（⋮）で並べ替え・絞り込みができ、下の条件でも絞り込めます。"
    "**億円**は資料の金額を数値にしたもので、**区分**に「内数」とある金額は他の予算の一部です（合計できません）。"
)
CHART_NOTE_MD = (
    "1本のバーが1項目です。斜線のバーは**内数**です。（共管）は複数府省庁の計を各府省庁に示したもので、"
    "総額・小計の行はグラフに含めません。金額は合計していません。"
)

HEADER_MD = f"""# {TITLE}
「地方創生2.0基本構想 政策パッケージ関連 令和8年度予算概算要求・税制改正要望」（令和7年9月2日、内閣官房
新しい地方経済・生活環境創生本部事務局）の内容に、出典の行番号つきでお答えします。

> **ご注意：** 金額はすべて令和8年度予算の**概算要求**（各府省庁の要求額）であり、成立した予算ではありません（資料の日付：令和7年9月2日）。
> **内数**はより大きな予算の一部として示された金額で、他の金額と合計できません。**事項要求**は金額を示さずに事項のみを要求するものです。
"""

CSS = """
.src-panel { font-size: 0.92rem; line-height: 1.55; }
.src-head { font-weight: 700; margin-bottom: 0.4rem; }
.src-empty, .src-resolved { color: #555; }
.cite { border: 1px solid #d9dee7; border-radius: 8px; padding: 0.55rem 0.7rem; margin-bottom: 0.6rem; }
.cite.cite-focus { border-color: #e08a00; box-shadow: 0 0 0 2px #ffd28a; }
.cite-title { font-weight: 700; }
.cite-n { color: #1f5fbf; }
.cite-meta { margin: 0.2rem 0; color: #333; }
.cite-meta .amount { font-weight: 600; }
.cite-meta .lines { color: #666; white-space: nowrap; }
.badge { display: inline-block; margin-left: 0.3rem; padding: 0 0.4rem; border-radius: 4px; font-size: 0.78rem;
         border: 1px solid; }
.badge-naisu { background: #fff1dc; border-color: #d99a3a; color: #7a4a00; }
.badge-jikou { background: #e9f1ff; border-color: #6d95d6; color: #173f7a; }
.badge-zei, .badge-chousei, .badge-other { background: #f1f1f1; border-color: #999; color: #333; }
.quote { margin: 0.3rem 0; padding: 0.3rem 0.6rem; border-left: 3px solid #b8c4d6; color: #222; }
.quote mark { background: #fff0a0; padding: 0 1px; }
details.ctx summary { cursor: pointer; color: #1f5fbf; }
.ctx-body { max-height: 22rem; overflow: auto; font-size: 0.82rem; background: #fafafa; border: 1px solid #eee;
            padding: 0.3rem; }
.ctx-line { display: flex; gap: 0.6rem; white-space: pre-wrap; }
.ctx-hit { background: #fff6d6; }
.ctx-no { color: #888; min-width: 2.4rem; text-align: right; user-select: none; }
a.cite-ref { text-decoration: none; font-weight: 600; color: #1f5fbf; }
"""

# Clicking an [n] marker opens that source card's context; opening a context scrolls it to the cited
# lines. No // comments in here: Gradio may join the lines.
JS = """
() => {
  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('a[href^="#cite-"]');
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
}
"""

Exchange = dict[str, Any]
"""One question and its answer (``Answer.model_dump()``), as kept in the session state."""


def _sentences(text: str) -> list[str]:
    """Chunks to stream: sentences (the [n] markers come before the 。, so they stay with them)."""
    return [s for s in re.split(r"(?<=。)", text) if s]


def chat_messages(exchanges: list[Exchange]) -> list[dict[str, str]]:
    messages = []
    for ex in exchanges:
        messages.append({"role": "user", "content": ex["question"]})
        messages.append({"role": "assistant", "content": answer_markdown(Answer.model_validate(ex["answer"]))})
    return messages


def history_turns(exchanges: list[Exchange]) -> list[Turn]:
    turns = []
    for ex in exchanges:
        turns.append(Turn(role="user", content=ex["question"]))
        turns.append(Turn(role="assistant", content=ex["answer"]["answer"]))
    return turns


class ChatHandlers:
    """Event handlers bound to one service; methods so tests can call them without a browser."""

    def __init__(self, service: QAService, settings: Settings, feedback: FeedbackStore) -> None:
        self.service = service
        self.settings = settings
        self.feedback = feedback

    def ask(self, question: str, exchanges: list[Exchange] | None) -> Answer:
        """Never raises: unexpected failures become a polite refusal, details go to the log."""
        try:
            return self.service.ask(question, history_turns(exchanges or []))
        except Exception:  # noqa: BLE001 - the page must show a polite sentence, never a traceback
            log.exception("web chat: answer failed")
            return Answer(question=str(question)[:200], answer=ERROR_MESSAGE, refused=True, error="internal_error")

    def respond(self, question: str | None, exchanges: list[Exchange] | None) -> Iterator[tuple[Any, ...]]:
        """Stream one answer: the question at once, then the answer sentence by sentence, then sources."""
        exchanges = list(exchanges or [])
        question = (question or "").strip()
        if not question:
            gr.Info(ASK_EMPTY)
            yield chat_messages(exchanges), gr.update(), exchanges, ""
            return
        shown = chat_messages(exchanges) + [
            {"role": "user", "content": question},
            {"role": "assistant", "content": THINKING},
        ]
        yield shown, gr.update(), exchanges, ""
        answer = self.ask(question, exchanges)
        parts = _sentences(answer.answer)
        for i in range(1, len(parts)):
            partial = answer.model_copy(update={"answer": "".join(parts[:i])})
            shown[-1] = {"role": "assistant", "content": answer_markdown(partial)}
            yield shown, gr.update(), exchanges, ""
        previous = exchanges[-1]["question"] if exchanges else None
        exchanges.append({"question": question, "answer": answer.model_dump()})
        yield chat_messages(exchanges), sources_html(answer, self.service.lines, previous), exchanges, ""

    def reset(self) -> tuple[Any, ...]:
        return [], EMPTY_SOURCES, [], "", ""

    def rate(self, data: gr.LikeData, exchanges: list[Exchange] | None, comment: str | None) -> tuple[str, str]:
        """👍/👎 on an answer bubble, stored with the question, answer, citations and the comment box."""
        exchanges = exchanges or []
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        liked = data.liked
        rating = "up" if liked in (True, "Like") else "down" if liked in (False, "Dislike") else None
        if rating is None or not isinstance(index, int) or index % 2 != 1 or index // 2 >= len(exchanges):
            return "", comment or ""
        ex = exchanges[index // 2]
        answer = Answer.model_validate(ex["answer"])
        try:
            self.feedback.add(
                question=ex["question"], answer=answer.answer, citations=answer.citations, rating=rating,
                comment=(comment or "").strip()[:2000], source="web",
            )
        except Exception:  # noqa: BLE001 - feedback must never break the chat
            log.exception("web chat: storing feedback failed")
            return "申し訳ありません。評価を保存できませんでした。時間をおいて再度お試しください。", comment or ""
        label = "いいね" if rating == "up" else "よくないね"
        return f"評価（{label}）を記録しました。ご協力ありがとうございます。", ""

    def budget(self, pillar: str, ministry: str, keyword: str, include_naisu: bool, by: str) -> tuple[Any, ...]:
        """The 予算一覧 tab for the chosen filters: table, chart and a note on what is (not) summed."""
        records = self.service.records
        shown = bv.select(
            records, bv.Filters(pillar or bv.ALL, ministry or bv.ALL, (keyword or "")[:100], bool(include_naisu))
        )
        group: bv.GroupBy = "府省庁別" if by == "府省庁別" else "柱別"
        return bv.styled(bv.table(shown)), bv.chart_image(shown, group), bv.summary_text(shown, len(records))


@dataclass
class ChatTab:
    """The チャット tab's components that the events read or write."""

    chatbot: gr.Chatbot
    box: gr.Textbox
    send: gr.Button
    examples: list[gr.Button]
    comment: gr.Textbox
    feedback_note: gr.Markdown
    new_chat: gr.Button
    sources: gr.HTML


@dataclass
class BudgetTab:
    """The 予算一覧 tab's filters (in :meth:`ChatHandlers.budget`'s argument order) and outputs."""

    pillar: gr.Dropdown
    ministry: gr.Dropdown
    keyword: gr.Textbox
    include_naisu: gr.Checkbox
    by: gr.Radio
    table: gr.Dataframe
    plot: gr.Image
    note: gr.Markdown

    @property
    def filters(self) -> list[gr.components.Component]:
        return [self.pillar, self.ministry, self.keyword, self.include_naisu, self.by]

    @property
    def outputs(self) -> list[gr.components.Component]:
        return [self.table, self.plot, self.note]


def _question_row(settings: Settings) -> tuple[gr.Textbox, gr.Button]:
    with gr.Row():
        box = gr.Textbox(
            show_label=False, placeholder="例：ふるさと住民登録制度の予算は？",
            max_length=settings.max_question_chars, scale=5, elem_id="question", autofocus=True,
        )
        send = gr.Button("送信", variant="primary", scale=1, min_width=80, elem_id="send")
    return box, send


def _chat_tab(settings: Settings) -> ChatTab:
    with gr.Tab("チャット", id="chat"), gr.Row(equal_height=False):
        with gr.Column(scale=3):
            chatbot = gr.Chatbot(
                label="会話", elem_id="chatbot", height=460,
                placeholder=f"資料の内容について日本語でご質問ください。{FOLLOW_UP_HINT}", buttons=["copy"],
            )
            box, send = _question_row(settings)
            gr.Markdown("**質問の例**（クリックで質問します）")
            with gr.Row():
                examples = [gr.Button(q, size="sm", elem_classes=["example"]) for q in EXAMPLES]
            comment = gr.Textbox(
                label="回答へのコメント（任意）", placeholder=COMMENT_PLACEHOLDER, max_length=2000,
                elem_id="feedback-comment",
            )
            feedback_note = gr.Markdown(elem_id="feedback-note")
            new_chat = gr.Button("新しい会話を始める", size="sm", variant="secondary")
        with gr.Column(scale=2):
            sources = gr.HTML(EMPTY_SOURCES, elem_id="sources", js_on_load=None)
    return ChatTab(chatbot, box, send, examples, comment, feedback_note, new_chat, sources)


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
            column_widths=["16%", "7%", "24%", "7%", "14%", "10%", "14%", "8%"],
        )
        by = gr.Radio(["柱別", "府省庁別"], value="柱別", label="グラフ", elem_id="chart-by")
        gr.Markdown(CHART_NOTE_MD)
        plot = gr.Image(label="概算要求額のグラフ", format="png", interactive=False, elem_id="budget-chart")
    return BudgetTab(pillar, ministry, keyword, include_naisu, by, table, plot, note)


def _wire_chat(h: ChatHandlers, chat: ChatTab, exchanges: gr.State) -> None:
    """Enter in the box is the named ``/ask`` endpoint; 送信 and the examples do the same privately."""
    outputs = [chat.chatbot, chat.sources, exchanges, chat.box]
    chat.box.submit(h.respond, [chat.box, exchanges], outputs, api_name="ask", show_progress="hidden")
    chat.send.click(h.respond, [chat.box, exchanges], outputs, api_visibility="private", show_progress="hidden")
    for button in chat.examples:
        button.click(h.respond, [button, exchanges], outputs, api_visibility="private", show_progress="hidden")
    chat.new_chat.click(h.reset, None, [*outputs, chat.feedback_note], api_visibility="private")
    chat.chatbot.clear(h.reset, None, [*outputs, chat.feedback_note], api_visibility="private")
    chat.chatbot.like(h.rate, [exchanges, chat.comment], [chat.feedback_note, chat.comment], api_visibility="private")


def _wire_budget(h: ChatHandlers, budget: BudgetTab, demo: gr.Blocks) -> None:
    """Enter in the keyword box is the named ``/budget`` endpoint; every other filter and the page load too."""
    filters, outputs = budget.filters, budget.outputs
    budget.keyword.submit(h.budget, filters, outputs, api_name="budget")
    for control in (budget.pillar, budget.ministry, budget.include_naisu, budget.by):
        control.change(h.budget, filters, outputs, api_visibility="private")
    demo.load(h.budget, filters, outputs, api_visibility="private")


def build_blocks(service: QAService, settings: Settings, feedback: FeedbackStore) -> gr.Blocks:
    """The whole page. Named API endpoints: ``/ask`` (chat) and ``/budget`` (予算一覧)."""
    h = ChatHandlers(service, settings, feedback)
    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        exchanges = gr.State([])
        gr.Markdown(HEADER_MD, elem_id="header")
        with gr.Tabs():
            chat = _chat_tab(settings)
            budget = _budget_tab(service.records)
        _wire_chat(h, chat, exchanges)
        _wire_budget(h, budget, demo)
    return demo
