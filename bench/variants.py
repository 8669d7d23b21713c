"""A grown corpus for the growth benchmark: the real document first, then variant editions of it.

A national deployment would index several years' editions and other ministries' summaries of the same
shape. Each variant is the real document's body (from its first heading on) with the years moved back
(past editions: a summary of a later year does not exist yet), every 億円 figure scaled, the ministries
permuted and policy words swapped (地方 → 広域, 交付金 → 補助金 …), all from one seeded random
generator, so a size always yields the same text. The real document comes first, unchanged, so its
records keep their line numbers and the eval's gold spans stay valid.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from bot.document.parser import parse_document

SWAPS: dict[str, tuple[str, ...]] = {
    "地方": ("広域", "圏域", "地区"),
    "地域": ("郷土", "域内", "流域"),
    "創生": ("振興", "再生", "活性化"),
    "交付金": ("補助金", "助成金"),
    "推進": ("強化", "加速"),
    "支援": ("助成", "後押し"),
    "大学": ("高専", "研究機関"),
    "観光": ("文化", "交流"),
    "人材": ("担い手", "人財"),
    "企業": ("事業者", "産業界"),
    "交通": ("物流", "移動"),
    "デジタル": ("ICT", "情報通信"),
    "拠点": ("センター", "ハブ"),
    "整備": ("構築", "充実"),
    "生活": ("くらし", "日常"),
    "産業": ("ものづくり", "サービス業"),
    "農林水産": ("食料", "水産"),
    "スタートアップ": ("ベンチャー", "新興企業"),
    "活躍": ("参画", "挑戦"),
    "取組": ("プロジェクト", "イニシアティブ"),
    "ふるさと": ("ゆかり", "地元"),
    "経済": ("市場", "産業構造"),
    "制度": ("仕組み", "スキーム"),
    "連携": ("協働", "協力"),
}
"""Policy words and what a variant writes instead: every one is replaced (the alternative drawn at random), so
no variant repeats an item name of the real document (every real title holds one of these words, but a total's)."""
KEEP_LINES = re.compile(r"【主な事業】")
"""Lines the parser reads as structure: never reworded."""
YEAR_SHIFTS = (-5, -4, -3, -2, -1, 0)
"""A variant is an earlier edition, or (0) another ministry's summary of the same year."""
SCALE = (0.3, 3.0)
"""Each 億円 figure is multiplied by a factor drawn from this range."""
SEPARATOR = "\n\n"


def _body(text: str) -> str:
    """The document from its first heading on (the title block before it belongs to the real document only)."""
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("#"))
    return "\n".join(lines[first:]).rstrip("\n")


def _scaled(raw: str, factor: float) -> str:
    """An amount scaled, written the way the document writes it (thousands separators, decimals)."""
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    value = max(float(raw.replace(",", "")) * factor, 10**-decimals if decimals else 1)
    return f"{value:,.{decimals}f}" if "," in raw else f"{value:.{decimals}f}"


def _alternation(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def variant(body: str, ministries: list[str], rng: random.Random) -> str:
    """One variant edition of ``body``: years shifted back, figures scaled, ministries permuted, words swapped."""
    shift = rng.choice(YEAR_SHIFTS)
    permuted = ministries[:]
    rng.shuffle(permuted)
    ministry_map = dict(zip(ministries, permuted))
    swaps = {w: rng.choice(alts) for w, alts in SWAPS.items()}
    swap_re = _alternation(list(swaps))
    ministry_re = _alternation(ministries) if ministries else None

    def line(text: str) -> str:
        text = re.sub(r"令和(\s*)(\d+)(\s*年)", lambda m: f"令和{m[1]}{int(m[2]) + shift}{m[3]}", text)
        text = re.sub(r"R(\d+)当初", lambda m: f"R{int(m[1]) + shift}当初", text)
        text = re.sub(r"(?<!\d)(20\d\d)(年)", lambda m: f"{int(m[1]) + shift}{m[2]}", text)
        text = re.sub(r"(\d[\d,]*(?:\.\d+)?)億円", lambda m: _scaled(m[1], rng.uniform(*SCALE)) + "億円", text)
        if ministry_re is not None:
            text = ministry_re.sub(lambda m: ministry_map[m[0]], text)
        if not KEEP_LINES.search(text):
            text = swap_re.sub(lambda m: swaps[m[0]], text)
        return text

    return "\n".join(line(t) for t in body.split("\n"))


_AMOUNT_TAIL = re.compile(r"(\s+(?:\d[\d,]*(?:\.\d+)?億円|事項要求)\s*)$")
_BRACKET = re.compile(r"\s*\**\s*【")


def _mark(line: str, label: str) -> str:
    """Puts ``label`` into the title a line carries, before any amount, so the parser still reads the line."""
    for pattern in (_AMOUNT_TAIL, _BRACKET):
        m = pattern.search(line)
        if m and m.start() > 0 and line[: m.start()].strip("-#*○ "):
            return line[: m.start()] + label + line[m.start():]
    if line.rstrip().endswith("**"):
        return line.rstrip()[:-2] + label + "**"
    return line.rstrip() + label


def _unique(text: str, seen: set[str], label: str) -> str:
    """The variant with a label added to any record that would repeat an id already used (ids are content hashes)."""
    for _ in range(3):
        lines = text.split("\n")
        records = parse_document(text)
        ids = [r.id for r in records]
        clashes = {r.line_start for i, r in enumerate(records) if r.id in seen or r.id in ids[:i]}
        if not clashes:
            seen.update(ids)
            return text
        for no in clashes:
            lines[no - 1] = _mark(lines[no - 1], label)
        text = "\n".join(lines)
    raise ValueError(f"variant {label} still repeats record ids after labelling")


def grown_corpus(text: str, size: int, seed: int = 0) -> str:
    """The real document followed by ``size - 1`` variants of its body: about ``size`` × its records."""
    if size < 1:
        raise ValueError("size must be at least 1")
    records = parse_document(text)
    ministries = sorted({m for r in records for m in r.ministries})
    body = _body(text)
    seen = {r.id for r in records}
    parts = [text.rstrip("\n")]
    for n in range(1, size):
        rng = random.Random(f"{seed}:{n}")
        parts.append(_unique(variant(body, ministries, rng), seen, f"（第{n}版）"))
    return SEPARATOR.join(parts) + "\n"


def write_grown_corpus(source: Path, size: int, directory: Path, seed: int = 0) -> Path:
    """Writes the grown corpus under ``directory`` (never into ``corpus/``) and returns its path."""
    path = directory / f"corpus-{size}x.md"
    path.write_text(grown_corpus(source.read_text(encoding="utf-8"), size, seed), encoding="utf-8")
    return path
