"""Finding the records an answer may use: by the kind of question, a search re-ranked, or a selection.

Most questions are a hybrid search re-ranked by how much of the question each record covers; a list
over a named scope selects by metadata; a question about the document itself takes its title block;
「同じところの他の事業は？」 takes the earlier measure's section.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection

from bot.config import Settings
from bot.models import Record
from bot.qa.question import Question
from bot.qa.rerank import Scores, rerank
from bot.qa.vocabulary import Vocabulary
from bot.qa.wording import is_total
from bot.search.index import RecordIndex
from bot.search.retriever import LIST_KINDS, HybridRetriever, select
from bot.text import all_morphemes, compact, format_oku, normalize, plain_figure, writes_figure
from bot.timing import Stopwatch

RELATED_SHARE = 0.8
"""An open list question keeps the records scoring at least this share of the best one."""
ITEM_COVERAGE = 0.5
"""Share of a phrase's words the record found for it must hold to be the item it names."""
CLEAR_LEAD = 2.0
"""A searched item ranked this many times above the next holds the phrase with less of its words (「地域データの分析
ツール（RESAS」: the RESAS line, 0.47 of the words, far ahead of any other)."""
LEADER_COVERAGE = 0.4
"""The share of a phrase's words such a clear leader must still hold."""
AGREED_COVERAGE = 0.33
"""The share of a phrase's words an item both searches (words and meaning) rank first must hold: two rankers agreeing
stand for the words a description in everyday terms does not share with the title (「住んでなくても町に登録できる制度」)."""
FOUND_AMONG = 2
"""How many of the best-ranked items a phrase searched for may name (the first that holds enough of it)."""
PROJECT = "事業"
"""What the asker calls a thing and the document calls its budget lines (「…推進事業」), not its measures (「…の推進」)."""
MIN_CANDIDATES = 10
"""Retrieval fetches at least this many records for the re-ranker, whatever ``top_k`` shows."""

Found = tuple[tuple[Record, ...], tuple[Scores, ...]]


def _names_another(q: Question) -> bool:
    """The question names a measure besides the part of the total it asks of, the total and what it rules out
    (「2〜5の合計額と、交付金の増加分、どっちが大きい？」)."""
    return bool(q.named_items - {q.group, *q.profile.breakdown[:1]} - q.excluded_items)


def _unranked(records: list[Record]) -> Found:
    """Records chosen without ranking (by metadata or by the conversation): no retrieval scores to report."""
    return tuple(records), tuple({} for _ in records)


