"""The document's vocabulary: whether a question's words and names are in it, nearly or by reading."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property

from bot.document.profile import Profile
from bot.qa.lexicon import ATTRIBUTE_WORDS, BUDGET_WORDS, PROGRAMME_SUFFIXES, STOP_TERMS, Lexicon
from bot.qa.patterns import WRITTEN_FIGURE
from bot.text import Morpheme, all_morphemes, compact, morphemes, normalize, plain_figure, reading, to_hiragana, to_katakana

_matchers = threading.local()

TITLE_SHARE = 0.3
"""When several titles hold every part of a name, parts covering less of a title than this are a coincidence."""


def loose(text: str) -> str:
    """Compacted, lower-case, without ・ and brackets: how a name may be typed."""
    return re.sub(r"[・「」『』()（）【】\"'、。]", "", compact(text)).lower()


ALIAS = re.compile(r"([^()「」『』、。【】]{2,40})\(([^()]{2,14})\)")
"""A name and a short name for it in parentheses, as the document writes them."""
NOT_A_NAME = re.compile(r"[\d:：、のやをもにはがと]|仮称|内数|例|注|等")
"""What a parenthesis holds when it is not a short name: a figure, a note, a phrase."""



def _dictionary_form(text: str) -> str:
    """The text in the dictionary forms of its words (Sudachi's normalized form): spellings of one word agree."""
    return "".join(m.normalized for m in all_morphemes(text) if m.pos not in ("補助記号", "空白"))

ALL_KANJI = re.compile(r"[一-龥々]+")
QUESTION_WORDS = frozenset(BUDGET_WORDS | {"省庁", "府省庁", "所管", "担当", "事業", "施策", "制度"})
"""The words a budget question asks with (予算, 当初, 省庁), whatever it asks about; not 期間, for which a typed 機関
is far more often the word meant."""
GRAMMAR = frozenset({"助詞", "助動詞", "補助記号", "空白"})
"""Parts of speech that name nothing: a word read on with one of them is not thereby the document's."""
KANA_RUN = re.compile(r"[ぁ-ゖー]{3,}")
KANA_PARTICLE = re.compile(r"って|から|まで|より|など|とか|です|でした|じゃ|なの|なん|[のはがをにでともやへ]")
"""What may follow a word typed in kana (「よさんって」「しょうちょうが」), or come before it (「のよさん」)."""

WORD_CHAR = re.compile(r"[一-龥々ァ-ヴーA-Za-z0-9.)）」』】\]]")
"""A character a particle may follow (「5.のうち」 is 5. and のうち, not 5. and 農地)."""

AMBIGUOUS_BELOW = 4
"""A phrase shorter than this held by several titles (拠点, GX) names none of them: the search decides."""
MISREMEMBERED_LENGTH = 8
"""A name this long that nearly spells one title is that title misremembered; a shorter one is another name."""
MISREMEMBERED_RATIO = 0.8
"""How near (difflib's ratio) a misremembered name is to its title: one word added, dropped or swapped in a long name."""
HEARD_TITLE = 6
"""A reading this long found in a title names it (a shorter one, such as コウヨウ, matches by chance)."""
MISTYPED_LENGTH = 6
"""A phrase this long that the document writes with one other kanji is the document's, mistyped (登緑 for 登録, 教化 for
強化: the input method's wrong choice); a shorter one (財務省, 総務省) is another word."""
ONE_KANJI = re.compile(r"[一-龥々]")


def _one_kanji_off(key: str, i: int, text: str) -> str | None:
    """The first place ``text`` writes ``key`` with another kanji at position ``i``. By hand, not a regex per phrase and
    position: those vary per question and churn ``re``'s cache (a compile each, a tenth of a warm answer)."""
    head, tail = key[:i], key[i + 1:]
    at = text.find(head)
    while at != -1:  # every start, overlapping ones too, as a regex search tries them
        end = at + len(head)
        if end < len(text) and text[end] != key[i] and ONE_KANJI.fullmatch(text[end]) and text.startswith(tail, end + 1):
            return text[at:end + 1 + len(tail)]
        at = text.find(head, at + 1)
    return None


ALL_KATAKANA = re.compile(r"[ァ-ヶー・\s\d?？!！、。,.]+")
"""A text with no kanji and no hiragana: katakana, spaces, digits and marks only."""
KATAKANA_QUESTION = 8
"""So many katakana letters make a question typed in katakana, not a loan word asked alone (「ドローン?」)."""

def own_name_words(profile: Profile | None) -> frozenset[str]:
    """The words of the budget's name as the heading of its total writes it (地方創生, 2.0, and their parts 地方, 創生,
    2, 0) and the years the document has figures for (8, 7): :data:`STOP_TERMS` of this edition."""
    if profile is None:
        return frozenset()
    name = profile.owner[1] if len(profile.owner) > 1 else ""
    words = {w for m in all_morphemes(name) if m.pos == "名詞" for w in (m.surface, m.normalized)}
    words |= {w for mode in ("A", "B") for w, *_ in morphemes(name, mode)}
    words |= set(re.findall(r"\d+", name)) | {str(year) for year in profile.years}
    return frozenset(words) - BUDGET_WORDS


@dataclass(frozen=True)
class Vocabulary:
    """What the document says, in three forms, for deciding whether a question's words are in it."""

    forms: frozenset[str]
    compact_text: str
    reading_text: str
    record_texts: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    profile: Profile | None = None
    """The document's own facts (years, pillars, flag words), for rules that must not name them in code."""
    ids: tuple[str, ...] = ()
    """The record ids, in the order of ``titles`` and ``record_texts``."""
    lexicon: Lexicon = field(default_factory=Lexicon)
    """Everyday words and ministry short names (corpus/vocabulary.json)."""
    bodies: tuple[str, ...] = ()
    """The measures' explanatory sentences (not their titles or amounts), in no particular order."""
    written_names: tuple[str, ...] = ()
    """Programme names the document writes (社会資本整備総合交付金), each once, compacted."""
    ministries: tuple[tuple[str, ...], ...] = ()
    """The ministries in charge of each record, in the order of ``ids``."""
    amounts: tuple[float | None, ...] = ()
    """Each record's requested amount in 億円 (None without a figure), in the order of ``ids``."""

    @cached_property
    def stop_terms(self) -> frozenset[str]:
        """:data:`STOP_TERMS` and the words of this budget's own name and years (地方創生, 2.0, 8, 7 in one edition):
        every question about the budget may say them, so they name no measure. Read from the profile, never written
        in code, so that the next edition's name works the same."""
        return STOP_TERMS | own_name_words(self.profile)

    @cached_property
    def budget_talk(self) -> tuple[str, ...]:
        """The words every budget question may use (:data:`BUDGET_WORDS` and :attr:`stop_terms`), longest first: sorted
        once per document, not for every phrase of every question."""
        return tuple(sorted((w for w in BUDGET_WORDS | self.stop_terms if len(w) > 1), key=len, reverse=True))

    @cached_property
    def body_figures(self) -> frozenset[str]:
        """Figures written in the measures' sentences (累計6,000億円, 35.5兆円), as :func:`plain_figure` spells them:
        what a claim about a figure's year or source is checked against, unlike a requested amount."""
        return frozenset(plain_figure(m.group(0)) for body in self.bodies for m in WRITTEN_FIGURE.finditer(normalize(body)))

    @cached_property
    def loose_titles(self) -> tuple[str, ...]:
        """The titles as :func:`loose` folds them, once: every question's item names are looked up in them."""
        return tuple(loose(t) for t in self.titles)

    @cached_property
    def plain_records(self) -> tuple[str, ...]:
        """The records' texts with figures spelled as :func:`plain_figure` spells them, for finding a written figure."""
        return tuple(plain_figure(t) for t in self.record_texts)

    @cached_property
    def figures(self) -> frozenset[str]:
        """Every figure with its unit the document writes (2444億円, 6000万人), as :func:`plain_figure` spells it."""
        return frozenset(plain_figure(m.group(0)) for m in WRITTEN_FIGURE.finditer(normalize(self.compact_text)))

    @cached_property
    def _position(self) -> dict[str, int]:
        return {record_id: i for i, record_id in enumerate(self.ids)}

    def title_by_id(self, record_id: str) -> str:
        """A record's title (compacted), "" for an id the vocabulary does not hold."""
        at = self._position.get(record_id)
        return self.titles[at] if at is not None else ""

    def amount_by_id(self, record_id: str) -> float | None:
        """A record's requested amount in 億円, None when it has none or the vocabulary does not hold the record."""
        at = self._position.get(record_id)
        return self.amounts[at] if at is not None and at < len(self.amounts) else None

    def ministries_by_id(self, record_id: str) -> tuple[str, ...]:
        """The ministries in charge of a record, () when none are named or the vocabulary does not hold it."""
        at = self._position.get(record_id)
        return self.ministries[at] if at is not None and at < len(self.ministries) else ()

    def only_in_title(self, span: str) -> bool:
        """A compacted span the document writes in its title block (its first record) and nowhere else (「政策パッケージ」):
        a question that says it names the document itself, not a measure."""
        return bool(self.record_texts) and span in self.record_texts[0] and not any(span in t for t in self.record_texts[1:])

    def text_by_id(self, record_id: str) -> str:
        """A record's text as the document shows it (compacted), "" for an id the vocabulary does not hold."""
        at = self._position.get(record_id)
        return self.record_texts[at] if at is not None else ""

    @cached_property
    def aliases(self) -> dict[str, str]:
        """Short names the document gives in parentheses (「プロフェッショナル人材事業（プロ人事業）」 → プロ人事業): a
        question may use either, so the short one is read as the full one. Figures, ministries, notes (仮称) and
        phrases with particles are not names."""
        found: dict[str, str] = {}
        for m in ALIAS.finditer(normalize(self.compact_text)):
            name = re.search(r"[一-龥ァ-ヴーA-Za-z・]+$", m.group(1))
            short = m.group(2)
            if name is None or len(short) >= len(name.group(0)) or NOT_A_NAME.search(short):
                continue
            if short in self.lexicon.ministries or (self.profile and short in self.profile.flag_words):
                continue
            found.setdefault(short, name.group(0))
        return found

    @cached_property
    def kana_words(self) -> dict[str, str]:
        """Hiragana spellings of the document's nouns and of the question words (よさん → 予算, こうふきん → 交付金,
        しょうちょう → 省庁), for a question typed in kana. Only words written all in kanji whose reading is three kana
        or more and belongs to one word: こうか could be 効果 or 高価, so it is left as typed. The document's loan words
        are read the same way (でじたる → デジタル): typed in hiragana, they are written as the document writes them."""
        words = {m.surface: m.reading for text in self.record_texts for m in all_morphemes(text)
                 if m.pos == "名詞" and (ALL_KANJI.fullmatch(m.surface) and len(m.surface) >= 2 or LOAN_WORD.fullmatch(m.surface))}
        for word in (*self.stop_terms, *BUDGET_WORDS, *ATTRIBUTE_WORDS, *self.lexicon.everyday, *self.lexicon.ministries):
            if ALL_KANJI.fullmatch(word) and len(word) >= 2 and word not in words:
                words[word] = reading(word)
        spellings: dict[str, set[str]] = {}
        for word, said in words.items():
            kana = to_hiragana(said)
            if len(kana) >= 3 and re.fullmatch(r"[ぁ-ゖー]+", kana):
                spellings.setdefault(kana, set()).add(word)
        return {kana: next(iter(found)) for kana, found in spellings.items() if len(found) == 1}

    def in_kanji(self, text: str) -> str:
        """The text with the words of :attr:`kana_words` in a run of hiragana written in kanji, where they start the
        run or follow a particle in it and end it or come before a particle: 「こうふきんのとうしょよさん」 →
        「交付金の当初予算」. Anything else stays as typed (「しています」 is not 指定+ます)."""
        if not re.search(r"[ぁ-ゖ]{3}", text):
            return text
        return KANA_RUN.sub(
            lambda m: self._kana_run(m.group(0), after_word=m.start() > 0 and WORD_CHAR.match(text, m.start() - 1) is not None),
            text)

    def katakana_in_kanji(self, text: str) -> str:
        """A question typed all in katakana (「コウツウクウハク カイショウ ノ … キカン ハ イツカラ」, as an old terminal
        types it) read as hiragana, so :meth:`in_kanji` writes the document's words in kanji (交通空白, 期間); a word the
        document writes in katakana (ドローン) stays as typed."""
        if not ALL_KATAKANA.fullmatch(text) or len(re.findall(r"[ァ-ヶ]", text)) < KATAKANA_QUESTION:
            return text
        read = self.in_kanji(to_hiragana(text))
        for word in set(re.findall(r"[ァ-ヶー]{2,}", text)):
            if self.knows(word) and (hira := to_hiragana(word)) in read:
                read = read.replace(hira, word)
        return read

    def homophones_in_kanji(self, text: str) -> str:
        """The text with kanji words the document never uses, but which are read as one of its words, written as that
        word: what voice input or a wrong conversion types (予讃 → 予算, 象徴 → 省庁, 伴奏 → 伴走, 投書 → 当初).
        Two such words side by side may be one (内角感冒 → 内閣官房). Only a question word (予算, 省庁, 当初) or one that
        reads on with the word before or after it as the document writes (伴走支援, 登録制度) is so read; words the
        document has stay as typed."""
        morphs = all_morphemes(text)
        out, at, i = [], 0, 0
        while i < len(morphs):
            for n in (2, 1):  # the longest run of unknown kanji words read as one of the document's
                word = self._homophone(morphs, i, n)
                if word is None:
                    continue
                surface = "".join(x.surface for x in morphs[i : i + n])
                start = text.find(surface, at)
                if start >= 0:
                    out.append(text[at:start] + word)
                    at, i = start + len(surface), i + n
                    break
            else:
                i += 1
        return "".join(out) + text[at:]

    def _homophone(self, morphs: tuple[Morpheme, ...], i: int, n: int) -> str | None:
        """The document's word that the ``n`` unknown kanji words from ``i`` are read as, when it is a question word
        or reads on with the word before or after as the document writes (起業人 is not 企業人, nor 以降 移行)."""
        run = morphs[i : i + n]
        if len(run) < n or not all(self._misconverted(x) for x in run):
            return None
        word = self.kana_words.get(to_hiragana("".join(x.reading for x in run)))
        # A particle (の, に) reads on with almost any word, so the word beyond it is read too: 「星空観光の水深」 is
        # 観光の推進, but 「空き家の改修」 is no 空き家の回収.
        before = "".join(m.surface for m in _word_and_particle(morphs[max(i - 2, 0) : i], reverse=True))
        after = "".join(m.surface for m in _word_and_particle(morphs[i + n : i + n + 2]))
        if word and (word in QUESTION_WORDS or (before and before + word in self.compact_text)
                     or (after and word + after in self.compact_text)):
            return word
        return None

    def _misconverted(self, m: Morpheme) -> bool:
        """A kanji noun of two or more characters that the document, the vocabulary file and the question words lack."""
        return (m.pos == "名詞" and len(m.surface) >= 2 and ALL_KANJI.fullmatch(m.surface) is not None
                and m.surface not in self.stop_terms and m.surface not in self.lexicon.everyday
                and not self.knows(m.surface, m.normalized))

    def _kana_run(self, run: str, after_word: bool) -> str:
        """Left to right: words where a word may start (the run's start unless a word comes right before it, and after
        each particle), until a word ends the run or comes before a particle; everything else as typed."""
        out, at = [], 0
        may_start = not (after_word and KANA_PARTICLE.match(run))  # 「内数のうち」: the run starts with its particle
        while at < len(run):
            found = self._kana_words_at(run, at) if may_start else None
            if found:
                out.append(found[0])
                at, may_start = found[1], False
                continue
            particle = KANA_PARTICLE.match(run, at)
            step = particle.end() if particle else at + 1
            out.append(run[at:step])
            at, may_start = step, particle is not None
        return "".join(out)

    def _kana_words_at(self, run: str, at: int) -> tuple[str, int] | None:
        """Kanji for one or more words from ``at``, ending the run or before a particle; longest first."""
        for end in range(min(len(run), at + 12), at + 2, -1):
            word = self.kana_words.get(run[at:end])
            if word is None or run[at:end] in self.compact_text:  # the document's own kana (こども家庭庁, ふるさと)
                continue
            if end == len(run) or KANA_PARTICLE.match(run, end):
                return word, end
            more = self._kana_words_at(run, end)
            if more is not None:
                return word + more[0], more[1]
        return None

    @cached_property
    def loose_text(self) -> str:
        return loose(self.compact_text)

    @cached_property
    def latin_words(self) -> dict[str, str]:
        """The document's Latin-letter words (ccrc, gx, resas) by their letters in order: a word typed with two
        letters swapped (「CCCR」) has the same letters."""
        words = set(re.findall(r"[a-z]{4,}", self.loose_text))
        by_letters: dict[str, list[str]] = {}
        for w in sorted(words):
            by_letters.setdefault("".join(sorted(w)), []).append(w)
        return {k: v[0] for k, v in by_letters.items() if len(v) == 1}

    def _unswapped(self, key: str) -> str:
        """The key with each Latin word the document lacks spelt as the one document word with its letters."""
        return re.sub(r"[a-z]{4,}", lambda m: m.group(0) if m.group(0) in self.loose_text
                      else self.latin_words.get("".join(sorted(m.group(0))), m.group(0)), key)

    def near(self, phrase: str, abbreviations: bool = True) -> bool:
        """The phrase is in the document, or nearly: case, ・ and brackets ignored, a typo in a long name,
        letters swapped in a Latin word (CCCR), the same reading, or (``abbreviations``) every part inside one title."""
        key = loose(phrase)
        if not key or key in self.loose_text or self._unswapped(key) in self.loose_text:
            return True
        sound = reading(phrase)
        if len(sound) >= 4 and sound in self.reading_text:
            return True  # 伴奏支援 / ふるさと住民とうろく: read the same as the document's words
        parts = [compact(m.surface) for m in all_morphemes(phrase) if m.pos not in ("補助記号", "空白")]
        if abbreviations and len(parts) > 1 and any(all(p in title for p in parts) for title in self.titles):
            return True  # プロ人材事業: every part within one title, an abbreviation
        if abbreviations and self.abbreviation_of(phrase) is not None:
            return True  # 社総交, 地大交付金: initials of the words of one long name
        if len(key) < 6:
            return False
        if self.corrected(phrase) is not None:
            return True  # ふるさと住民登緑制度: one kanji mistyped
        matcher = self._matcher()
        matcher.set_seq1(key)
        m = matcher.find_longest_match(0, len(key), 0, len(self.loose_text))
        return m.size >= 0.75 * len(key)

    def corrected(self, phrase: str) -> str | None:
        """The document's spelling of a phrase typed with one wrong kanji (「ふるさと住民登緑制度」 → ふるさと住民登録制度),
        or None. By hand: a regex per kanji position, since a fuzzy matcher would also take a dropped or added word."""
        key = loose(phrase)
        if len(key) < MISTYPED_LENGTH or key in self.loose_text:
            return None
        if key not in self._corrected:  # title_of and near read the same phrase in several rules
            found, mid, text = None, len(key) // 2, self.loose_text
            head, tail = key[:mid] in text, key[mid:] in text  # the half without the wrong kanji is written whole
            for i, char in enumerate(key):
                if ONE_KANJI.fullmatch(char) and (tail if i < mid else head):
                    found = _one_kanji_off(key, i, text)
                    if found is not None:
                        break
            self._corrected[key] = found
        return self._corrected[key]

    @cached_property
    def _corrected(self) -> dict[str, str | None]:
        return {}

    def title_of(self, phrase: str, figures: frozenset[str] = frozenset(), beside: tuple[str, ...] = ()) -> int | None:
        """The record whose title the phrase names (by position), or None: the shortest title holding it whole,
        else the one holding every part of it (an abbreviation such as プロ人材事業). Of several titles, one whose
        record writes a figure the question gives (「交付金2,374億円」) is the one meant, else one that also holds
        more of the phrases ``beside`` it (「農林水産業とかエッセンシャルワーカー」: the title naming both)."""
        key = loose(phrase)
        if len(key) < 2:
            return None
        titles = self.loose_titles
        whole = [i for i, t in enumerate(titles) if key in t]
        if len(whole) > 1 and beside:
            held = {i: sum(1 for b in beside if (k := loose(b)) != key and len(k) >= 2 and k in titles[i]) for i in whole}
            whole = [i for i in whole if held[i] == max(held.values())]
        figured = [i for i in whole if any(f in self.plain_records[i] for f in figures)]
        principal = [i for i in whole if self.profile is not None and self.ids[i] in self.profile.breakdown[1:]]
        if len(whole) > 1 and not (figured or principal) and len(key) < AMBIGUOUS_BELOW:
            return None  # a short word in several titles (拠点) names none of them
        if len(whole) > 1 and whole[0] == 0 and self.profile is not None and not figured:
            # the document's own name (「地方創生2.0の概算要求」) names the whole, not the measure that starts with it
            whole = [i for i in whole if self.ids[i] in self.profile.breakdown[:1]] or [0]
        if figured or principal or whole:  # a bare 「交付金」 is the headline's own, not a 主な事業 line's
            return min(figured or principal or whole, key=lambda i: len(self.titles[i]))
        parts = [loose(surface) for surface, _, pos in morphemes(phrase, "A") if pos in ("名詞", "接頭辞", "接尾辞", "形状詞", "形容詞")]
        parts = [p for p in parts if p]
        if len(parts) > 1:
            every = [i for i, t in enumerate(titles) if all(p in t for p in parts)]
            if len(every) > 1:  # several titles have every part: only one that the parts largely cover
                every = [i for i in every if sum(map(len, parts)) >= TITLE_SHARE * len(titles[i])]
            if every:
                return min(every, key=lambda i: len(self.titles[i]))
        for spell, spelt in ((_dictionary_form, self.title_forms), (reading, self.title_readings)):
            # 「特定地域作り事業」 by the dictionary's forms (作り = づくり); 「伴奏支援事業」 (a homophone typo) and
            # 「ちほうそうせい2.0とっく」 by how they are read; each spelling only when the one before found nothing
            spelling = spell(phrase)
            if len(spelling) >= HEARD_TITLE:
                found = [i for i, t in enumerate(spelt) if spelling in t]
                if len(found) == 1:  # 「ちほうそうせい」 is read in many titles: it names none of them
                    return found[0]
        name = self.abbreviation_of(phrase)
        if name is not None and name in self.titles:
            return self.titles.index(name)
        fixed = self.corrected(phrase)
        if fixed is not None:
            return self.title_of(fixed, figures)
        return self._misremembered_title(key)

    @cached_property
    def long_names(self) -> tuple[str, ...]:
        """What an abbreviation may stand for: the titles, and the programme names the text writes beside amounts
        (社会資本整備総合交付金)."""
        return tuple(dict.fromkeys((*self.titles, *self.written_names)))

    def abbreviation_of(self, word: str) -> str | None:
        """The one long name a word abbreviates the way Japanese names are shortened: its first character, then
        characters that start later words of it or run on from the last, ending in its last two words
        (社会資本整備総合交付金 → 社総交, 社整交付金; 地方大学・地域産業創生交付金 → 地大交付金). None when none or two fit.
        By hand: no library on PyPI reads Japanese abbreviations."""
        key = compact(word)
        if not ABBREVIATION.fullmatch(key) or key in self.compact_text:
            return None
        if key not in self._abbreviations:
            fits = [name for name in self.long_names if _abbreviates(key, name)]
            self._abbreviations[key] = fits[0] if len(fits) == 1 else None
        return self._abbreviations[key]

    @cached_property
    def _abbreviations(self) -> dict[str, str | None]:
        return {}

    def _misremembered_title(self, key: str) -> int | None:
        """The one title a long programme name nearly spells (「地方創生伴走型支援事業」, 「プロフェッショナル人材戦略拠点事業」: a word
        added, dropped or swapped), by difflib's ratio over the loose spellings; None when none or two come close."""
        if len(key) < MISREMEMBERED_LENGTH or not key.endswith(PROGRAMME_SUFFIXES):
            return None  # 「(3)人や企業の地方分散に」 is a heading named in a sentence, not a programme's name
        if key not in self._misremembered:  # title_of reads the same phrase in several rules
            ratios = sorted(((SequenceMatcher(None, key, t, autojunk=False).ratio(), i)
                             for i, t in enumerate(self.loose_titles) if len(t) >= MISREMEMBERED_LENGTH), reverse=True)
            near = [i for r, i in ratios[:2] if r >= MISREMEMBERED_RATIO]
            self._misremembered[key] = near[0] if len(near) == 1 else None
        return self._misremembered[key]

    @cached_property
    def _misremembered(self) -> dict[str, int | None]:
        return {}

    @cached_property
    def title_forms(self) -> tuple[str, ...]:
        """Each title in the dictionary forms of its words (づくり → 作り), in title order."""
        return tuple(_dictionary_form(t) for t in self.titles)

    @cached_property
    def title_readings(self) -> tuple[str, ...]:
        """Each title's katakana reading, in title order."""
        return tuple(reading(t) for t in self.titles)

    def holds_phrase(self, phrase: str) -> bool:
        """The document has this noun phrase, or most of its words (インバウンド消費額), or its reading when that is
        long enough not to be a coincidence (a 4-mora reading such as コウヨウ matches many words)."""
        if loose(phrase) in self.loose_text or self.abbreviation_of(phrase) is not None:
            return True
        sound = reading(phrase)
        if len(sound) >= 6 and sound in self.reading_text:
            return True
        nouns = [m for m in all_morphemes(phrase) if m.pos == "名詞" and len(m.surface) >= 2]
        known = [m for m in nouns if self.knows(m.surface, m.normalized)]
        return bool(nouns) and 2 * len(known) > len(nouns)

    def _matcher(self) -> SequenceMatcher:
        """One matcher per thread over the document: difflib indexes its second text once, when it is set."""
        matcher = getattr(_matchers, "by_text", {}).get(id(self))
        if matcher is None:
            matcher = SequenceMatcher(None, "", self.loose_text, autojunk=False)
            _matchers.by_text = {**getattr(_matchers, "by_text", {}), id(self): matcher}
        return matcher

    def df(self, term: str) -> int:
        """In how many records a word occurs (compacted substring)."""
        key = compact(term)
        if key not in self._df_counts:  # a question reads the same noun in several rules; the records do not change
            self._df_counts[key] = sum(1 for text in self.record_texts if key in text)
        return self._df_counts[key]

    @cached_property
    def _df_counts(self) -> dict[str, int]:
        return {}

    def knows(self, surface: str, normalized: str = "") -> bool:
        if normalized and normalized in self.forms:
            return True
        split = morphemes(surface, "A")
        parts = [n for _, n, pos in split if pos in ("名詞", "動詞", "形容詞", "形状詞")]
        if len(split) > 1 and parts and all(p in self.forms for p in parts):
            return True  # 子どもたち → 子供 + 達; 企業向け → 企業 + a suffix
        if compact(surface) in self.compact_text or (normalized and compact(normalized) in self.compact_text):
            return True
        if len(surface) >= 2 and surface[-1] in CONTINUATIVE and surface[:-1] + CONTINUATIVE[surface[-1]] in self.forms:
            return True  # 「見直し」 of a document that writes the verb (見直す)
        kana = re.sub(r"[^ぁ-ゖァ-ヺー]", "", surface)
        return len(kana) >= 3 and kana == surface and to_katakana(kana) in self.reading_text


CONTINUATIVE = dict(zip("いきぎしちにびみり", "うくぐすつぬぶむる"))
"""A verb's 連用形 ending and its dictionary form's: the noun 見直し is the verb 見直す's."""
LOAN_WORD = re.compile(r"[ァ-ヴ][ァ-ヴー]{2,}")
"""A word the document writes in katakana (デジタル, ライフライン), three letters or more."""
ABBREVIATION = re.compile(r"[一-龥ァ-ヶー]{3,6}")
"""A word short enough to be an abbreviation, in kanji or katakana (社総交, 群マネ); two characters fit too much."""


def _word_starts(name: str) -> tuple[int, ...]:
    """Where each of the name's words starts (Sudachi's shortest units), the symbols between them skipped."""
    starts, at = [], 0
    for surface, _, _ in morphemes(name, "A"):
        found = name.find(surface, at)
        if found >= 0:
            starts.append(found)
            at = found + len(surface)
    return tuple(starts)


def _abbreviates(key: str, name: str) -> bool:
    """Whether ``key`` is an abbreviation of ``name`` (see :meth:`Vocabulary.abbreviation_of`)."""
    if not name.startswith(key[0]) or len(name) <= len(key):
        return False
    starts = _word_starts(name)
    if len(starts) < 2:
        return False
    last_words = starts[-2]

    def fit(i: int, at: int) -> bool:  # key[:i] is matched, its last character at name[at]
        if i == len(key):
            return at >= last_words
        nexts = [at + 1] if at + 1 < len(name) and name[at + 1] == key[i] else []
        nexts += [s for s in starts if s > at + 1 and name[s] == key[i]]
        return any(fit(i + 1, n) for n in nexts)

    return fit(1, 0)


def corpus_vocabulary(corpus_text: str, record_texts: tuple[str, ...] = (), titles: tuple[str, ...] = (),
                      profile: Profile | None = None, ids: tuple[str, ...] = (),
                      lexicon: Lexicon | None = None, bodies: tuple[str, ...] = (),
                      ministries: tuple[tuple[str, ...], ...] = (),
                      amounts: tuple[float | None, ...] = ()) -> Vocabulary:
    """The document's normalised word forms, its compacted text, its katakana reading, its records."""
    forms: set[str] = set()
    for mode in ("A", "C"):
        for line in corpus_text.split("\n"):
            forms.update(n for _, n, _ in morphemes(line, mode))
    text_reading = "".join(reading(line) for line in corpus_text.split("\n"))
    return Vocabulary(
        frozenset(forms), compact(corpus_text), text_reading,
        tuple(compact(t) for t in record_texts), tuple(compact(t) for t in titles), profile, ids,
        lexicon or Lexicon(), bodies, _written_names(corpus_text), ministries, amounts,
    )


def _written_names(corpus_text: str) -> tuple[str, ...]:
    """Runs of kanji and katakana, line by line, that end like a programme's name (…交付金, …事業)."""
    runs = (compact(run) for line in corpus_text.split("\n") for run in re.findall(r"[一-龥ァ-ヶー・]{6,}", line))
    return tuple(sorted({run for run in runs if run.endswith(PROGRAMME_SUFFIXES)}))


def _word_and_particle(morphs: tuple[Morpheme, ...], reverse: bool = False) -> tuple[Morpheme, ...]:
    """The neighbouring word of a run (``morphs`` beside it, nearest last when ``reverse``), with the particle between
    when there is one: 「観光」「の」 → 観光の; a lone particle, or a particle with nothing beyond it, is no word."""
    near = morphs[::-1] if reverse else morphs
    if not near:
        return ()
    if near[0].pos not in GRAMMAR:
        return (near[0],)
    if len(near) > 1 and near[1].pos not in GRAMMAR:
        return tuple(near[1::-1]) if reverse else near[:2]
    return ()
