"""Normalisation, amounts and tokenisation."""

from __future__ import annotations

import threading

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.qa.vocabulary import _one_kanji_off
from bot.text import (
    compact,
    fiscal_years,
    format_oku,
    lexical_tokens,
    normalize,
    numbers_in,
    parse_amount_oku,
    romaji_as_kana,
    starts_of,
)

_SMALL_JAPANESE = st.text(alphabet="ああ登録緑制度住民一二々", max_size=12)


@pytest.mark.parametrize(("needle", "text", "starts"), [
    ("ああ", "あああああ", [0, 2]),  # not overlapping, as re.finditer
    ("登録", "登録と登録", [0, 3]),
    ("", "登録", []),
])
def test_starts_of(needle: str, text: str, starts: list[int]) -> None:
    assert starts_of(needle, text) == starts


@given(needle=_SMALL_JAPANESE, text=_SMALL_JAPANESE)
def test_starts_of_is_finditer_of_the_escaped_needle(needle: str, text: str) -> None:
    expected = [m.start() for m in re.finditer(re.escape(needle), text)] if needle else []
    assert starts_of(needle, text) == expected


@pytest.mark.parametrize(("key", "i", "text", "found"), [
    ("住民登録制度", 3, "ふるさと住民登緑制度", "住民登緑制度"),  # the kanji the input method chose wrongly
    ("ああ登", 2, "あああ緑", "ああ緑"),  # a start inside an earlier start of the head
    ("住民登録", 3, "住民登録", None),  # the same kanji is no other kanji
    ("住民登録", 3, "住民登ろ", None),  # kana is no kanji
])
def test_one_kanji_off(key: str, i: int, text: str, found: str | None) -> None:
    assert _one_kanji_off(key, i, text) == found


@given(key=_SMALL_JAPANESE.filter(bool), text=_SMALL_JAPANESE, data=st.data())
def test_one_kanji_off_is_the_regex_it_replaces(key: str, text: str, data: st.DataObject) -> None:
    """The hand-written search finds what the per-phrase regex found (the first match, overlapping starts included)."""
    i = data.draw(st.integers(0, len(key) - 1))
    m = re.search(re.escape(key[:i]) + f"(?!{re.escape(key[i])})[一-龥々]" + re.escape(key[i + 1:]), text)
    assert _one_kanji_off(key, i, text) == (m.group(0) if m else None)


def test_nfkc_and_width_folding() -> None:
    assert normalize("ＲＥＳＡＳ　２，４４４億円（内数）＋事項要求") == "RESAS 2,444億円(内数)+事項要求"
    assert normalize("ﾜｯﾄ・ﾋﾞｯﾄ") == "ワット・ビット"
    assert compact("2,444 億円") == "2444億円"


@pytest.mark.parametrize(
    ("text", "oku"),
    [("計1,917.0億円（内数）", 1917.0), ("１７億円", 17.0), ("15兆円", 150000.0), ("6,000万円", 0.6), ("事項要求", None)],
)
def test_parse_amount(text: str, oku: float | None) -> None:
    assert parse_amount_oku(text) == oku


def test_format_and_numbers() -> None:
    assert format_oku(407.0) == "407億円"
    assert format_oku(2.5) == "2.5億円"
    # 億・万 multiplied out: the grounding rule compares figures by value (tests/test_numerals.py)
    assert numbers_in("計１，９１７.０億円と6,000万人、2.0") == ["191700000000", "60000000", "2.0"]


def test_sudachi_normalises_variants() -> None:
    assert "resas" in lexical_tokens("ＲＥＳＡＳ")
    assert set(lexical_tokens("ふるさと住民登録制度")) >= {"住民登録", "制度"}


def test_long_input_is_capped_not_rejected() -> None:
    assert lexical_tokens("予算" * 40_000)


def test_one_tokenizer_per_thread() -> None:
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for i in range(200):
                lexical_tokens(f"地方創生{i}の予算と交付金{i}")
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


@pytest.mark.parametrize(("text", "expected"), [
    ("交付金のFY2026要求", "交付金の2026年度要求"), ("FY 26の総額", "2026年度の総額"), ("2025FY当初", "2025年度当初"),
    ("GFY2026", "GFY2026"),  # part of another word: left as written
])
def test_fiscal_years_written_in_english(text: str, expected: str) -> None:
    assert fiscal_years(text) == expected


def test_office_english_in_japanese_leaves_names_in_latin_letters() -> None:
    from bot.qa.lexicon import Lexicon
    lexicon = Lexicon(latin={"budget": "予算", "list up": "一覧に", "list": "一覧", "up": "増加"})
    assert lexicon.in_japanese("GXのBudgetをlist upして、upしたものはlistで") == "GXの予算を一覧にして、増加したものは一覧で"
    assert lexicon.in_japanese("budgetaryとRESASのsetup") == "budgetaryとRESASのsetup"



def test_an_everyday_word_in_katakana_is_read_in_hiragana_too() -> None:
    """「むらの ばすが なくなって」: a question in kana writes バス as ばす; it means the document's 交通 all the same."""
    from bot.qa.lexicon import Lexicon
    lexicon = Lexicon(everyday={"バス": "交通 ライドシェア", "田舎": "地方", "ス": "x"})
    assert lexicon.meanings("ばす") == ["交通", "ライドシェア"] and lexicon.meanings("バス") == ["交通", "ライドシェア"]
    assert lexicon.meanings("田舎") == ["地方"] and lexicon.meanings("ばすてい") == []
    assert lexicon.document_words("むらの ばすが なくなって") == ["交通", "ライドシェア"]
    assert lexicon.document_words("すいか") == []  # one katakana letter is not a word to find in hiragana

@pytest.mark.parametrize(("text", "kana"), [
    ("Tokutei chiiki zukuri jigyou wa 7.6 oku en desu ka?", "とくてい ちいき ずくり じぎょう は 7.6 おく えん です か?"),
    ("Furusato juumin touroku seido wa dono ministry ga tantou shimasu ka?",  # an English word stays
     "ふるさと じゅうみん とうろく せいど は どの ministry が たんとう します か?"),
    ("Please tell me the amount in Japanese yen", "Please tell me the amount in Japanese yen"),  # English
    ("What is the budget?", "What is the budget?"),
    ("What is the total budget of the CCRC program, desu ka?", "What is the total budget of the CCRC program, desu ka?"),
    ("Sushi tempura ramen sake", "Sushi tempura ramen sake"),  # words that read as kana, but no Japanese sentence
    ("Hello, yosan no gaku wa ikura desu ka?", "Hello, よさん の がく は いくら です か?"),  # ll is English, not っ
    ("CCRCの予算は ikura desu ka?", "CCRCの予算は ikura desu ka?"),  # Japanese in it: as written
    ("furusato seido tte sumaho de dekiru no?", "ふるさと せいど って すまほ で できる の?"),  # tte, the spoken topic marker
])
def test_a_question_in_romaji_is_read_in_kana(text: str, kana: str) -> None:
    assert romaji_as_kana(text) == kana