class Evidence:
    """The retriever, the re-ranker and the selections over one index, built once per process."""

    def __init__(self, index: RecordIndex, lines: list[str], settings: Settings, vocab: Vocabulary) -> None:
        self.index = index
        self.lines = lines
        self.settings = settings
        self.vocab = vocab
        self._idf: dict[str, float] = {}
        mode = settings.retrieval_mode
        self.retriever = HybridRetriever(
            index=index,
            k=max(settings.top_k, MIN_CANDIDATES),
            lexical_weight=0.0 if mode == "dense" else 1.0,
            dense_weight=0.0 if mode == "lexical" else 1.0,
        )

    def idf(self, term: str) -> float:
        """Inverse document frequency of a word over the records (cached: the corpus is fixed)."""
        cached = self._idf.get(term)
        if cached is None:
            df = self.vocab.df(term)
            cached = self._idf[term] = math.log((len(self.vocab.record_texts) + 1) / (df + 1)) + 1.0
        return cached

    def find(self, q: Question, watch: Stopwatch | None = None) -> Found:
        """By the kind of question: the title block, the earlier measure's section, a scope, or a search.

        ``watch`` (if given) times the search's stages and the re-ranking.
        """
        watch = watch or Stopwatch()
        if q.intent == "document":  # its title block; the request's total too when another year is claimed of the paper
            wrong = q.paper_year_claimed and not q.own_fiscal_year(q.paper_year_claimed)
            head = [self.index.by_id[i] for i in q.profile.breakdown[:1] if wrong and i in self.index.by_id]
            return _unranked([r for r in self.index.records if r.kind == "headline" and not r.amount_text][:1] + head)
        if q.group and q.intent == "share" and q.named_item:  # 「Aって、2～5の計のうち何割？」: A, then the group's line
            return _unranked([self.index.by_id[q.named_item], self.index.by_id[q.group]])
        if q.group and q.intent == "amount":
            return _unranked([self.index.by_id[q.group]])
        if q.group and q.intent == "sum":  # 「2.～5.の主な事業を全部足すと？」: the group's line, then its 主な事業 lines
            return _unranked([self.index.by_id[q.group], *_in_group(self.index.records, q)])
        if q.pillars_named and q.intent == "sum":  # 「4.と5.の主な事業、まとめていくら？」: the lines of each pillar, in order
            return _unranked([r for p in q.pillars_named for r in self.index.records
                              if r.kind in LIST_KINDS and normalize(r.pillar or "").startswith(p)])
        if q.intent == "breakdown":
            return _unranked([self.index.by_id[i] for i in q.profile.breakdown])
        if q.intent == "comparison" and q.group in q.profile.breakdown[1:] and not (q.items or _names_another(q)):
            return _unranked([self.index.by_id[i] for i in q.profile.breakdown])  # 「2.～5.は前年度と比べて？」: the 内訳
        if q.intent == "items" or (q.intent == "comparison" and q.items):  # 「全体と交付金、増えた分はそれぞれ」
            return _unranked([self.index.by_id[i] for i in q.items])
        if q.other_item or q.ordinal_item:  # 「もう一つの方は？」「後者は？」
            return _unranked([self.index.by_id[q.other_item or q.ordinal_item]])
        if q.intent == "figure":
            return _unranked(self._writing(q.looked_up_figure or ""))
        if q.intent == "superlative" and q.group:  # 「2.～5.のうち一番大きいのは？」: the group's own lines
            return _unranked(_in_group(self.index.records, q))
        if q.intent == "ministry_counts" or (q.intent == "superlative" and q.ranks_by_ministries):
            return _unranked([r for r in self.index.records if r.kind in LIST_KINDS and r.ministries])
        if q.ranks_all:
            # 「一番大きい施策は？」 ranks every measure; 「一番小さい主な事業は？」 every 主な事業 line item
            kinds = ("line_item",) if q.asks_listed_items else LIST_KINDS
            return _unranked([r for r in self.index.records if r.kind in kinds])
        if q.whole_budget:  # 「総額は？」「去年より増えた？」: the headline total
            return _unranked([r for r in self.index.records if is_total(r)][:1])
        if q.same_section and q.previous is not None:
            return _unranked(self._same_section(q.previous, watch))
        if q.scoped_list:
            chosen = [r for pillar in (q.pillars_named or (q.pillar,))  # 「(3)と(4)の中で事項要求の施策は？」: each
                      for r in select(self.index.records, ministries=q.ministries or (), pillar=pillar, flags=q.flags,
                                      flag_negated=q.flag_negated, amount_oku=q.asked_amount, amount_bound=q.asked_bound,
                                      unpriced=q.asks_unpriced)]
            if q.asks_listed_items:  # 「主な事業のうち、5億円を超えてるもの」「主な事業の中で事項要求は」: the 主な事業 lines
                chosen = [r for r in chosen if r.kind == "line_item"] or chosen
            if q.group and q.intent == "list":  # 「2.～5.で事項要求になっている事業は？」: the group's own lines
                chosen = [r for r in chosen if q.profile.in_group(q.group, r)] or chosen
            if not chosen and q.asked_amount is not None and not q.asked_bound:  # a figure no measure requests: the lines that state it
                chosen = self._writing(plain_figure(format_oku(q.asked_amount)))
            if q.mentioned:  # 「ドローンを使う話が出てくる施策」: those that write it
                chosen = [r for r in chosen if all(self._writes(r, w) for w in q.mentioned)]
            if q.asks_only and q.ministries:  # 「文科省だけが担当の施策」: that ministry alone, when there is one
                chosen = [r for r in chosen if set(r.ministries) == set(q.ministries)] or chosen
            return _unranked(chosen)
        hits = self._ranked(q, watch, reorder=self.settings.retrieval_mode == "hybrid")
        records, scores = tuple(r for r, _ in hits), tuple(s for _, s in hits)
        if q.intent == "list" and records:
            return self._related(records, scores)
        if (q.intent == "share" or q.whole_said) and not any(is_total(r) for r in records):
            # 「全体で2,037億円と聞きましたが、交付金は？」: the headline total, to check the figure said of it
            total = [r for r in self.index.records if is_total(r)]
            return records + tuple(total), scores + tuple({"rrf": 0.0, "dense": 0.0, "coverage": 0.0} for _ in total)
        return records, scores

    def find_item(self, phrase: str, avoid: Collection[str] = ()) -> str | None:
        """The record a phrase describes in everyday words (「地元の大学向けの交付金」), found by searching for the phrase:
        the best match when it holds at least :data:`ITEM_COVERAGE` of the phrase's words, else None (not evidence).
        ``avoid``: records another phrase of the question already names; the phrase is read as if they were not there,
        and the one found must hold more of the phrase than they do (else it is no other name, but a
        second way of naming the same)."""
        hits = self._ranked(Question(text=phrase, vocab=self.vocab), Stopwatch())
        held = max((s["coverage"] for r, s in hits if r.id in avoid), default=0.0)
        items = [(r, s) for r, s in hits
                 if (r.kind in LIST_KINDS or (r.kind == "headline" and r.amount_text)) and r.id not in avoid]
        # the best-ranked item that holds enough of the phrase: a near second holds what the first lacks
        # (「脱炭素の工業団地をつくる取組」: GX産業立地, ranked under a record that only says 脱炭素)
        top = next(((r, s) for r, s in items[:FOUND_AMONG] if s["coverage"] >= ITEM_COVERAGE), None)
        head = head_noun(phrase)
        titled = [r for r, _ in items[:FOUND_AMONG + 2] if head and head in compact(r.title)]
        if head and len(titled) == 1 and (top is None or head not in compact(top[0].title)):
            # 「専門家が寄り添って支援する伴走支援」: the phrase's last noun is what it names, and one title writes
            # it (地方創生伴走支援事業), though a longer text shares more of the description's other words
            top = next((r, s) for r, s in items if r is titled[0])
        if phrase.endswith(PROJECT) and (top is None or not top[0].title.endswith(PROJECT)):
            # 「都会のプロ人材を地方の会社に紹介する事業」: a line the document calls a 事業, ranked near, before a measure;
            # its line is a bare title, so it holds fewer of a description's words than a measure's text does
            top = next(((r, s) for r, s in items[:FOUND_AMONG + 2]
                        if r.title.endswith(PROJECT) and s["coverage"] >= LEADER_COVERAGE), top)
        if top is None and items and items[0][1]["coverage"] >= LEADER_COVERAGE and (
                len(items) == 1 or items[0][1]["final"] >= CLEAR_LEAD * items[1][1]["final"]):
            top = items[0]
        if top is None and items and items[0][1]["coverage"] >= AGREED_COVERAGE and (
                items[0][1].get("bm25_rank") == items[0][1].get("dense_rank") == 1.0):
            top = items[0]
        return top[0].id if top is not None and (not avoid or top[1]["coverage"] > held) else None

    def find_section(self, phrase: str) -> str | None:
        """The heading a phrase describes in other words (「人口が減っても…サービスを守るための拠点づくり」 of the pillar
        whose lead says so): the best-ranked section among the first :data:`FOUND_AMONG` that holds at least
        :data:`ITEM_COVERAGE` of the phrase's words, else None."""
        hits = self._ranked(Question(text=phrase, vocab=self.vocab), Stopwatch())
        return next((r.id for r, s in hits[:FOUND_AMONG] if r.kind == "section" and s["coverage"] >= ITEM_COVERAGE), None)

    def _writes(self, r: Record, word: str) -> bool:
        """The record's title or text writes the word, or the document's word for it."""
        text = compact(" ".join([r.title, *r.body]))
        return any(compact(w) in text for w in [word, *self.vocab.lexicon.meanings(word)])

    def _writing(self, written: str) -> list[Record]:
        """The records whose amount or text writes this figure (as :func:`plain_figure` spells both), whole:
        「4億円」 is not inside 「2444億円」."""
        return [r for r in self.index.records if writes_figure(written, " ".join(
            [r.amount_text or "", format_oku(r.prev_amount_oku) if r.prev_amount_oku is not None else "", *r.body]))]

    def _ranked(self, q: Question, watch: Stopwatch, reorder: bool = True) -> list[tuple[Record, Scores]]:
        hits = [h for h in self.retriever.search(q.retrieval_text, watch=watch) if h[0].id not in q.excluded_items]
        with watch.stage("rerank"):
            return rerank(q, hits, self.index, self.lines, self.settings.top_k, self.idf, reorder=reorder)

    def _same_section(self, previous: Question, watch: Stopwatch) -> list[Record]:
        """The other records under the same heading as the earlier question's best record."""
        hits = self._ranked(previous, watch)
        if not hits:
            return []
        top = hits[0][0]
        return [r for r in self.index.records
                if r.kind in LIST_KINDS and r.heading_path == top.heading_path and r.id != top.id]

    @staticmethod
    def _related(records: tuple[Record, ...], scores: tuple[Scores, ...]) -> Found:
        """For an open list question keep the records scoring close to the best one."""
        top = scores[0]["final"]
        kept = [(r, s) for r, s in zip(records, scores) if s["final"] >= RELATED_SHARE * top and r.kind in LIST_KINDS]
        if not kept:
            kept = [(records[0], scores[0])]
        return tuple(r for r, _ in kept), tuple(s for _, s in kept)


