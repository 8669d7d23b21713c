"""The parser over the whole document: every amount belongs to one record, spans hold what they say."""

from __future__ import annotations

import hashlib
import re

import pytest

from bot.config import Settings
from bot.document.parser import (
    _front_matter,
    _previous_year_amount,
    _Scanner,
    amount_flags,
    load_records,
    parse_document,
    split_title_amount,
)
from bot.errors import CorpusMissing
from bot.models import Record
from bot.text import compact
from tests.conftest import SEED_SHA256

AMOUNT = re.compile(r"\d[\d,]*(?:\.\d+)?億円|事項要求|調整中")


def test_corpus_is_byte_identical_to_the_seed(settings: Settings) -> None:
    assert hashlib.sha256(settings.corpus_path.read_bytes()).hexdigest() == SEED_SHA256


def test_every_amount_string_belongs_to_exactly_one_record(records, corpus_text) -> None:
    lines = corpus_text.split("\n")
    for no, line in enumerate(lines, start=1):
        for _ in AMOUNT.finditer(line):
            owners = [r for r in records if r.line_start <= no <= r.line_end]
            assert len(owners) == 1, f"line {no}: {line!r} owned by {[o.title for o in owners]}"


def test_spans_are_disjoint_and_ordered(records) -> None:
    for a, b in zip(records, records[1:]):
        assert a.line_end < b.line_start, (a.title, b.title)


def test_each_span_holds_its_title_and_amount(records, corpus_text) -> None:
    lines = corpus_text.split("\n")
    for r in records:
        span = compact("".join(lines[r.line_start - 1 : r.line_end]).replace("**", ""))
        assert compact(r.title) in span or compact(r.title.replace(" ", "")) in span, r.title
        if r.amount_text:
            assert compact(r.amount_text) in span, (r.title, r.amount_text)


def test_no_record_is_empty_or_duplicated(records) -> None:
    ids = [r.id for r in records]
    assert len(ids) == len(set(ids))
    keys = [(r.title, r.amount_text, tuple(r.body)) for r in records]
    assert len(keys) == len(set(keys))
    for r in records:
        assert r.title.strip()
        assert r.amount_text or r.body or r.kind == "headline", r.title


def test_record_counts_by_kind(records) -> None:
    kinds = {k: sum(r.kind == k for r in records) for k in ("headline", "line_item", "measure", "summary")}
    assert kinds["line_item"] == 10  # 主な事業 bullets, lines 25-70
    assert kinds["summary"] == 4  # bold bullets, lines 74-82
    assert kinds["measure"] == 28  # ○ measures, lines 86-245
    assert kinds["headline"] == 4  # title block, 総額, 交付金, 2.~5. 計


def test_headline_totals_and_r7(records) -> None:
    total = next(r for r in records if "概算要求額" in r.title and r.kind == "headline")
    assert (total.amount_oku, total.prev_amount_oku, total.flags) == (2444.0, 2037.0, ["事項要求"])
    assert (total.line_start, total.line_end) == (12, 13)
    grant = next(r for r in records if r.title == "新しい地方経済・生活環境創生交付金")
    assert (grant.amount_oku, grant.prev_amount_oku, grant.line_start) == (2374.0, 2000.0, 15)


def test_repeated_pillar_heading_is_one_pillar(records) -> None:
    pillars = {r.pillar for r in records if r.pillar and r.pillar.startswith("(2)")}
    assert len(pillars) == 1
    assert sum(1 for r in records if r.pillar in pillars and r.kind == "measure") == 12


@pytest.mark.parametrize(
    ("title", "amount", "oku", "flags", "ministries", "span"),
    [
        ("「ふるさと住民登録制度」の創設", "計0.8億円+事項要求", 0.8, ["事項要求"], ["内閣官房・内閣府", "総務省"], (190, 192)),
        ("地域に愛着を持ち、地域で活躍する人材の育成", "計110.9億円（内数） + 事項要求", 110.9, ["内数", "事項要求"],
         ["文部科学省", "農林水産省"], (86, 91)),
        ("「交通空白」の解消等に向けた地域交通のリ・デザインの全面展開", "計269.0億円 + 社会資本整備総合交付金（内数）", 269.0,
         ["＋社会資本整備総合交付金（内数）"], ["国土交通省"], (100, 104)),
        ("産官学共創に向けた拠点の形成", "計2,087.7億円（内数）", 2087.7, ["内数"], ["文部科学省", "経済産業省"], (115, 117)),
        ("本社機能の地方分散", "計0.6億円+税制改正要望", 0.6, ["税制改正要望"], ["内閣官房・内閣府"], (186, 188)),
        ("都道府県域を超える「広域リージョン連携」の枠組みの創設", "調整中", None, ["調整中"], ["総務省"], (226, 228)),
        ("政府関係機関の地方移転", None, None, [], [], (182, 184)),
        ("地域産品の高付加価値化・海外展開推進事業", "事項要求", None, ["事項要求"], ["内閣官房・内閣府"], (34, 34)),
        ("地方大学・地域産業創生交付金", "17億円", 17.0, [], ["内閣官房・内閣府"], (42, 42)),
    ],
)
def test_known_records(records, title, amount, oku, flags, ministries, span) -> None:
    r = next(r for r in records if r.title == title)
    assert (r.amount_text, r.amount_oku, r.flags, r.ministries, (r.line_start, r.line_end)) == (
        amount, oku, flags, ministries, span)


