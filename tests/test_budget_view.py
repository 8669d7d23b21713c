"""予算一覧: every record in the table, filters, and a chart that never adds 内数 figures up."""

from __future__ import annotations

import re

from bot.models import Record
from bot.web import budget_view as bv


def test_table_has_every_record_with_numeric_amounts(records: list[Record]) -> None:
    df = bv.table(records)
    assert len(df) == len(records)
    assert list(df.columns) == bv.COLUMNS
    assert df["億円"].dropna().map(lambda v: isinstance(v, float)).all()
    naisu_rows = df[df["区分"].str.split("・").str[0] == "内数"]
    assert len(naisu_rows) == sum(r.is_naisu for r in records) > 0


def test_filters_select_by_pillar_ministry_keyword_and_naisu(records: list[Record]) -> None:
    ministry = bv.ministries(records)[0]
    assert all(ministry in r.ministries for r in bv.select(records, bv.Filters(ministry=ministry)))
    pillar = next(r.pillar for r in records if r.pillar)
    assert {r.pillar for r in bv.select(records, bv.Filters(pillar=pillar))} == {pillar}
    no_naisu = bv.select(records, bv.Filters(include_naisu=False))
    assert no_naisu and not any(r.is_naisu for r in no_naisu)
    title = next(r.title for r in records if r.kind == "measure")
    assert any(r.title == title for r in bv.select(records, bv.Filters(keyword=title)))


def test_summary_counts_naisu_and_says_nothing_is_summed(records: list[Record]) -> None:
    text = bv.summary_text(records, len(records))
    assert f"{len(records)}件を表示中" in text
    assert "合計はしていません" in text


def test_chart_groups_leaf_records_and_marks_shared_ones(records: list[Record]) -> None:
    by_pillar = bv._groups(records, "柱別")
    charted = [r for _, items in by_pillar for r, _ in items]
    assert charted and all(r.kind in bv.CHART_KINDS and r.amount_oku is not None for r in charted)
    by_ministry = bv._groups(records, "府省庁別")
    shared = [r for _, items in by_ministry for r, s in items if s]
    assert shared and all(len(r.ministries) > 1 for r in shared)


def test_chart_image_renders_and_is_cached(records: list[Record]) -> None:
    first = bv.chart_image(records, "府省庁別")
    assert first.size[0] > 500 and first.size[1] > 500
    assert bv.chart_image(records, "府省庁別").size == first.size
    assert bv.chart_image([], "柱別").size[0] > 0


def test_naisu_rows_set_their_text_colour_with_the_tint_so_dark_mode_stays_readable(records: list[Record]) -> None:
    css = bv.styled(bv.table(records)).to_html().split("</style>")[0]
    tinted = re.findall(r"#T_\w+_row(\d+)_col\d+", css)
    assert {int(i) for i in tinted} == {i for i, r in enumerate(records) if r.is_naisu}
    assert css.count("background-color: #fff1dc;\n  color: #4a2c05;") == css.count("background-color")


def test_chart_html_is_an_inline_image_with_alt_text(records: list[Record]) -> None:
    html = bv.chart_html(records, "柱別")
    charted = [r for _, items in bv._groups(records, "柱別") for r, _ in items]
    assert html.startswith('<figure class="chart" tabindex="0"><img src="data:image/png;base64,')
    assert f'alt="柱別の概算要求額の横棒グラフ（対数目盛）。{len(charted)}本のバーのうち' in html
