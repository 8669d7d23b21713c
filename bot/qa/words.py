"""The words of a question: its content words and their weights, noun phrases, and kana runs.

A mixin of :class:`~bot.qa.question.Question`; the vocabulary it filters by is data (``bot.qa.lexicon``).
"""

from __future__ import annotations

import re
from functools import cached_property

from bot.qa.lexicon import TURNING_WORDS
from bot.qa.vocabulary import Vocabulary
from bot.text import Morpheme, all_morphemes, to_katakana

AFTER_CHARS = 24
"""How much of a noun phrase's sentence after it is kept: enough for 「…の担い手を支援する予算」."""


OFFICE_ASKED = re.compile(r"(?:担当|所管)の役所|(?:どこの|どの)役所|役所(?:は|って)どこ")
"""The everyday word for the ministry in charge, asked about (「担当の役所はどこなん？」): not an office as the document's
行政 (「役所の窓口をまとめる」)."""


class QuestionWords:
    """Content words (nouns weigh more than verbs), runs of nouns, and runs of hiragana."""

    payload: str
    vocab: Vocabulary

    @cached_property
    def morphemes(self) -> tuple[Morpheme, ...]:
        """Every mode-C morpheme of the cleaned question, read once."""
        return all_morphemes(self.payload)

    @cached_property
    def _term_table(self) -> list[tuple[str, str, float]]:
        """(surface, normalized, weight) of each content word; intent and filler words removed.

        Nouns carry a question (weight 1); verbs and adjectives (移す, 困る) are often everyday wording (0.5).
        """
        out = []
        before: Morpheme | None = None
        for m in self.morphemes:
            word_before, before = before, m
            if m.pos not in ("名詞", "動詞", "形容詞", "接頭辞", "接尾辞", "形状詞"):
                continue
            surface, norm = m.surface, m.normalized
            if norm in self.vocab.stop_terms or surface in self.vocab.stop_terms or re.search(r"\d", surface) or surface.startswith("何"):
                continue  # 何人, 何か所: a question word, not what it is about
            if m.pos == "接尾辞" and word_before is not None and (word_before[3] == "数詞" or (
                    word_before.normalized in self.vocab.stop_terms or word_before.surface in self.vocab.stop_terms)) \
                    and word_before.surface + surface not in self.vocab.compact_text:
                continue  # the 用 of 「説明用に」, the 個 of 「もう一個」: bound to a word that says nothing of what is asked
                # (the 本 of 「一本にまとめる」 is the document's own 一本化)
            if m[3] == "数詞":
                continue  # the 一 of 「もう一つ」: a count, in kanji, not what it is about
            if len(surface) == 1 and not re.match(r"[\u4e00-\u9fff]", surface):
                continue
            if any(surface in alias and alias in self.payload for alias in self.vocab.lexicon.ministries):
                continue  # a piece of a ministry's name the question writes (国土, 交通 of 国土交通省)
            if surface == "役所" and OFFICE_ASKED.search(self.payload):
                continue  # 「担当の役所はどこ？」: the ministry in charge, asked in everyday words
            out.append((surface, norm, 1.0 if m.pos in ("名詞", "接頭辞", "接尾辞") else 0.5))
        return out

    @cached_property
    def terms(self) -> list[tuple[str, str]]:
        """(surface, normalized) content words of the payload."""
        return [(surface, norm) for surface, norm, _ in self._term_table]

    @cached_property
    def _weights(self) -> dict[str, float]:
        return {surface: w for surface, _, w in self._term_table}

    def weight(self, term: str) -> float:
        return self._weights.get(term, 1.0)

    @cached_property
    def content_terms(self) -> list[str]:
        return [s for s, _ in self.terms]

    @cached_property
    def own_nouns(self) -> list[str]:
        """Nouns of this question itself (not of the one it follows up)."""
        return [t for t in self.content_terms if self.weight(t) >= 1.0]

    @cached_property
    def phrase_spans(self) -> list[tuple[str, list, str, str]]:
        """(phrase, its morphemes, the two morphemes right after it, the rest of its sentence after it, at most
        :data:`AFTER_CHARS`) for each run of nouns in the question."""
        out: list[tuple[str, list, str, str]] = []
        chunk: list = []
        morphs = self.morphemes
        for i, m in enumerate([*morphs, None]):
            if m is not None and m.pos in ("名詞", "接頭辞", "接尾辞") and not re.search(r"\d", m.surface):
                if chunk or m.surface not in TURNING_WORDS:
                    chunk.append(m)
                continue
            if chunk:
                phrase = "".join(x.surface for x in chunk)
                after = "".join(x.surface for x in morphs[i : i + 2]) if m is not None else ""
                rest = "".join(x.surface for x in morphs[i:]) if m is not None else ""
                out.append((phrase, chunk, after, re.split(r"(?<=[。？?！!])", rest[:AFTER_CHARS])[0]))
            chunk = []
        return out

    @cached_property
    def noun_phrases(self) -> list[str]:
        """Runs of nouns in the question (「広域リージョン連携」), for matching a measure's title."""
        return [p for p, *_ in self.phrase_spans if len(p) >= 2 and p not in self.vocab.stop_terms]

    @cached_property
    def kana_runs(self) -> list[str]:
        """Runs of hiragana (4+ chars) in katakana, for a question written mostly in kana."""
        letters = re.sub(r"[\s\W\d]", "", self.payload)
        if not letters or len(re.findall(r"[ぁ-ゖー]", letters)) / len(letters) < 0.8:
            return []
        runs = re.findall(r"[ぁ-ゖー・]{4,}", self.payload)
        return [k for k in (to_katakana(r.replace("・", "")) for r in runs) if len(k) >= 4]
