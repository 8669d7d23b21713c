"""The 予算一覧 tab: every record as a filterable table, and a chart of amounts by pillar or ministry.

内数 figures are parts of larger budgets and measures overlap the 内閣官房 line items, so nothing here
adds amounts up: the chart draws one bar per record, hatching 内数 bars and saying so in the legend.
"""

from __future__ import annotations

import base64
import html
import io
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

import pandas as pd

from bot.models import Record
from bot.text import normalize

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from PIL.Image import Image

ALL = "すべて"
NO_PILLAR = "（全体）"
NO_MINISTRY = "（記載なし）"
KIND_LABELS = {
    "headline": "総額",
    "section": "区分見出し",
    "summary": "小計",
    "line_item": "主な事業",
    "measure": "施策",
}
CHART_KINDS = ("line_item", "measure")
"""Totals and subtotals (総額・小計) contain the other rows, so only these kinds are charted."""

COLUMNS = ["柱", "種別", "事業・施策", "億円", "要求額（資料の表記）", "区分", "府省庁", "行"]
COLUMN_WIDTHS = [16, 7, 24, 7, 14, 10, 14, 8]
"""Percent of the table's width per column, on a wide screen; a phone gets the same shares of PHONE_TABLE_PX."""
PHONE_TABLE_PX = 760
GroupBy = Literal["柱別", "府省庁別"]


@dataclass(frozen=True)
class Filters:
    pillar: str = ALL
    ministry: str = ALL
    keyword: str = ""
    include_naisu: bool = True


def pillars(records: list[Record]) -> list[str]:
    return list(dict.fromkeys(r.pillar or NO_PILLAR for r in records))


def ministries(records: list[Record]) -> list[str]:
    return list(dict.fromkeys(m for r in records for m in r.ministries))


def select(records: list[Record], f: Filters) -> list[Record]:
    keyword = normalize(f.keyword).lower()
    out = []
    for r in records:
        if f.pillar != ALL and (r.pillar or NO_PILLAR) != f.pillar:
            continue
        if f.ministry != ALL and f.ministry not in r.ministries:
            continue
        if not f.include_naisu and r.is_naisu:
            continue
        if keyword and keyword not in normalize(" ".join([r.title, *r.body, *r.ministries, r.pillar or ""])).lower():
            continue
        out.append(r)
    return out


