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
from bot.state.conversations import Exchange
from bot.state.feedback import FeedbackStore
from bot.web.server import BackgroundServer, create_app, offline_environment
from bot.web.transcript import plain_text

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
ARTIFACTS = PROJECT_ROOT / "artifacts"
AXE = PROJECT_ROOT / "tests" / ".axe" / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
LOOKS = [
    pytest.param(DESKTOP, "light", id="desktop-light"),
    pytest.param(PHONE, "light", id="phone-light"),
    pytest.param(DESKTOP, "dark", id="desktop-dark"),
    pytest.param(PHONE, "dark", id="phone-dark"),
]
QUESTION = "ふるさと住民登録制度の予算は？"
OTHER = "国土交通省が担当する施策を教えてください。"
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


def _open(browser, url: str, viewport: dict, scheme: str, **kw):
    context = browser.new_context(viewport=viewport, locale="ja-JP", color_scheme=scheme, **kw)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(url, wait_until="load")  # not networkidle: Gradio keeps a connection open
    page.locator("#question textarea").wait_for()
    return page


@pytest.fixture
def make_page(browser, base_url: str) -> Iterator[object]:
    contexts = []

    def make(viewport: dict = DESKTOP, scheme: str = "light", **kw):
        page = _open(browser, base_url + "/", viewport, scheme, **kw)
        contexts.append(page.context)
        return page

    yield make
    for c in contexts:
        c.close()


def _ask(page, question: str) -> object:
    """Type and press Enter; returns the new answer's article once it is complete."""
    done = page.locator("#conversation article.ex:not(.ex-pending)")
    before = done.count()
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    done.nth(before).wait_for()
    return done.nth(before)


def _screenshot(page, name: str, full_page: bool = True) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=full_page)
    return path


def _axe(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async () => (await axe.run()).violations.map(v => [v.id, v.impact, v.nodes.map(n => n.target.join(' '))])"
    )
    return [f"{rule} ({impact}): {nodes}" for rule, impact, nodes in found if impact in ("serious", "critical")]


@pytest.mark.parametrize(("viewport", "scheme"), LOOKS)
def test_old_answer_markers_open_their_own_cards(make_page, service: QAService, viewport, scheme) -> None:
    from playwright.sync_api import expect

    page = make_page(viewport, scheme)
    assert page.evaluate("window.scrollY") == 0  # no jump past the title and the disclaimer on load
    first, second = _ask(page, QUESTION), _ask(page, OTHER)
    key = first.get_attribute("data-key")
    marker = first.locator("a.cite-ref").first
    marker.hover()
    expect(marker.locator(".cite-tip")).to_be_visible()
    expect(marker.locator(".cite-tip")).to_contain_text(service.ask(QUESTION).citations[0].quote.split("\n")[0][:10])
    marker.click()
    card = page.locator(f"#a-{key}-c1")
    expect(card).to_have_class(re.compile("cite-focus"))
    expect(card.locator("details.ctx")).to_have_attribute("open", "")
    expect(card).to_contain_text(service.ask(QUESTION).citations[0].title)
    assert first.locator(f"#a-{key}-c1").count() == 1 and second.locator(f"#a-{key}-c1").count() == 0
    answer_box, sources_box = first.evaluate("""a => [a.querySelector('.msg-bot'), a.querySelector('.ex-sources')]
      .map(e => e.getBoundingClientRect()).map(r => ({x: r.x, y: r.y, width: r.width, height: r.height}))""")
    if viewport == DESKTOP:
        assert sources_box["x"] > answer_box["x"] + answer_box["width"] - 1  # beside the answer
    else:
        assert sources_box["y"] >= answer_box["y"] + answer_box["height"] - 1  # right under the answer
        assert sources_box["width"] <= viewport["width"]
    name = f"web_{'phone' if viewport == PHONE else 'desktop'}_{scheme}.png"
    page.mouse.move(0, 0)
    page.wait_for_timeout(800)  # the marker's smooth scroll ends first
    page.evaluate("document.activeElement.blur(); window.scrollTo({top: 0, behavior: 'instant'})")
    _screenshot(page, name, full_page=viewport == DESKTOP)


def test_reload_keeps_the_conversation_and_the_permalink_renders(make_page, base_url: str) -> None:
    from playwright.sync_api import expect

    page = make_page()
    article = _ask(page, QUESTION)
    key = article.get_attribute("data-key")
    page.reload(wait_until="load")
    expect(page.locator(f"#ex-{key}")).to_contain_text(QUESTION)
    assert page.evaluate("window.scrollY") == 0
    follow = _ask(page, FOLLOW_UP)  # the restored conversation is the follow-up's history
    expect(follow).to_contain_text("を踏まえて回答しました")
    page.goto(f"{base_url}/a/{key}", wait_until="load")
    expect(page.locator("main.permalink")).to_contain_text(QUESTION)
    expect(page.locator(f"#a-{key}-c1")).to_be_visible()
    assert page.evaluate("document.documentElement.lang") == "ja"


def test_copy_gives_the_answer_and_its_sources_as_text(make_page, service: QAService) -> None:
    page = make_page(permissions=["clipboard-read", "clipboard-write"])
    article = _ask(page, QUESTION)
    article.get_by_role("button", name="コピー").click()
    expected = plain_text(Exchange(key="k", question=QUESTION, answer=service.ask(QUESTION)))
    assert page.evaluate("navigator.clipboard.readText()") == expected


