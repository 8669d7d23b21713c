"""Numeric grounding: the one definition the verifier applies and the eval measures."""

from __future__ import annotations

from bot.qa.grounding import heading_lines, source_text, strip_markers, ungrounded_numbers


def test_strip_markers() -> None:
    assert strip_markers("17億円[1]です[12]。") == "17億円です。"


def test_ungrounded_numbers() -> None:
    source = "地方大学・地域産業創生交付金 17億円\n計2,087.7億円（内数）"
    assert ungrounded_numbers("17億円です[1]。", source) == (1, [])  # the marker [1] is not a number
    assert ungrounded_numbers("2087.7億円と18億円。", source) == (2, ["1800000000"])  # 18億 by value
    assert ungrounded_numbers("17.0億円。", source) == (1, [])  # the same number written differently
    # a labelled computation may state a number the source does not have
    assert ungrounded_numbers("17億円です。差は計算すると2070.7億円です。", source) == (2, [])
    assert ungrounded_numbers("差は2070.7億円です。", source) == (1, ["207070000000"])


def test_heading_lines_and_source_text() -> None:
    lines = ["# 表題 2.0", "", "## (4) 柱", "### ○施策 【計5億円】", "- 本文 3件", "## (5) 次の柱", "- 本文"]
    assert heading_lines(lines, 5) == [1, 3, 4]
    assert heading_lines(lines, 4) == [1, 3]  # a span that starts with a heading: only its parents
    assert heading_lines(lines, 7) == [1, 6]
    src = source_text(lines, [(5, 5)], always=())
    assert "(4) 柱" in src and "本文 3件" in src and "次の柱" not in src
    assert ungrounded_numbers("「(4) 柱」の施策は5億円、3件です。", src) == (3, [])


def test_declared_figures_only_in_a_labelled_sentence() -> None:
    source = "17億円\n20億円"
    answer = "差は3億円の増加です（20億円−17億円として計算）[1]。"
    assert ungrounded_numbers(answer, source, declared=["3億円"]) == (3, [])
    assert ungrounded_numbers(answer, source, declared=[]) == (3, ["300000000"])  # labelled, not the composer's
    assert ungrounded_numbers("差は3億円です[1]。", source, declared=["3億円"]) == (1, ["300000000"])  # no label


def test_always_spans_are_source() -> None:
    lines = ["**表題 2.0**", "# 見出し", "- 本文 5件"]
    assert ungrounded_numbers("2.0の資料です。", source_text(lines, [(3, 3)], always=[(1, 1)])) == (1, [])
    assert ungrounded_numbers("2.0の資料です。", source_text(lines, [(3, 3)])) == (1, ["2.0"])
