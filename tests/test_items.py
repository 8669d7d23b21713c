"""How a question about several items is cut into the names it gives (bot/qa/items.py): exact cuts."""

from __future__ import annotations

import pytest

from bot.qa.items import item_cuts, named_phrases


@pytest.mark.parametrize(("payload", "first"), [
    ("山里バスと漁村の見守り、どっちが多い?", ("山里バス", "漁村の見守り")),
    ("主な事業3つ(甲事業、乙事業、丙事業)を全部足すと?", ("甲事業", "乙事業", "丙事業")),  # the list in brackets
    ("甲事業(計4.0億円の方)と乙事業を合わせると何億円?", ("甲事業", "乙事業")),  # a figure tells names apart
    ("甲事業の施策と乙構想等の3つを足すといくら?", ("甲事業", "乙構想")),  # generic trailing words dropped
    ("甲事業と乙事業、金額はそれぞれ?", ("甲事業", "乙事業")),
    ("甲事業は乙事業よりいくら多い?", ("甲事業", "乙事業")),
    ("国が寄り添って手伝う事業と、特区を進める事業、合わせると?", ("国が寄り添って手伝う事業", "特区を進める事業")),  # て-form
    ("資料の「丁の柱」に出てくる甲事業と乙事業、どっちが大きい?", ("甲事業", "乙事業")),  # where they were seen
    ("甲事業と乙事業って同じ額?", ("甲事業", "乙事業")),  # whether they are the same
    ("同じ柱の甲事業と乙事業を合わせると?", ("同じ柱の甲事業", "乙事業")),  # 「同じ柱」 names, and asks nothing
    ("文化の事業とか自然を活かす事業って、どれくらい額が違うの?", ("文化", "自然を活かす事業")),  # とか joins
    ("【メモ】甲事業+乙事業 2本の合計額 要確認", ("【メモ】甲事業", "乙事業")),  # a memo's plus sign
    ("甲事業の要求額って、乙事業の何分の一くらい?", ("甲事業", "乙事業")),  # a fraction names two, as 何倍 does
    ("甲事業って、乙事業と比べて何倍?", ("甲事業", "乙事業")),  # 「Aって」 is A's topic, as 「Aは」 is
    ("雪に寄り添って支える事業は、乙事業より多い?", ("雪に寄り添って支える事業", "乙事業")),  # but not a verb's て-form
    ("甲事業と乙事業、どれくらい開きがある?", ("甲事業", "乙事業")),  # 開き is the difference
    ("甲事業及び乙事業のR9要求額 至急回答願う", ("甲事業", "乙事業")),  # named together, asked the same of
    ("甲事業と、乙事業、この2つの要求額を教えてください。", ("甲事業", "乙事業")),
    ("甲事業の金額と、乙事業の金額、おしえてください", ("甲事業", "乙事業")),  # a request ends the names
    ("甲事業と乙事業、要求額を比べると?", ("甲事業", "乙事業")),  # 「要求額」 asks; it names no item
    ("甲事業と乙事業、それぞれいくら? 前者は後者の何倍?", ("甲事業", "乙事業")),  # 前者/後者 name no item
    ("町が物やサービスを買いやすくする取組と、まとめた事業、どっちが多い?", ("町が物", "サービスを買いやすくする取組", "まとめた事業")),  # や in a word
    ("甲事業のやつと、乙事業って、金額同じ?", ("甲事業", "乙事業")),  # 「…のやつ」 is the thing itself
    ("甲を育てる取組(郷土学習とか専門高校とか)と、乙を支える取組、それぞれの計はいくら?",
     ("甲を育てる取組(郷土学習とか専門高校とか", "乙を支える取組")),  # examples in brackets cut nothing, list nothing
    ("去年バスが廃止になって困っています。甲事業と乙事業、それぞれいくら?", ("甲事業", "乙事業")),  # 去年 in the story
    ("「甲事業」と「乙事業」の要求額をお願いします。", ("甲事業", "乙事業")),  # joined before what is asked of both
    ("甲事業や乙事業の予算を教えて", ("甲事業", "乙事業")),
    ("甲事業、乙事業、丙事業の3本、全部でいくら?", ("甲事業", "乙事業", "丙事業")),  # 全部で: the sum, asked
    ("甲の推進、乙の強化、丙の確保の3施策を合わせた金額は?", ("甲の推進", "乙の強化", "丙の確保")),  # 「の3施策」 counts
    ("甲って名前のが2つあってややこしい...甲事業と乙事業、それぞれの額は?", ("甲事業", "乙事業")),  # an ellipsis ends a sentence
    ("甲事業がいくらで、乙事業がいくらか教えて", ("甲事業", "乙事業")),  # each with its own question
    ("確認です。甲事業は8.1億円、乙事業は6.8億円という理解でよいですか?", ("甲事業", "乙事業")),  # CLAIMED_EACH
    ("甲事業ってやつと乙事業、どっちが多い?", ("甲事業", "乙事業")),  # 「ってやつと」: a name as heard, joined
    ("甲を支えるっていうのと、乙の支援、どっちが多い?", ("甲を支える", "乙の支援")),
    ("甲事業に比べて乙事業は何倍?", ("乙事業", "甲事業")),  # BASE_FIRST: the one asked of first
    ("甲事業と比べて乙の事業はどれだけ少ない?", ("乙", "甲事業")),  # 「の事業」 is no part of the name
])
def test_first_cut(payload: str, first: tuple[str, ...]) -> None:
    assert next(item_cuts(payload)) == first