def test_markup_in_a_question_is_shown_as_text_and_fetches_nothing(make_page, base_url: str) -> None:
    page = make_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    question = "# 見出し ![t](http://127.0.0.1:9/track.png) <script>x</script>"
    article = _ask(page, question)
    assert article.locator(".user-text").inner_text() == question
    assert article.locator(".msg-user h1, .msg-user img, .msg-user script").count() == 0
    page.wait_for_timeout(300)
    assert not [u for u in requests if "track.png" in u or not u.startswith(base_url)]


def _rows(settings: Settings, key: str) -> list[tuple]:
    return [(r["rating"], r["comment"]) for r in FeedbackStore(settings.state_url).rows() if r["answer_key"] == key]


def test_feedback_toggles_leave_one_row_with_the_last_state(make_page, settings: Settings) -> None:
    page = make_page()
    article = _ask(page, QUESTION)
    key = article.get_attribute("data-key")
    up, down = article.get_by_role("button", name="役に立った"), article.get_by_role("button", name="役に立たなかった", exact=True)

    def wait_rows(expected: list[tuple]) -> None:
        for _ in range(100):
            if _rows(settings, key) == expected:
                return
            page.wait_for_timeout(100)
        assert _rows(settings, key) == expected

    up.click()
    wait_rows([("up", "")])
    down.click()
    wait_rows([("down", "")])
    article.locator(".fb-form textarea").fill("金額の根拠が知りたい")
    article.get_by_role("button", name="コメントを送る").click()
    wait_rows([("down", "金額の根拠が知りたい")])
    assert down.get_attribute("aria-pressed") == "true" and up.get_attribute("aria-pressed") == "false"
    down.click()
    wait_rows([])


@pytest.mark.skipif(not AXE.exists() and os.environ.get("CI") != "true",
                    reason="needs axe-core: npm install --prefix tests/.axe axe-core@4.14.1 (see .ci/run)")
@pytest.mark.parametrize(("viewport", "scheme"), LOOKS)
def test_axe_finds_no_serious_or_critical_violation_on_both_tabs(make_page, viewport, scheme) -> None:
    page = make_page(viewport, scheme)
    _ask(page, QUESTION)
    assert _axe(page) == []
    page.get_by_role("tab", name="予算一覧").click()
    page.locator("#budget-chart img").wait_for()
    assert _axe(page) == []


def test_budget_tab_shows_table_with_naisu_and_chart(make_page, service: QAService) -> None:
    from playwright.sync_api import expect

    page = make_page()
    page.get_by_role("tab", name="予算一覧").click()
    chart = page.locator("#budget-chart img")
    expect(chart).to_be_visible()
    assert "横棒グラフ" in chart.get_attribute("alt")
    note = page.locator("#budget-note")
    expect(note).to_contain_text(f"{len(service.records)}件を表示中")
    table = page.locator("#budget-table")
    expect(table).to_contain_text("内数")
    expect(table).to_contain_text(service.records[1].title)
    _screenshot(page, "budget_tab.png")

    page.get_by_label("内数の項目を含める").uncheck()
    shown = sum(1 for r in service.records if not r.is_naisu)
    expect(note).to_contain_text(f"{shown}件を表示中")


def test_budget_table_scrolls_sideways_on_a_phone_with_the_first_column_in_view(make_page) -> None:
    from playwright.sync_api import expect

    page = make_page(PHONE)
    page.get_by_role("tab", name="予算一覧").click()
    expect(page.locator("#budget-table .virtual-row").first).to_be_visible()
    viewport = page.locator("#budget-table .virtual-table-viewport")
    viewport.evaluate("e => { e.scrollLeft = 300; }")
    first, title = page.evaluate("""() => {
      const row = document.querySelector('#budget-table .virtual-row');
      const box = (e) => e.getBoundingClientRect();
      return [box(row.children[0]).left - box(row.parentElement.parentElement).left, box(row.children[2]).width];
    }""")
    assert first == pytest.approx(0, abs=2) and title > 150  # sticky 柱 column; 事業・施策 readable
    _screenshot(page, "budget_phone.png", full_page=False)


def test_a_suggested_question_is_asked_with_one_click(make_page) -> None:
    from playwright.sync_api import expect

    page = make_page()
    first = _ask(page, QUESTION)
    suggestion = first.locator("button.next-q").first
    question = suggestion.get_attribute("data-q")
    suggestion.click()
    answer = page.locator("#conversation article.ex:not(.ex-pending)").nth(1)
    expect(answer.locator(".user-text")).to_have_text(question)
    expect(answer.locator(".ex-sources .cite").first).to_be_visible()


def test_notices_are_in_japanese(make_page) -> None:
    from playwright.sync_api import expect

    page = make_page()
    page.locator("#question textarea").press("Enter")
    toast = page.locator(".toast-wrap")
    expect(toast).to_contain_text("質問を入力してください")
    expect(toast).to_contain_text("エラー")
    assert "Error" not in toast.inner_text()
    assert page.locator(".toast-wrap [aria-label=閉じる]").count() >= 1
