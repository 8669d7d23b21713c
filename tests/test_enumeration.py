"""A message that numbers its requests (bot/qa/enumeration.py): the names each numbered part gives, exactly."""

from __future__ import annotations

import pytest

from bot.qa.enumeration import CIRCLED, numbered
from bot.text import normalize


def read(text: str) -> tuple[str, tuple[str, ...]]:
    return numbered(normalize(text.translate(CIRCLED)))


@pytest.mark.parametrize(("text", "names"), [
    ("①甲事業の要求額、②乙事業の要求額を教えて", ("甲事業", "乙事業")),  # circled numbers, lost to NFKC if not marked
    ("二つ質問です。①雪を除く事業はいくら？②星空の事業はいくら？", ("雪を除く事業", "星空の事業")),  # a question each
    ("照会。(1)文化・観光の強化、(2)自然を活かす地域づくり、各々の計上額を回答願う。",
     ("文化・観光の強化", "自然を活かす地域づくり")),                             # 「各々…」 turns to the question
    ("確認したい。一、甲事業の令和9年度概算要求額。二、乙事業の同要求額。以上。", ("甲事業", "乙事業")),  # 一、二、
    ("①里海の拠点(港の整備を含む)、②防災の強化、両者の要求額を", ("里海の拠点(港の整備を含む)", "防災の強化")),
    ("①甲の推進、②乙の推進、の二施策の要求額", ("甲の推進", "乙の推進")),
    ("【照会】\n1. 甲事業\n2. 乙事業\n各要求額をご教示願います。", ("甲事業", "乙事業")),  # a memo's lines
    ("①甲構想、ドローン物流の要求額 ②乙事業の要求額", ("甲構想、ドローン物流", "乙事業")),  # 「、」 inside a name
    ("取材メモ。(a)甲の形成 (b)乙の推進 ― 各々の計上額を", ("甲の形成", "乙の推進")),  # letters in their order
    ("(A)甲事業の要求額、(B)乙事業の要求額", ("甲事業", "乙事業")),
    ("(ア)甲事業の額 (イ)乙事業の額", ("甲事業", "乙事業")),                   # katakana in the order アイウ
])
def test_the_name_of_each_numbered_part(text: str, names: tuple[str, ...]) -> None:
    assert read(text)[1] == names


@pytest.mark.parametrize("text", [
    "(1)～(5)に出てくる施策の合計は？",         # a range of pillars
    "(1)の施策と(2)の施策を比べると？",         # pillars by number
    "(1)の施策、(2)の施策、どっちが多い？",
    "2.～5.の計70億円の内訳は？",
    "①甲事業の要求額は？",                       # one number numbers nothing
    "②甲事業、①乙事業",                         # out of order
    "1.3億円の事業と2.0億円の事業",              # figures
    "(b)甲事業、(a)乙事業",                       # letters out of order
])
def test_numbers_that_number_no_list(text: str) -> None:
    assert read(text)[1] == ()


def test_the_numbers_are_dropped_from_a_numbered_list_and_kept_otherwise() -> None:
    assert read("照会。(1)甲事業、(2)乙事業、各々の額")[0] == "照会。 甲事業、 乙事業、各々の額"
    assert read("(1)の施策と(2)の施策")[0] == "(1)の施策と(2)の施策"  # pillars, as they were
    assert read("①甲事業の要求額は？")[0] == "1甲事業の要求額は?"  # what NFKC makes of one circled number