def test_every_cut_is_offered_most_names_first() -> None:
    """A joiner inside a name (里海と里山) is tried both as a cut and not: the question picks the cut that links."""
    assert list(item_cuts("里海と里山の拠点と山里バス、どっちが多い?")) == [
        ("里海", "里山の拠点", "山里バス"), ("里海", "里山の拠点と山里バス"), ("里海と里山の拠点", "山里バス"),
    ]


@pytest.mark.parametrize("payload", [
    "甲事業は前年と比べてどう?", "甲事業の予算は?", "甲事業と乙事業の担当、で間違いない?",
    "令和9年度予算で、甲事業はいくらで成立しましたか",  # a year before the question's words names nothing
    "甲事業と乙事業の当初予算を教えて。差もわかると嬉しい。",  # last year's budgets, asked for
])
def test_not_about_several_items(payload: str) -> None:
    assert list(item_cuts(payload)) == []


def test_named_phrases_cut_at_every_joiner() -> None:
    assert named_phrases("甲事業と乙事業、合わせると?") == ("甲事業", "乙事業")


def test_each_of_two_is_asked_together() -> None:
    from bot.qa.items import WITH_ANOTHER

    assert WITH_ANOTHER.search("甲事業と乙事業、予算はそれぞれいくら?")
    assert WITH_ANOTHER.search("甲事業と乙事業、なんばいくらいちがうの?")  # in kana
    assert WITH_ANOTHER.search("甲事業って乙事業の10倍くらい?")
    assert WITH_ANOTHER.search("じゃあ乙事業と合算すると?")  # 合算 adds, as 合計 does
    assert not WITH_ANOTHER.search("甲事業は1億円＋事項要求、で間違いないですか?")  # 間違い is no difference asked


@pytest.mark.parametrize(("payload", "first"), [
    ("甲事業も同じ額だっけ?", ("甲事業",)),  # 「Bも同じ額？」 after a question about A names B
])
def test_a_follow_up_names_one(payload: str, first: tuple[str, ...]) -> None:
    assert next(item_cuts(payload, least=1)) == first


@pytest.mark.parametrize(("text", "paired"), [
    ("甲事業の予算と、乙事業の予算を教えて", True),
    ("甲事業と乙事業、両方の要求額を教えて", True),
    ("甲事業は国の予算として決まった額ですか", False),  # 「の予算として」 pairs nothing
    ("ハードとソフトの両方から支援する施策の予算は?", False),  # describes one measure
])
def test_two_names_asked_the_same_of(text: str, paired: bool) -> None:
    from bot.qa.items import Marks

    assert bool(Marks.PAIRED.search(text)) is paired


@pytest.mark.parametrize(("payload", "paired"), [
    ("甲事業と乙事業の確保、金額は?", True),  # two names, then what is asked of both
    ("甲事業 と 乙事業 金額?", True),  # 「甲事業 vs 乙事業 金額」 as the question reads it
    ("計画をつくって、ハードとソフトの両方からまとめて支援する国交省の施策、予算はいくら?", False),  # one description
    ("甲事業とかの施策、予算は?", False),  # とか: one thing with examples
])
def test_names_joined_and_then_asked_the_same_of(payload: str, paired: bool) -> None:
    from bot.qa.items import Marks

    assert (Marks.PAIRED.search(payload) is not None) is paired