def table(records: list[Record]) -> pd.DataFrame:
    """One row per record, in document order; 億円 is numeric so the column sorts by value."""
    rows = [
        {
            "柱": r.pillar or NO_PILLAR,
            "種別": KIND_LABELS.get(r.kind, r.kind),
            "事業・施策": r.title,
            "億円": r.amount_oku,
            "要求額（資料の表記）": r.amount_text or "",
            "区分": "・".join(r.flags),
            "府省庁": "、".join(r.ministries),
            "行": f"{r.line_start}" if r.line_start == r.line_end else f"{r.line_start}–{r.line_end}",
        }
        for r in records
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def styled(df: pd.DataFrame) -> "pd.io.formats.style.Styler":
    """内数 rows tinted, so their figures stand out as parts of other budgets."""
    tint = "background-color: #fff1dc; color: #4a2c05"  # dark text on the tint, in dark mode too
    return df.style.apply(
        lambda row: [tint if str(row["区分"]).split("・")[0] == "内数" else "" for _ in row], axis=1
    ).format({"億円": lambda v: "" if pd.isna(v) else f"{v:,.1f}"})


def summary_text(shown: list[Record], total: int) -> str:
    naisu = sum(1 for r in shown if r.is_naisu)
    return (
        f"{len(shown)}件を表示中（全{total}件）。うち内数の項目は{naisu}件です。"
        "内数は他の予算の一部として示された金額のため、金額の合計はしていません。"
    )


def _short(text: str, n: int = 26) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _groups(records: list[Record], by: GroupBy) -> list[tuple[str, list[tuple[Record, bool]]]]:
    """(group, [(record, shared)]) in document order; ``shared`` marks a record listed under several ministries."""
    groups: dict[str, list[tuple[Record, bool]]] = {}
    for r in records:
        if r.kind not in CHART_KINDS or r.amount_oku is None:
            continue
        if by == "府省庁別":
            for m in r.ministries or [NO_MINISTRY]:
                groups.setdefault(m, []).append((r, len(r.ministries) > 1))
        else:
            groups.setdefault(r.pillar or NO_PILLAR, []).append((r, False))
    return list(groups.items())


@lru_cache(maxsize=1)
def _japanese_font() -> str | None:
    """A CJK font family matplotlib can use (Debian's fonts-noto-cjk), if one is installed."""
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    for name in ("Noto Sans CJK JP", "Noto Sans JP", "IPAexGothic", "IPAGothic", "TakaoGothic"):
        if name in names:
            return name
    return None


def chart(records: list[Record], by: GroupBy = "柱別") -> "Figure":
    """Horizontal bars, one per record, grouped; log scale because amounts span 0.4 to 6,000 億円."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    font = _japanese_font()
    rc = {"font.family": [font, "sans-serif"]} if font else {}
    groups = _groups(records, by)
    labels: list[str] = []
    bars: list[tuple[int, Record]] = []
    headers: list[int] = []
    for name, items in groups:
        headers.append(len(labels))
        labels.append(f"■ {_short(name, 30)}")
        for r, shared in items:
            bars.append((len(labels), r))
            labels.append(_short(r.title) + ("（共管）" if shared else ""))

    with matplotlib.rc_context(rc):
        height = max(2.5, 0.27 * len(labels) + 1.4)
        fig = Figure(figsize=(10, height), dpi=100)
        ax = fig.add_subplot()
        if not bars:
            ax.text(0.5, 0.5, "表示できる金額がありません", ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
            return fig
        for y, r in bars:
            naisu = r.is_naisu
            ax.barh(
                y, r.amount_oku, color="#f3c98b" if naisu else "#4c78a8", hatch="///" if naisu else None,
                edgecolor="#b7791f" if naisu else "#2f4b6e", linewidth=0.6,
            )
            extra = "".join(f if f.startswith("＋") else f"＋{f}" for f in r.flags if f != "内数")
            text = f"{r.amount_oku:,.1f}億円" + ("（内数）" if naisu else "") + extra
            ax.text(r.amount_oku * 1.08, y, text, va="center", fontsize=7.5)
        ax.set_yticks(range(len(labels)), labels, fontsize=8)
        for i in headers:
            ax.get_yticklabels()[i].set_fontweight("bold")
        ax.set_ylim(len(labels) - 0.4, -0.6)
        ax.set_xscale("log")
        amounts = [r.amount_oku for _, r in bars]
        ax.set_xlim(min(amounts) * 0.5, max(amounts) * 400)
        ax.set_xlabel("概算要求額（億円・対数目盛）")
        ax.set_title(f"{by}の概算要求額（1本＝1項目。金額は合計していません）", fontsize=10, pad=26)
        ax.grid(axis="x", color="#dddddd", linewidth=0.5)
        ax.legend(
            handles=[
                Patch(facecolor="#4c78a8", label="要求額"),
                Patch(facecolor="#f3c98b", hatch="///", edgecolor="#b7791f", label="内数（他の予算の一部。合計不可）"),
            ],
            loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, fontsize=8, frameon=False,
        )
        # Fixed margins instead of tight_layout(), which costs a third of a second per chart.
        inch = 1 / height
        fig.subplots_adjust(left=0.37, right=0.98, top=1 - 0.75 * inch, bottom=0.6 * inch)
    return fig


_image_cache: dict[tuple[tuple[str, ...], str], bytes] = {}
_image_lock = threading.Lock()


def chart_png(records: list[Record], by: GroupBy = "柱別") -> bytes:
    """The chart as PNG bytes, cached per selection: drawing one takes about half a second."""
    key = (tuple(r.id for r in records), by)
    with _image_lock:
        png = _image_cache.get(key)
    if png is None:
        buf = io.BytesIO()
        chart(records, by).savefig(buf, format="png")
        png = buf.getvalue()
        with _image_lock:
            if len(_image_cache) > 64:
                _image_cache.clear()
            _image_cache[key] = png
    return png


def chart_image(records: list[Record], by: GroupBy = "柱別") -> "Image":
    """The chart as a PIL image (for callers that want one)."""
    from PIL import Image as PILImage

    return PILImage.open(io.BytesIO(chart_png(records, by)))


def chart_alt(records: list[Record], by: GroupBy) -> str:
    """The chart's text alternative: what it shows, and where the same figures are as text."""
    charted = [r for _, items in _groups(records, by) for r, _ in items]
    naisu = sum(1 for r in charted if r.is_naisu)
    return (
        f"{by}の概算要求額の横棒グラフ（対数目盛）。{len(charted)}本のバーのうち{naisu}本が内数です。"
        "同じ金額は上の表にあります。"
    )


def chart_html(records: list[Record], by: GroupBy = "柱別") -> str:
    """The chart as an inline PNG with alt text: no image buttons, nothing to share, nothing fetched elsewhere."""
    data = base64.b64encode(chart_png(records, by)).decode("ascii")
    return (
        f'<figure class="chart" tabindex="0"><img src="data:image/png;base64,{data}" alt="{html.escape(chart_alt(records, by))}">'
        "</figure>"
    )


def phone_table_css(element_id: str = "budget-table", breakpoint_px: int = 720) -> str:
    """On a narrow screen the table keeps readable columns and scrolls sideways, the first column sticky.

    Gradio sizes each cell inline from the percentages and the screen width (one character wide on a
    phone), so these rules override the cells' widths with !important.
    """
    rules = []
    for i, share in enumerate(COLUMN_WIDTHS, start=1):
        px = round(PHONE_TABLE_PX * share / 100)
        size = f"width: {px}px !important; min-width: {px}px !important; max-width: {px}px !important;"
        rules.append(f"#{element_id} th:nth-child({i}), #{element_id} .body-cell:nth-child({i}) "
                     f"{{ {size} flex: 0 0 {px}px !important; }}")
    sticky = (f"#{element_id} th:first-child, #{element_id} .body-cell:first-child "
              "{ position: sticky !important; left: 0; z-index: 3; background: var(--background-fill-primary); }")
    return f"@media (max-width: {breakpoint_px}px) {{ {' '.join(rules)} {sticky} }}"
