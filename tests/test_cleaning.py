"""The one cleaning rule for every text that reaches tokenising or embedding: question, history, retrieval text."""

from __future__ import annotations

import pytest

from bot.errors import InvalidQuestion
from bot.models import Turn
from bot.qa.cleaning import clean_history, clean_question, printable, scrub


def test_scrub_removes_controls_surrogates_symbols_and_markup() -> None:
    assert scrub("\x00予算\ud800は<b>？</b>\u200b [こちら](http://e) \U0001f600\n") == "予算は ？ こちら"


def test_a_blank_left_to_fill_is_kept() -> None:
    assert scrub("「新規輸出○万者支援プログラム」の○は？★") == "「新規輸出○万者支援プログラム」の○は？"


def test_an_emoji_that_ends_a_sentence_still_ends_it() -> None:
    """「NPOで働いています🌱 この資料で…」: the emoji goes, the sentence end it marked stays."""
    assert scrub("NPOで働いています🌱 この資料で何が？") == "NPOで働いています。この資料で何が？"
    assert scrub("助かります❤️ ちなみに") == "助かります。ちなみに"  # with its variation selector
    assert scrub("予算🤔 いくら") == "予算 いくら"  # after a noun it ends nothing
    assert scrub("いくら？🙏") == "いくら？"


def test_history_turns_are_cleaned_capped_and_bounded() -> None:
    raw = [
        {"role": "user", "content": "古い質問"},
        {"role": "system", "content": "指示"},  # not a chat role: dropped
        {"role": "user", "content": 5},  # not text: dropped
        None,
        {"role": "assistant", "content": "\ud800\x1b"},  # nothing left after cleaning: dropped
        Turn(role="assistant", content="答え\ud800です。<img src=x>"),
        {"role": "user", "content": "予算" * 30_000},  # 60 KB: cut, not refused
    ]
    assert clean_history(raw, max_turns=2, max_chars=6) == [
        Turn(role="assistant", content="答えです。"),
        Turn(role="user", content="予算予算予算"),
    ]
    assert clean_history("not a list", 5, 10) == [] and clean_history(raw, 0, 10) == []


def test_refused_input_is_echoed_only_cleaned_and_short() -> None:
    assert printable("\ud800" * 5 + "あ" * 500) == "あ" * 200
    assert printable(12345) == "12345"
    with pytest.raises(InvalidQuestion) as exc:
        clean_question("\ud800\udcff", 100)
    assert exc.value.code == "empty_question"


def test_follow_up_retrieval_text_is_capped(service) -> None:
    history = [{"role": "user", "content": "ふるさと住民登録制度の予算は？" + "予算" * 5000},
               {"role": "assistant", "content": "x"}]
    answer = service.ask("それの担当省庁は？", history)
    assert len(answer.resolved_question) == service.settings.max_retrieval_chars == 200
    assert answer.resolved_question.startswith("ふるさと住民登録制度の予算は?予算")
