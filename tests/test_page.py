"""The chat page without a browser: handlers, the conversation store, answer pages and the edge of Gradio."""

from __future__ import annotations

import re

import gradio as gr
import pytest
from fastapi.testclient import TestClient

from bot.config import Settings
from bot.document.profile import build_profile
from bot.qa.service import QAService
from bot.state.conversations import ConversationStore, Exchange
from bot.state.feedback import FeedbackStore
from bot.web.page import ChatHandlers, header_md
from bot.web.server import create_app
from bot.web.transcript import markdown_text

QUESTION = "ふるさと住民登録制度の予算は？"


@pytest.fixture
def handlers(service: QAService, settings: Settings, tmp_path) -> ChatHandlers:
    url = f"sqlite:///{tmp_path / 'state.db'}"
    return ChatHandlers(service, settings, FeedbackStore(url), ConversationStore(url))


def _answer(h: ChatHandlers, question: str, exchanges: list | None = None, ids: dict | None = None):
    *_, last = h.respond(question, exchanges or [], ids or {})
    return last


def _event(**data) -> gr.EventData:
    return gr.EventData(None, data)


def test_answers_are_kept_and_restored_after_a_reload(handlers: ChatHandlers) -> None:
    _, exchanges, box, ids, browser = _answer(handlers, QUESTION)
    assert box == "" and ids == browser and len(exchanges) == 1
    _, exchanges, *_ = _answer(handlers, "それの担当省庁は？", exchanges, ids)
    restored_html, restored, restored_ids, _ = handlers.restore(browser)
    assert [e.key for e in restored] == [e.key for e in exchanges] and restored_ids == ids
    assert restored[1].previous == QUESTION
    assert "ex-new" not in restored_html  # a reload does not scroll the page to the last answer
    _, new_exchanges, _, new_ids, _ = handlers.reset(ids)
    assert new_exchanges == [] and new_ids["voter"] == ids["voter"] and new_ids["conversation"] != ids["conversation"]


def test_each_answer_links_only_its_own_cards(handlers: ChatHandlers) -> None:
    _, exchanges, _, ids, _ = _answer(handlers, QUESTION)
    html, exchanges, *_ = _answer(handlers, "国土交通省が担当する施策を教えてください。", exchanges, ids)
    for ex in exchanges:
        article = re.search(rf'<article class="ex[^"]*" id="ex-{ex.key}".*?</article>', html, re.DOTALL).group(0)
        targets = set(re.findall(r'href="#(a-[0-9a-f]+-c\d+)"', article))
        cards = set(re.findall(r'<div class="cite" id="(a-[0-9a-f]+-c\d+)"', article))
        assert targets and targets <= cards and all(t.startswith(f"a-{ex.key}-") for t in cards)


def test_user_text_is_plain_text(handlers: ChatHandlers) -> None:
    question = "# 見出し ![t](http://127.0.0.1:9/track.png) <img src=x onerror=alert(1)> <script>x</script>"
    html, *_ = _answer(handlers, question)
    assert "<img" not in html and "<script" not in html and "<h1" not in html
    assert "# 見出し ![t](http://127.0.0.1:9/track.png) &lt;img src=x onerror=alert(1)&gt; &lt;script&gt;" in html


def test_empty_question_is_a_clear_error_and_a_rejected_one_is_not_kept(handlers: ChatHandlers) -> None:
    with pytest.raises(gr.Error, match="質問を入力してください"):
        next(handlers.respond("  ", [], {}))
    too_long = "あ" * (handlers.settings.max_question_chars + 1)
    html, exchanges, _, ids, _ = _answer(handlers, too_long)
    assert exchanges == [] and "<article" not in html
    assert handlers.conversations.conversation(ids["conversation"]) == []


def test_page_limit_per_client(service: QAService, settings: Settings, tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'state.db'}"
    h = ChatHandlers(service, settings.model_copy(update={"web_rate_limit_per_minute": 2}),
                     FeedbackStore(url), ConversationStore(url))
    _answer(h, QUESTION)
    _answer(h, QUESTION)
    with pytest.raises(gr.Error, match="1分ほど待って"):
        _answer(h, QUESTION)


def test_votes_toggle_to_one_row_with_the_last_state_and_comments_stay_with_their_answer(
    handlers: ChatHandlers,
) -> None:
    _, exchanges, _, ids, _ = _answer(handlers, QUESTION)
    _, exchanges, *_ = _answer(handlers, "それの担当省庁は？", exchanges, ids)
    first, second = (e.key for e in exchanges)

    def rows() -> list[tuple]:
        return [(r["answer_key"], r["rating"], r["comment"]) for r in handlers.feedback.rows()]

    exchanges = handlers.act(exchanges, ids, _event(action="vote", key=first, vote="up"))
    exchanges = handlers.act(exchanges, ids, _event(action="vote", key=first, vote="down"))
    exchanges = handlers.act(exchanges, ids, _event(action="comment", key=first, comment="金額の根拠が知りたい"))
    assert rows() == [(first, "down", "金額の根拠が知りたい")]
    exchanges = handlers.act(exchanges, ids, _event(action="vote", key=second, vote="up"))
    exchanges = handlers.act(exchanges, ids, _event(action="vote", key=first, vote=None))
    assert rows() == [(second, "up", "")]
    assert [e.vote for e in exchanges] == [None, "up"]
    assert [e.vote for e in handlers.conversations.conversation(ids["conversation"])] == [None, "up"]
    handlers.act(exchanges, ids, _event(action="vote", key="unknown", vote="up"))
    assert len(rows()) == 1