def _in_group(records: list[Record] | tuple[Record, ...], q: Question) -> list[Record]:
    """The 主な事業 lines under the pillars of the group the question names (「2.～5.」: pillars 2 to 5), by the
    number each pillar label starts with."""
    return [r for r in records if q.group and q.profile.in_group(q.group, r)]


HEAD_MIN_CHARS = 4
"""A shorter last noun (支援, 事業) names nothing on its own."""


def head_noun(phrase: str) -> str:
    """The compound noun a phrase ends with (「…寄り添って支援する伴走支援」 → 伴走支援), without a trailing 事業 or 取組
    that every measure shares; "" when it is shorter than :data:`HEAD_MIN_CHARS` or the phrase ends otherwise."""
    if re.search(r"[、。,]", phrase):
        return ""  # a cut across a clause (「…のやつがだから、CCRC」) ends in a word of another sentence
    morphs = list(all_morphemes(phrase))
    while morphs and morphs[-1].surface in HEAD_GENERIC:
        morphs.pop()
    run = []
    for m in reversed(morphs):
        if m.pos not in ("名詞", "接尾辞"):
            break
        run.append(m.surface)
    head = "".join(reversed(run))
    return head if len(head) >= HEAD_MIN_CHARS else ""


HEAD_GENERIC = frozenset({"事業", "取組", "取り組み", "施策", "話", "の", "予算", "金額", "額", "方", "ほう"})
"""Words after the head that any measure could take (「…の事業」「…の話」)."""
