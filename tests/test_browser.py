"""The web chat in a real browser: Debian's Chromium driven by Playwright against the real server.

Never ``playwright install``: the browser is the system ``chromium`` package (see .ci/run).
Screenshots go to ``artifacts/`` (git-ignored; CI keeps them as artifacts).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT, Settings
from bot.qa.service import QAService
from bot.state.feedback import FeedbackStore
from bot.web.server import BackgroundServer, create_app, offline_environment

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
ARTIFACTS = PROJECT_ROOT / "artifacts"
QUESTION = "ふるさと住民登録制度の予算は？"
FOLLOW_UP = "それの担当省庁は？"
TIMEOUT_MS = 30_000

pytestmark = [
    pytest.mark.slow,
    # CI installs chromium (.ci/run), so there a missing browser is a failure, not a skip.
    pytest.mark.skipif(
        shutil.which(CHROMIUM) is None and os.environ.get("CI") != "true",
        reason="needs Debian's chromium (apt-get install chromium)",
    ),
]


@pytest.fixture(scope="module")
def base_url(service: QAService, settings: Settings) -> Iterator[str]:
    offline_environment()
    with BackgroundServer(create_app(service, settings)) as server:
        yield server.url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url: str) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ja-JP")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(base_url + "/", wait_until="load")  # not networkidle: Gradio keeps a connection open
    page.locator("#question textarea").wait_for()
    yield page
    context.close()


def _ask(page, question: str, answers_before: int) -> None:
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    bot = page.locator("#chatbot [data-testid=bot]")
    bot.nth(answers_before).wait_for()
    # Wait until streaming is finished: the sources panel is replaced when the answer is complete.
    page.wait_for_function(
        """n => {
          const bubbles = document.querySelectorAll('#chatbot [data-testid=bot]');
          return bubbles.length === n && !bubbles[n - 1].innerText.includes('資料を確認しています');
        }""",
        arg=answers_before + 1,
    )


def _screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


def test_question_shows_cited_answer_sources_and_context_then_follow_up(page, service: QAService) -> None:
    from playwright.sync_api import expect

    expected = service.ask(QUESTION)
    cited = expected.citations[0]
    _ask(page, QUESTION, 0)

    answer = page.locator("#chatbot [data-testid=bot]").last
    expect(answer).to_contain_text(expected.answer.split("[")[0])
    card = page.locator("#sources #cite-1")
    expect(card).to_contain_text(cited.title)
    expect(card).to_contain_text(f"{cited.line_start}–{cited.line_end}行")
    if cited.amount_text:
        expect(card).to_contain_text(cited.amount_text)
    expect(card.locator(".quote mark").first).to_be_visible()

    # A [n] marker in the answer opens that source's lines in context.
    context = card.locator("details.ctx")
    expect(context).not_to_have_attribute("open", "")
    answer.locator('a[href="#cite-1"]').first.click()
    expect(context).to_have_attribute("open", "")
    hit_lines = context.locator(".ctx-hit .ctx-no")
    expect(hit_lines.first).to_have_text(str(cited.line_start))
    first_line = service.lines[cited.line_start - 1].strip()
    expect(context.locator(".ctx-hit").first).to_contain_text(first_line[:10])
    _screenshot(page, "web_chat.png")

    # A follow-up in the same session resolves to the previous measure.
    _ask(page, FOLLOW_UP, 1)
    expect(page.locator("#chatbot [data-testid=bot]").last).not_to_contain_text("申し訳ありません")
    expect(page.locator("#sources")).to_contain_text("を踏まえて回答しました")
    expect(page.locator("#sources #cite-1")).to_contain_text(cited.title)
    _screenshot(page, "web_chat_follow_up.png")


def test_example_question_and_feedback_with_comment(page, settings: Settings) -> None:
    from playwright.sync_api import expect

    page.locator("button.example").first.click()
    page.locator("#sources .cite").first.wait_for()
    comment = f"ブラウザテストのコメント {id(page)}"
    page.locator("#feedback-comment textarea").fill(comment)
    page.locator("#chatbot").get_by_role("button", name=re.compile("よくないね|Dislike")).last.click()
    expect(page.locator("#feedback-note")).to_contain_text("記録しました")
    rows = [r for r in FeedbackStore(settings.state_url).rows() if r["comment"] == comment]
    assert len(rows) == 1
    assert rows[0]["rating"] == "down" and rows[0]["source"] == "web" and rows[0]["citations"]


def test_budget_tab_shows_table_with_naisu_and_chart(page, service: QAService) -> None:
    from playwright.sync_api import expect

    page.get_by_role("tab", name="予算一覧").click()
    expect(page.locator("#budget-chart img")).to_be_visible()
    note = page.locator("#budget-note")
    expect(note).to_contain_text(f"{len(service.records)}件を表示中")
    table = page.locator("#budget-table")
    expect(table).to_contain_text("内数")
    expect(table).to_contain_text(service.records[1].title)
    _screenshot(page, "budget_tab.png")

    page.get_by_label("内数の項目を含める").uncheck()
    shown = sum(1 for r in service.records if not r.is_naisu)
    expect(note).to_contain_text(f"{shown}件を表示中")