def test_header_and_examples_come_from_the_document(service: QAService) -> None:
    profile = build_profile(service.records)
    header = header_md(profile)
    assert header.startswith(f"# {profile.fiscal_year}予算 概算要求QA\n")
    assert f"「{profile.title}」（{profile.date}、{profile.author}）" in header


def test_markdown_export_keeps_a_question_image_as_text(service: QAService) -> None:
    answer = service.ask(QUESTION)
    ex = Exchange(key="0" * 32, question="![t](http://x/t.png)", answer=answer)
    text = markdown_text(ex, "資料")
    assert text.startswith("## 質問\n\n\\!\\[t\\]\\(http://x/t\\.png\\)\n\n## 回答\n\n")
    assert "## 出典" in text and answer.citations[0].title.replace("（", "（") in text.replace("\\", "")


@pytest.fixture(scope="module")
def client(service: QAService, settings: Settings):
    with TestClient(create_app(service, settings)) as c:
        yield c


def test_served_page_is_japanese_with_our_preview_metadata(client: TestClient, service: QAService) -> None:
    page = client.get("/", headers={"accept-encoding": "gzip"}).text
    profile = build_profile(service.records)
    assert '<html\n\tlang="ja"' in page and 'lang="en"' not in page
    assert f'<meta property="og:title" content="{profile.fiscal_year}予算 概算要求QA" />' in page
    assert 'content="Gradio"' not in page and "raw.githubusercontent.com" not in page


def test_uploads_are_off_and_page_payloads_are_capped(client: TestClient, settings: Settings) -> None:
    r = client.post("/gradio_api/upload", files={"files": ("a.txt", b"x" * 1000)})
    assert r.status_code == 404 and "アップロード" in r.json()["message"]
    big = b'{"data": ["' + b"a" * settings.web_max_payload_bytes + b'"]}'
    r = client.post("/gradio_api/queue/join", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_permalink_and_export_of_a_saved_answer(client: TestClient, handlers: ChatHandlers, settings: Settings) -> None:
    store = ConversationStore(settings.state_url)
    answer = handlers.service.ask(QUESTION)
    ex = Exchange(key="ab" * 16, question=QUESTION, answer=answer)
    store.add("cd" * 16, 1, ex)
    page = client.get(f"/a/{ex.key}")
    assert page.status_code == 200 and '<html lang="ja">' in page.text
    assert QUESTION in page.text and f'id="a-{ex.key}-c1"' in page.text and "<script" not in page.text
    md = client.get(f"/a/{ex.key}.md")
    assert md.headers["content-type"].startswith("text/markdown") and "## 出典" in md.text
    assert client.get("/a/" + "0" * 32).status_code == 404
    assert client.get("/a/../etc").status_code == 404


@pytest.mark.parametrize("question", [QUESTION, "GX産業立地の推進の担当省庁は？", "消費税の税率は？"])
def test_suggested_next_questions_are_answered_by_the_document(service: QAService, question: str) -> None:
    from bot.web.suggest import suggestions

    answer = service.ask(question)
    offered = suggestions(answer, service.records)
    assert len(offered) == 3 and question not in offered
    assert [service.ask(q).refused for q in offered] == [False, False, False]


def test_suggestions_are_shown_under_the_answer_and_kept(handlers: ChatHandlers) -> None:
    html, exchanges, _, ids, _ = _answer(handlers, "消費税の税率は？")
    assert exchanges[0].answer.refused and 'aria-label="資料にある近い項目"' in html
    assert all(f'data-q="{q}"' in html for q in exchanges[0].suggestions)
    assert handlers.conversations.conversation(ids["conversation"])[0].suggestions == exchanges[0].suggestions


def test_only_the_recent_turns_reach_the_service(handlers: ChatHandlers) -> None:
    seen: list[int] = []
    real = handlers.service

    class Spy:
        lines, records = real.lines, real.records

        def ask_stream(self, question, history=None):
            seen.append(len(history or []))
            return real.ask_stream(question, history)

    handlers.service = Spy()  # type: ignore[assignment]
    handlers.settings = handlers.settings.model_copy(update={"web_history_turns": 4})
    exchanges: list = []
    for _ in range(4):
        _, exchanges, *_ = _answer(handlers, QUESTION, exchanges)
    assert seen == [0, 2, 4, 4]