def test_title_with_bracket_before_amount() -> None:
    title, amount, ministries = split_title_amount(
        "○地方移住の更なる促進【若者への支援を強化】・二地域居住の促進【計64.2億円（内数）+社会資本整備総合交付金（内数）】（内閣官房・内閣府、国土交通省）"
    )
    assert title == "地方移住の更なる促進【若者への支援を強化】・二地域居住の促進"
    assert amount == "計64.2億円（内数）+社会資本整備総合交付金（内数）"
    assert ministries == ["内閣官房・内閣府", "国土交通省"]


def test_flags_full_width_plus() -> None:
    assert amount_flags("計393.8億円（内数）＋社会資本整備総合交付金（内数）＋防災・安全交付金（内数）") == [
        "内数", "＋社会資本整備総合交付金（内数）", "＋防災・安全交付金（内数）"]


def test_small_document_parses() -> None:
    doc = "# 表題\n\n## (1) 柱\n\n### ○施策A【計1.5億円（内数）】（総務省）\n\n- 説明。\n"
    [rec] = parse_document(doc)
    assert (rec.title, rec.amount_oku, rec.flags, rec.line_start, rec.line_end) == ("施策A", 1.5, ["内数"], 5, 7)


def _scan(*lines: str) -> list[tuple]:
    """The scanner's records for made-up lines, as (kind, title, amount, prev, ministries, body, span)."""
    scanner = _Scanner()
    for no, line in enumerate(lines, start=1):
        if line.strip():
            scanner.feed(no, line)
    scanner.close()
    return [_brief(r) for r in scanner.records]


def _brief(r: Record) -> tuple:
    return (r.kind, r.title, r.amount_text, r.prev_amount_oku, r.ministries, r.body, (r.line_start, r.line_end))


def test_front_matter_is_one_headline() -> None:
    rec = _front_matter(["**地方創生2.0  **", "**令和 8 年度予算**", "", "**令和 7 年 9 月 2 日**", "事務局", "# 表題"])
    assert rec is not None and _brief(rec) == (
        "headline", "地方創生2.0 令和 8 年度予算 事務局", None, None, [], ["事務局"], (1, 5))
    assert _front_matter(["# 表題", "本文"]) is None


def test_line_items_only_inside_the_main_projects_list() -> None:
    assert _scan("# 内閣府 予算", "#### 【主な事業】", "- 事業A 0.5億円", "- 事業B 事項要求", "### ○施策C", "- 事業D 1億円") == [
        ("line_item", "事業A", "0.5億円", None, ["内閣府"], [], (3, 3)),
        ("line_item", "事業B", "事項要求", None, ["内閣府"], [], (4, 4)),
        ("measure", "施策C", None, None, [], ["事業D 1億円"], (5, 6)),
    ]
    assert not _Scanner()._line_item(1, "- 事業A 0.5億円")


def test_pillar_description_label_and_bold_amount_line() -> None:
    assert _scan("# 内閣府 予算", "## (1)柱", "▶柱の説明。", "▶ラベル", "### ○施策B", "**【計2億円】（総務省）**", "- 説明は", "続く。") == [
        ("section", "(1) 柱", None, None, [], ["柱の説明。"], (2, 3)),
        ("measure", "施策B", "計2億円", None, ["総務省"], ["説明は続く。"], (5, 8)),
    ]


def test_the_first_item_under_a_label_cites_the_label() -> None:
    """「▶ 人材支援・人材育成」 says what the 主な事業 under it is for: the first item's span starts at the label."""
    assert _scan("# 内閣府 予算", "## 5. 横断", "▶ 人材支援", "#### 【主な事業】", "- 事業A 0.5億円", "- 事業B 1億円",
                 "▶ 規制改革", "#### 【主な事業】", "- 事業C 2億円") == [
        ("line_item", "事業A", "0.5億円", None, ["内閣府"], [], (3, 5)),
        ("line_item", "事業B", "1億円", None, ["内閣府"], [], (6, 6)),
        ("line_item", "事業C", "2億円", None, ["内閣府"], [], (7, 9)),
    ]
    assert _scan("# 内閣府 予算", "▶ ラベル", "### 見出し", "#### 【主な事業】", "- 事業A 0.5億円")[-1][-1] == (5, 5)  # another heading came


def test_inline_amounts_and_previous_year_figures() -> None:
    assert _scan("# 内閣府 予算", "1. 交付金 **10億円+事項要求** (R7当初: 8億円)", "総額 **3億円**", "(令和7年度当初予算額 2億円)") == [
        ("headline", "交付金", "10億円+事項要求", 8.0, ["内閣府"], [], (2, 2)),
        ("headline", "総額", "3億円", 2.0, ["内閣府"], ["(令和7年度当初予算額 2億円)"], (3, 4)),
    ]
    assert (_previous_year_amount("(令和7年度当初予算額 2,037億円)"), _previous_year_amount("R7当初：1.5億円")) == (
        "2,037億円", "1.5億円")
    assert _previous_year_amount("令和8年度 3億円") is None


def test_missing_corpus_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(CorpusMissing, match="corpus file not found"):
        load_records(tmp_path / "nope.md")
