"""How the composers word things: amounts as the document writes them, quoted titles, flag notes,
and the sentence or clause of a record that holds what the question asks for."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.document.flags import FLAGS, added_grant
from bot.document.profile import PILLAR_RANGE
from bot.models import Record
from bot.qa.question import Question
from bot.qa.rerank import KANA_MIN_RUN
from bot.text import compact, format_oku, lexical_tokens, normalize, reading, shared_run

KANA_SENTENCE_WEIGHT = 3.0
"""A sentence read the way a kana-only question is written is very likely the one meant."""


def is_total(record: Record) -> bool:
    """The document's 総額 (the headline with a previous-year figure and 概算要求額 in its title)."""
    return record.kind == "headline" and record.prev_amount_oku is not None and "概算要求額" in record.title


def amount_label(record: Record) -> str:
    """The amount as the document writes it, with ＋ for the additions."""
    if not record.amount_text:
        return ""
    return re.sub(r"\s*[+＋]\s*", "＋", record.amount_text.replace("(", "（").replace(")", "）"))


def as_written(record: Record) -> str:
    """The record's figure as its line writes it (「2.0億円」, not 2億円): the figures of a computation are quoted."""
    value = record.amount_oku or 0.0
    for found in re.finditer(r"(\d[\d,]*(?:\.\d+)?)億円", record.amount_text or ""):
        if abs(float(found.group(1).replace(",", "")) - value) < 1e-9:
            return found.group(0)
    return format_oku(value)


def computed_like(value: float, records: Sequence[Record]) -> str:
    """A computed figure with the decimals of the figures it was computed from (2.7＋1.3 is 4.0億円, 17＋2 is 19億円)."""
    if any("." in as_written(r) for r in records) and abs(value - round(value)) < 1e-9:
        return f"{value:,.1f}億円"
    return format_oku(value)


def quote_title(record: Record) -> str:
    """The title in 「」, inner 「」 turned into 『』 as Japanese nests quotes."""
    title = record.title
    group = PILLAR_RANGE.match(normalize(title))
    if record.kind == "headline" and group:
        return f"「{group.group(1)}.～{group.group(2)}.」の合計"
    return "「" + title.replace("「", "『").replace("」", "』") + "」"


def clauses(sentence: str) -> list[str]:
    """Split a sentence at 、 outside brackets, so 「68の自治体（24県、44市町村）」 stays whole."""
    out, depth, cur = [], 0, ""
    for ch in sentence:
        depth += ch in "（(「『【"
        depth -= ch in "）)」』】"
        if ch == "、" and depth <= 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return [c.strip("。 ") for c in out if c.strip("。 ")]


def key_clause(question: Question, sentence: str) -> str:
    """The clause of ``sentence`` holding the figure the question asks for."""
    q_tokens = set(lexical_tokens(question.retrieval_text))
    best, best_score = sentence, -1.0
    for clause in clauses(sentence):
        score = len(q_tokens & set(lexical_tokens(clause))) + (2.0 if re.search(r"\d", clause) else 0.0)
        for i, unit in enumerate(question.wanted_figures):
            if unit.search(clause):
                score += 100.0 if i == 0 else 10.0  # the asked-for kind of figure decides, the most specific most
        if score > best_score:
            best, best_score = clause, score
    return re.sub(r"(?<=[）)」\d])(で|に|を|は|が|と|し)$", "", best)


def flag_notes(record: Record) -> str:
    notes = [FLAGS[f].note for f in record.flags if f in FLAGS and f != "調整中"]
    extra = [g for g in map(added_grant, record.flags) if g]
    if extra:
        notes.append(f"このほか{'、'.join(extra)}が加わります（金額の記載はありません）。")
    return "".join(notes)


def notes_once(records: list[Record]) -> str:
    """Each flag's note once, for the flags any of several records carries (two (内数) amounts get one note)."""
    return "".join(FLAGS[w].note for w in FLAGS if any(w in r.flags for r in records))


def ministries_label(record: Record) -> str:
    return "、".join(record.ministries)


def question_overlap(question: Question, record: Record) -> float:
    """Share of the question's own words found in the record: how much the record is what was asked."""
    terms = [t for t in question.focus_terms if t not in question.unknown_terms]
    if not terms:
        return 0.0
    text = compact(" ".join([*record.heading_path, record.title, record.amount_text or "", *record.body]))
    return sum(1 for t in terms if compact(t) in text) / len(terms)


def sentences(record: Record) -> list[str]:
    out: list[str] = []
    for b in record.body:
        out.extend(s + ("。" if not s.endswith("。") else "") for s in re.split(r"(?<=。)", b) if s.strip())
    return out


NOTE_WEIGHT = 100.0
"""A question about what a marked word covers is answered by the note, whatever else it shares."""
BUILT_ON = re.compile(r"を(?:踏まえ|受け)て?、|を契機(?:に|として)、")
"""What a sentence says a measure is built on (「…事故の被害等を踏まえ」): what a question about its background asks."""

def best_sentence(question: Question, record: Record, prefer_numbers: bool = False) -> str | None:
    """The body sentence that shares most words with the question (figures preferred for targets)."""
    q_tokens = set(lexical_tokens(question.retrieval_text))
    q_terms = [compact(t) for t in question.content_terms]
    best, best_score = None, 0.0
    for s in sentences(record):
        s_tokens = set(lexical_tokens(s))
        score = len(q_tokens & s_tokens) + 2.0 * sum(1 for t in q_terms if t and t in compact(s))
        for run in question.kana_runs:
            size = shared_run(run, reading(s))
            score += KANA_SENTENCE_WEIGHT * size / len(run) if size >= KANA_MIN_RUN else 0.0
        if question.asks_note and s.lstrip().startswith(("※", "注")):
            score += NOTE_WEIGHT  # 「…等の「等」には何が含まれる？」: the note under the measure says
        if question.asks_background and BUILT_ON.search(s):
            score += NOTE_WEIGHT  # 「きっかけになった出来事は？」: the sentence that says what the measure is built on
        if prefer_numbers:
            score += 1.5 if re.search(r"\d", s) else 0.0
            # the asked kind first, the most specific (いつ before 自治体) most of all
            score += sum(100.0 if i == 0 else 10.0 for i, unit in enumerate(question.wanted_figures) if unit.search(s))
        if score > best_score:
            best, best_score = s, score
    return best
