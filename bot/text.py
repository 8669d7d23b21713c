"""Japanese text handling: normalisation, amounts in 億円, and Sudachi tokens (one tokenizer per thread)."""

from __future__ import annotations

import re
import threading
import unicodedata
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from functools import lru_cache

from sudachipy import Dictionary, SplitMode

# Sudachi rejects inputs over 49,149 bytes; 12,000 chars is under that even at 4 bytes a char.
_MAX_TOKENIZE_CHARS = 12_000
_DROP_POS = {"補助記号", "空白", "助詞", "助動詞"}
_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(兆|億|万)円")
_UNIT_IN_OKU = {"兆": 10_000.0, "億": 1.0, "万": 1e-4}


def normalize(text: str) -> str:
    """NFKC (full-width digits/letters → half-width, （）→()), wave dashes unified, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("〜", "～").replace("~", "～")
    return re.sub(r"\s+", " ", text).strip()


def compact(text: str) -> str:
    """Normalised text without spaces or thousands separators, for substring comparisons of figures."""
    text = normalize(text)
    text = re.sub(r"(?<=\d),(?=\d)", "", text)
    return re.sub(r"\s+", "", text)


def parse_amount_oku(text: str) -> float | None:
    """The first money amount in ``text`` expressed in 億円 (兆円 ×10,000; 万円 ÷10,000)."""
    m = _AMOUNT.search(normalize(text))
    if not m:
        return None
    return float(m.group(1).replace(",", "")) * _UNIT_IN_OKU[m.group(2)]


def amounts_oku(text: str) -> list[tuple[int, int, float]]:
    """Every money amount in ``text`` (NFKC-normalised) as (start, end, value in 億円), in order."""
    return [(m.start(), m.end(), float(m.group(1).replace(",", "")) * _UNIT_IN_OKU[m.group(2)])
            for m in _AMOUNT.finditer(normalize(text))]


def money_parts(text: str) -> list[tuple[str, str, str]]:
    """Every money amount in ``text`` (NFKC-normalised) as written, its digits without commas, and its unit (兆, 億, 万):
    the same digits with another unit are a slip, which a comparison by value would miss."""
    return [(m.group(0), m.group(1).replace(",", ""), m.group(2)) for m in _AMOUNT.finditer(normalize(text))]


def plain_figure(text: str) -> str:
    """A figure as written, for finding it in other text: NFKC, no spaces, no thousands commas (６，０００万人 → 6000万人)."""
    return re.sub(r"(?<=\d),(?=\d)", "", re.sub(r"\s+", "", normalize(text)))


def writes_figure(figure: str, text: str) -> bool:
    """Whether ``text`` writes ``figure`` (as :func:`plain_figure` spells both) whole: 「4億円」 is not in 「2,444億円」."""
    return re.search(r"(?<![\d.])" + re.escape(figure), plain_figure(text)) is not None


_OKU_MAN = re.compile(r"(\d+)億(\d{1,4})万円")
_CHOU_OKU = re.compile(r"(?<![\d.,])(\d+)兆(\d{1,4}(?:\.\d+)?)億円")


def oku_figures(text: str) -> str:
    """兆, 億 and 万 written as one figure in 億円, as the document writes it: 183億7000万円 → 183.7億円, 2兆444億円 →
    20444億円."""
    text = _CHOU_OKU.sub(lambda m: f"{int(m.group(1)) * 10000 + float(m.group(2)):g}億円", text)
    return _OKU_MAN.sub(lambda m: f"{int(m.group(1)) + int(m.group(2)) / 10000:g}億円", text)


_FY = re.compile(r"(?<![A-Za-z])FY\s*'?(\d{4}|\d{2})(?!\d)|(?<!\d)(\d{4})\s*FY(?![A-Za-z])", re.IGNORECASE)


def fiscal_years(text: str) -> str:
    """「FY2026」「2026FY」 as Japanese writes them, 2026年度; a two-digit FY26 is 2026年度 too."""

    def year(m: re.Match[str]) -> str:
        digits = m.group(1) or m.group(2)
        return f"{int(digits) + 2000 if len(digits) == 2 else int(digits)}年度"

    return _FY.sub(year, text)


def format_oku(value: float) -> str:
    """A figure in 億円 written the way the document writes it (1 decimal unless integral)."""
    if abs(value - round(value)) < 1e-9:
        return f"{int(round(value)):,}億円"
    return f"{value:,.1f}億円"


def numbers_in(text: str) -> list[str]:
    """Every figure in ``text`` by value, as strings: what the grounding rule compares.

    NFKC and commas removed; kanji and mixed numerals read as figures (一兆円, 8千億円, 二倍); a figure
    with 兆/億/万 is multiplied out (1兆円 and 10,000億円 are both 1000000000000) and 割 is read as
    percent (三割 is 30), so a draft cannot pass by restating a figure in another unit or script.
    A plain number keeps its own spelling (17.0 stays 17.0).
    """
    return [_figure_value(m.group(0), m.end(), text) for text in [arabic_numerals(compact(text))]
            for m in _FIGURE.finditer(text)]


# Hand-written: the numeral libraries on PyPI either read bare kanji words (一部 → 1) or drop the unit,
# and the grounding rule must do neither; the grammar is small (digits, 十百千 within a group of four,
# 万億兆 between groups).
KANJI_DIGITS = "〇一二三四五六七八九"
"""The kanji for 0 to 9, in order: KANJI_DIGITS[n] writes n."""
_KANJI_DIGITS = dict(zip(KANJI_DIGITS, "0123456789"))


ROMAJI_WORD = re.compile(r"[A-Za-z]+")
ROMAJI_PARTICLES = {"wa": "は", "wo": "を", "tte": "って"}
"""Particles romaji writes as they sound: the topic marker wa is は, the object marker wo is を; the spoken topic
marker tte is って (which the kana check would refuse for its leading っ)."""
ROMAJI_GRAMMAR = frozenset({"wa", "no", "ga", "wo", "ni", "de", "to", "mo", "ka", "desu", "masu", "arimasu", "shimasu"})
"""Particles and endings every Japanese sentence has: romaji without them is another language."""
MIN_ROMAJI_WORDS = 3
"""Fewer words that read as romaji is chance (「no」 in 「Yes or no」), not a question written in romaji."""
_ANY_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def romaji_as_kana(text: str) -> str:
    """A question written in romaji (「Tokutei chiiki zukuri jigyou wa 7.6 oku en desu ka?」) in hiragana, word by word,
    so that the kana reader can read it; English words (budget, ministry) and text with any Japanese in it stay as
    they are. By jaconv; a word is romaji when it becomes kana alone (no letter left, no っ at either end or twice)."""
    if _ANY_JAPANESE.search(text):
        return text
    words = ROMAJI_WORD.findall(text)
    kana = {w: _as_kana(w.lower()) for w in set(words)}
    read = [w for w in words if kana[w]]
    particles = [w for w in words if w.lower() in ROMAJI_GRAMMAR]
    if len(read) < MIN_ROMAJI_WORDS or 4 * len(read) < 3 * len(words) or len(particles) < MIN_ROMAJI_WORDS - 1:
        return text  # English (「Please tell me the amount」), or a few words that happen to read as kana
    return ROMAJI_WORD.sub(lambda m: kana[m.group(0)] or m.group(0), text)


def _as_kana(word: str) -> str:
    import jaconv  # only for questions in Latin letters

    if word in ROMAJI_PARTICLES:
        return ROMAJI_PARTICLES[word]
    kana = jaconv.alphabet2kana(word)
    whole = re.fullmatch(r"[ぁ-ゖー]+", kana) and not kana.startswith(("っ", "ー", "ん")) and not kana.endswith("っ")
    # English spellings read as no Japanese word is written: small vowels (the → てぇ), ll (tell → てっる), di (ぢ)
    return kana if whole and not re.search(r"っっ|っ[あ-おな-のま-もや-よら-ろわをん]|[ぁぃぅぇぉゎぢゐゑ]", kana) else ""


def digit_value(ch: str) -> int:
    """One digit, Arabic or kanji (二 → 2)."""
    return int(_KANJI_DIGITS.get(ch, ch))


_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_MYRIADS = {"万": Decimal(10) ** 4, "億": Decimal(10) ** 8, "兆": Decimal(10) ** 12}
_NUMERAL_RUN = re.compile(
    r"(?<![数何幾])[0-9.〇一二三四五六七八九十百千万億兆]*[〇一二三四五六七八九十百千][0-9.〇一二三四五六七八九十百千万億兆]*"
    r"(?=円|倍|割|件|人|年|か所|ヶ所|カ所|箇所|校|団体|自治体|%)"
)
"""A numeral with at least one kanji numeral, followed by a unit or counter (第一, 一部, 一覧 are words)."""
_FIGURE = re.compile(r"(?:\d+(?:\.\d+)?[兆億万])+(?:\d+(?:\.\d+)?)?|\d+(?:\.\d+)?")
_GROUP = re.compile(r"(\d+(?:\.\d+)?)([兆億万]?)")


_KANJI_POINT = re.compile(r"(?<=[〇一二三四五六七八九])(?:・|点)(?=[〇一二三四五六七八九]+[万億兆]?円)")
"""A decimal point written between kanji digits of an amount, as 中黒 in vertical text (三九〇・六億円) or as read aloud
(八点一億円)."""
_KANJI_VERSION = re.compile(r"(?<![〇一二三四五六七八九十百千])([一二三四五六七八九])(?:・|\.|点)〇(?![〇一二三四五六七八九十百千])")
"""A version number in kanji (地方創生二・〇, CCRC二点〇): 2.0, as names write it."""


def arabic_numerals(text: str) -> str:
    """Kanji and mixed numerals before a unit in Arabic digits, myriads kept: 八十億円 → 80億円, 8千億円 → 8000億円,
    三九〇・六億円 and 八点一億円 → 390.6億円 and 8.1億円; a version number 二・〇 → 2.0."""
    text = _KANJI_VERSION.sub(lambda m: _KANJI_DIGITS[m.group(1)] + ".0", text)
    return _NUMERAL_RUN.sub(lambda m: _arabic_run(m.group(0)), _KANJI_POINT.sub(".", text))


def _arabic_run(run: str) -> str:
    parts = re.split(r"([万億兆])", run)
    return "".join(p if p in _MYRIADS else _arabic_group(p) for p in parts if p)


def _arabic_group(group: str) -> str:
    """One group below 万: 二千二十五 → 2025, 8千 → 8000, 二〇二五 → 2025."""
    if not any(ch in _SMALL_UNITS for ch in group):
        return "".join(_KANJI_DIGITS.get(ch, ch) for ch in group)
    total, digits = Decimal(0), ""
    for ch in group:
        if ch in _SMALL_UNITS:
            total += _decimal(digits, Decimal(1)) * _SMALL_UNITS[ch]
            digits = ""
        else:
            digits += _KANJI_DIGITS.get(ch, ch)
    return _plain(total + _decimal(digits, Decimal(0)))


def _decimal(digits: str, default: Decimal) -> Decimal:
    """``digits`` as a Decimal; ``default`` when there are none (十 is 1×10) or they do not read (「1..2」)."""
    try:
        return Decimal(digits) if digits else default
    except InvalidOperation:
        return default


def _figure_value(figure: str, end: int, text: str) -> str:
    """A figure's value: 兆/億/万 multiplied out, 割 as percent; a plain number as written."""
    groups = _GROUP.findall(figure)
    percent = text.startswith("割", end)
    if len(groups) == 1 and not groups[0][1] and not percent:
        return figure
    value = sum((Decimal(num) * _MYRIADS.get(unit, Decimal(1)) for num, unit in groups), Decimal(0))
    return _plain(value * 10 if percent else value)


