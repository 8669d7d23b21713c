"""Japanese numerals and links in the verifier: kanji figures, unit conversions, Markdown links and URLs."""

from __future__ import annotations

import pytest
from langchain_core.language_models import FakeListChatModel

from bot.config import PROJECT_ROOT
from bot.qa.grounding import ungrounded_numbers
from bot.qa.llm import LLMComposer
from bot.qa.service import QAService
from bot.qa.verify import links_in
from bot.text import arabic_numerals, numbers_in


@pytest.mark.parametrize(
    ("text", "arabic", "figures"),
    [
        ("一兆円", "1兆円", ["1000000000000"]),
        ("8千億円", "8000億円", ["800000000000"]),
        ("八十億円", "80億円", ["8000000000"]),
        ("二倍", "2倍", ["2"]),
        ("三割", "3割", ["30"]),
        ("3.5割", "3.5割", ["35"]),
        ("一兆二千億円", "1兆2000億円", ["1200000000000"]),
        ("二千二十五年", "2025年", ["2025"]),
        ("二〇二五年", "2025年", ["2025"]),
        ("十億円", "10億円", ["1000000000"]),
        ("千円", "1000円", ["1000"]),
        ("五千万人", "5000万人", ["50000000"]),
        ("１５兆円", "15兆円", ["15000000000000"]),
        ("2,444億円", "2444億円", ["244400000000"]),
        ("6,000万人", "6000万人", ["60000000"]),
        ("地方創生2.0", "地方創生2.0", ["2.0"]),
        ("17.0と17", "17.0と17", ["17.0", "17"]),
        ("三九〇・六億円", "390.6億円", ["39060000000"]),  # a decimal point as 中黒, as vertical text writes it
        ("八点一億円", "8.1億円", ["810000000"]),  # as read aloud
        ("地方創生二・〇", "地方創生2.0", ["2.0"]),  # a version number in kanji, as names write it
        ("CCRC二点〇", "CCRC2.0", ["2.0"]),
        ("文化・スポーツ", "文化・スポーツ", []),  # 中黒 between words is no decimal point
        ("一点一点見る", "一点一点見る", []),  # 点 of no amount is a word
    ],
)
def test_numerals_are_read_as_figures(text: str, arabic: str, figures: list[str]) -> None:
    from bot.text import compact

    assert arabic_numerals(compact(text)) == arabic
    assert numbers_in(text) == figures


@pytest.mark.parametrize(
    "text",
    ["一部", "一覧", "一番", "一方", "第一", "統一", "一体的", "一層", "一度", "二地域居住", "八潮市", "九州",
     "数千億円", "何十億円", "一億総活躍"],
)
def test_words_with_numeral_kanji_are_not_numbers(text: str) -> None:
    assert numbers_in(text) == []


@pytest.mark.parametrize(
    ("answer", "source", "missing"),
    [
        ("一兆円です。", "(1) 地方の稼ぐ力 1億円", ["1000000000000"]),  # the bare 1 of (1) no longer passes it
        ("8千億円です。", "計8億円", ["800000000000"]),
        ("八十億円で、前年の二倍です。", "計40億円", ["8000000000", "2"]),
        ("三割増です。", "3件", ["30"]),
        ("150,000億円です。", "目標 15兆円", []),  # 15兆円 = 150,000億円: compared by value
        ("1兆円です。", "10,000億円", []),
        ("8,000万円です。", "計0.8億円＋事項要求", []),
        ("0.8億円です。", "8000万円", []),
        ("15億円です。", "15兆円", ["1500000000"]),  # the same digits in another unit are another figure
        ("一部の事業と一覧、第一に2,444億円。", "2,444億円", []),
    ],
)
def test_grounding_compares_figures_by_value(answer: str, source: str, missing: list[str]) -> None:
    assert ungrounded_numbers(answer, source)[1] == missing


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("![x](https://t.example/p.png)", ["![x](", "https:", "//t.e"]),
        ("詳しくは[こちら](http://evil)へ", ["[こちら](", "http:"]),
        ("[こちら][1]\n[1]: javascript:alert(1)", ["[1]:", "javascript:"]),
        ("www.evil.jp をご覧ください", ["www.", "evil.jp"]),
        ("//evil.com/x.png", ["//evil.c"]),
        ("<img src=x>", ["<img"]),
        ("計0.8億円＋事項要求です[1]（内数）。", []),
        ("「交付金」[1][2]は内閣官房・内閣府です。", []),
    ],
)
def test_links_images_and_urls_are_found(text: str, found: list[str]) -> None:
    assert links_in(text) == found


@pytest.fixture()
def scripted(service):
    """The service with a scripted chat model as its composer: the outer edge faked, the verifier real."""

    def ask(reply: str) -> str:
        composer = LLMComposer(FakeListChatModel(responses=[reply]), PROJECT_ROOT / "prompts")
        llm = QAService(service.settings, index=service.index, composer=composer)
        return llm.ask("ふるさと住民登録制度の予算は？").answer

    return ask


@pytest.mark.parametrize(
    "reply",
    [
        "「ふるさと住民登録制度」の創設には一兆円が要求されています[1]。",
        "「ふるさと住民登録制度」の創設には8千億円が要求されています[1]。",
        "「ふるさと住民登録制度」の創設には八十億円、前年の二倍が要求されています[1]。",
        "「ふるさと住民登録制度」の創設は前年の三割増です[1]。",
        "計0.8億円＋事項要求です[1]。![](https://t.example/pixel.png)",
        "計0.8億円＋事項要求です[1]。詳しくは[こちら](https://evil.example/login)。",
        "計0.8億円＋事項要求です[1]。https://evil.example/login",
    ],
)
def test_llm_drafts_with_kanji_figures_or_links_are_rejected(scripted, reply: str) -> None:
    answer = scripted(reply)
    assert answer != reply and "0.8億円" in answer
    assert not links_in(answer)


def test_llm_draft_in_another_unit_of_a_cited_figure_is_shown(scripted) -> None:
    reply = "「ふるさと住民登録制度」の創設には、計8,000万円＋事項要求が要求されています[1]。"
    assert scripted(reply) == reply


@pytest.mark.parametrize(("text", "one_figure"), [
    ("総額2兆444億円", "総額20444億円"),  # 兆 and 億 as one figure in 億円, as the document writes amounts
    ("1兆2.5億円", "10002.5億円"),
    ("183億7000万円", "183.7億円"),
    ("2,444億円と1兆円", "2,444億円と1兆円"),  # a figure in one unit stays as written
])
def test_a_figure_written_in_two_units_is_one(text: str, one_figure: str) -> None:
    from bot.text import oku_figures

    assert oku_figures(text) == one_figure