def _plain(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros: 244400000000, 2.5."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@lru_cache(maxsize=1)
def _dictionary() -> Dictionary:
    return Dictionary(dict="core")


_local = threading.local()


def _tokenizer():
    """SudachiPy tokenizers are not thread-safe ('Tokenizer is already in use'): one per thread."""
    tok = getattr(_local, "tokenizer", None)
    if tok is None:
        tok = _dictionary().tokenizer()
        _local.tokenizer = tok
    return tok


def morphemes(text: str, mode: str = "C") -> list[tuple[str, str, str]]:
    """(surface, normalized_form, coarse POS) of each content morpheme; particles and symbols dropped."""
    split = {"A": SplitMode.A, "B": SplitMode.B, "C": SplitMode.C}[mode]
    text = normalize(text)[:_MAX_TOKENIZE_CHARS]
    if not text:
        return []
    out = []
    for m in _tokenizer().tokenize(text, split):
        pos = m.part_of_speech()[0]
        if pos in _DROP_POS:
            continue
        out.append((m.surface(), m.normalized_form().lower(), pos))
    return out


def lexical_tokens(text: str) -> list[str]:
    """Tokens for BM25: fine (mode A) normalised forms plus whole compounds (mode C) when they differ."""
    return list(_lexical_tokens(text))


@lru_cache(maxsize=8192)
def _lexical_tokens(text: str) -> tuple[str, ...]:
    # Cached: record texts and sentences are tokenised again for every question that cites them.
    fine = [n for _, n, _ in morphemes(text, "A")]
    coarse = [n for _, n, _ in morphemes(text, "C")]
    fine_set = set(fine)
    return tuple(fine + [t for t in coarse if t not in fine_set])


class Morpheme(tuple):
    """(surface, normalized, pos, pos_detail, reading, pos_kind) of one morpheme (mode C)."""

    __slots__ = ()

    surface = property(lambda self: self[0])
    normalized = property(lambda self: self[1])
    pos = property(lambda self: self[2])
    proper = property(lambda self: self[3] == "固有名詞")
    reading = property(lambda self: self[4])
    place = property(lambda self: self[3] == "固有名詞" and self[5] == "地名")


@lru_cache(maxsize=8192)
def all_morphemes(text: str) -> tuple[Morpheme, ...]:
    """Every mode-C morpheme with its detailed POS and reading, for reading a question closely. Cached: several
    rules read the same sentence of one question (whose story it tells, whether it speaks of the document)."""
    text = normalize(text)[:_MAX_TOKENIZE_CHARS]
    out = []
    for m in _tokenizer().tokenize(text, SplitMode.C) if text else []:
        pos = m.part_of_speech()
        out.append(Morpheme((m.surface(), m.normalized_form().lower(), pos[0], pos[1], m.reading_form(), pos[2])))
    return tuple(out)


def to_hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def to_katakana(text: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)


@lru_cache(maxsize=4096)
def reading(text: str) -> str:
    """The katakana reading of ``text`` (symbols and spaces dropped), to match kana-only questions."""
    text = normalize(text)[:_MAX_TOKENIZE_CHARS]
    if not text:
        return ""
    return "".join(
        m.reading_form() for m in _tokenizer().tokenize(text, SplitMode.C) if m.part_of_speech()[0] not in ("補助記号", "空白")
    )


def starts_of(needle: str, text: str) -> list[int]:
    """Where ``needle`` starts in ``text``, left to right, not overlapping (as ``re.finditer`` of the escaped needle), without
    compiling a pattern per phrase: phrases vary per question and would churn ``re``'s cache."""
    found, at = [], text.find(needle) if needle else -1
    while at != -1:
        found.append(at)
        at = text.find(needle, at + len(needle))
    return found


def shared_run(needle: str, haystack: str) -> int:
    """Length of the longest run of ``needle`` found in ``haystack`` (a kana question against a reading)."""
    m = SequenceMatcher(None, needle, haystack, autojunk=False).find_longest_match(0, len(needle), 0, len(haystack))
    return m.size
