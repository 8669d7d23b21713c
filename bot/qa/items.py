"""Questions about several named items: 「AとBどっちが多い？」「AとBの差は？」「AとBを合わせると？」.

The reader only proposes ways of cutting the question into phrases that name items; the question links
each phrase to its own record (:attr:`bot.qa.question.Question.items`) and keeps the first cut whose
phrases all name different records, and the writer compares them (``bot.qa.answers_many.items``).
A joiner can sit inside a name (ふるさ「と」住民登録制度), so every cut is tried, the most pieces first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import combinations
from typing import NamedTuple

from bot.qa.patterns import MONEY_FIGURE, SAME_MINISTRIES, SUBTRACTED
from bot.text import all_morphemes, digit_value

YEAR_WORD = r"令和[\d元]+年度?|[RＲ]\d+|\d{4}年度"
"""A fiscal year as a question writes it (令和N年度, RN, 20NN年度): before 「の要求額」, or before the question's words."""


class Marks:
    """The surface words that shape a question about several items."""

    # Where the names end and the question about them begins.
    TAIL = re.compile(
        rf"(?:の(?:{YEAR_WORD})?(?:予算|金額|要求額|概算要求額|概算要求|額|規模)|では|って|は|も(?=、?(?:同じ|同額|足|たし|たす|合わせ|あわせ|加え|入れ))|を(?:比べ|比較|合わせ|足|全部)|[を、](?:(?:大き|小さ|多|少な|高|安)い順|金額の?順|額の?順|順番に|並べ|ならべ)"
        r"|(?:で|だと)(?:は)?、?(?:どっち|どちら)|(?:、)?(?:どっち|どちら)|を?合計|の合計|の差|の違い|の(?:なか|中|うち)で|。"
        r"|、(?=合わせ|あわせ|足す|足し|たす|たし|合計|比べ|くらべ)|\s*[→⇒]\s*"  # a memo's arrow: 「A vs B → 額の大小」
        r"|が(?=いくら(?!で))"  # 「Aがいくらで、Bがいくらか」: the last name's question
        r"|、?\s*(?:この|これら?の?|以上の?|上記の?)\s*(?:[2-9]|[二三四五六七八九])\s*(?:つ|個|件|事業|施策|項目))"  # 「A、B、C、この3つ」
    )
    JOINER = re.compile(r"(?:が|は)いくらで、?|とか|と|や|及び|および|、|\+|&|vs\.?|VS|ｖｓ"
                        r"|(?:(?<=事業)|(?<=交付金))・")  # what joins two names (「A事業・B事業」; not 「RESAS・RAIDA」)
    # (「Aがいくらで、Bがいくらか」: each name with its own question)
    # Which is more, the difference, the sum, or each amount.
    SEVERAL = re.compile(
        r"どっち|どちら|比べ|くらべ|比較|差|開き|(?<!間)違[いう]|(?<!ま)ちがう|分の|合わせ|あわせ|合計|足す|足し|足すと|たすと|たしたら|両方|多い|大きい|少ない|小さい|大小|上回|下回"
        r"|いくら|それぞれ|各々|並べ|ならべ|(?:同じ|おなじ)(?:額|金額)?(?![一-龥ァ-ヶ])|同額|一緒|等しい|倍"  # not 「同じ柱の…」, which names
        r"|合算|(?<![\d円])\+"  # 「AとBの合算額」「A＋B＝？」 (not 「2,444億円+事項要求」)
        r"|最大|最小|一番|いちばん|最も"  # 「A、B、Cのなかで最大は？」 (「A vs B」 is read as 「AとB」)
        rf"|{SAME_MINISTRIES}"  # 「AとBって同じ役所の担当？」
    )
    # Two names asked the same of, with no word of comparing: 「A及びBの要求額」「Aの金額と、Bの金額」「AとB、この2つの要求額」
    # 「AとB、金額は？」
    # 「AとB、両方の要求額」 (not 「ハードとソフトの両方から支援する」, which describes one)
    PAIRED = re.compile(r"と(?!か)(?:(?!から|する|して)[^、。?？をが]){2,40}[、\s](?:金額|予算額?|要求額|額)(?:は|を|の大小|[?？]|$)|"
                        r"(?<!よる|する|見る|いう|なる)と、(?:(?!から|する|して)[^、。?？が]){2,40}[、\s](?:金額|予算額?|要求額|額|お?いくら)(?:は|を|の大小|[?？]|$|です|要求)|及び|および|両(?:項目|事業|施策|者)|両方(?=の?(?:予算|金額|要求額|額|教え|おしえ|お願い|とも))|(?<![\d.])2つ|ふたつ|ずつ|の(?:予算|金額|要求額|額)と(?!して|する|いう|は|も|か)"
                        # 「Xが出てくる取組と、Yが出てくる取組の金額」: each described by what its text writes
                        r"|(?:出て(?:くる|いる|る)|載って(?:いる|る)|書いて(?:ある|る))(?:取組|取り組み|施策|事業|やつ)と(?!して|する|いう|は|も|か)")
    # Names joined before what is asked of them: 「AとBの要求額をお願いします」 (each name must be a title: a name joined
    # so is as often part of one, as in ふるさ「と」住民登録制度)
    JOINED = re.compile(rf"(?:と|や|及び|および|、)[^。?？!！]+?の(?:{YEAR_WORD})?(?:予算|金額|要求額|概算要求額|計上額|額)(?!と)")
    # 「AはBより…」「AのほうがBより…」「Aは、Bと比べて…」 names two items
    _THAN = r"^(.+?)(?:{topic}|の(?:方|ほう)が|の(?:予算|金額|額|要求額|概算要求額)は)、?(.+?)(?:より|と(?:比べ|くらべ|比較))"
    THAN = re.compile(_THAN.format(topic="は|って"))
    THAN_WA = re.compile(_THAN.format(topic="は"))  # when the first 「って」 is a verb's て-form (「寄り添って」)
    # 「Bと比べてAはどれだけ少ない？」「Bに比べてAは何倍？」: the one compared with first, then the one asked of
    BASE_FIRST = re.compile(r"^(.+?)(?:と|に)(?:比べ|くらべ|比較し)(?:て|ると|たら)、?(.+?)(?:は|って|の(?:方|ほう)が)")
    # 「AはBの10倍以上ですか」「Aの額はBの額の倍以上ある？」「AってBの何分の一？」 names two items
    TIMES = re.compile(
        r"^(.+?)(?:の(?:予算|金額|額|要求額|概算要求額))?(?:は|って)、?(.+?)(?:の(?:予算|金額|額|要求額|概算要求額))?の(?:約|およそ|ちょうど|丁度|ほぼ)?(?:[\d.一二三四五六七八九十何]*倍|[\d一二三四五六七八九十何]+分の)"
    )
    # A memo's bulleted lines (「・A」「1. A」), each a name: 「上記2事業の要求額」 asks about them. Circled numbers never get
    # here: a list numbered ①②… is read by bot.qa.enumeration before.
    BULLET = re.compile(r"(?:^|\s)(?:[・•\-*]|\d+[.．)）])\s*([^\s・•～~]\S*)")
    PREFERRED = re.compile(r"(?:^|では、?|で、|、)([^、。?？]+?)の(?:方|ほう)が")  # 「…、Aの方が多い」 names the one claimed
    # a segment that starts the question (「2つ合わせて」 too)
    QUESTION = re.compile(r"[^、。]{0,12}?(?:が|は)(?:付い|つい|入っ|含まれ)てる?の|[^、。]{0,6}?(?:関係|関連|系|がらみ|絡み)の?(?:[2-9]|[二三四五])つ(?:で|を|の(?:合計|金額|予算))|予算|金額|(?:数字|数値)(?=が?(?:大き|多|小さ|少な|高|低)|は|を)|お?いくら|どう|何|それぞれ|全部で|ぜんぶで|トータル|大きい|多い|どれ|(?:\d+|[二三四五])(?:つ|件)|要求額|予算額|教え|おしえ|知りた|確認|回答|至急")
    # 「Aは8.1億円、Bは6.8億円という理解で…」: a figure claimed of each of two names
    CLAIMED_EACH = re.compile(r"(?:^|[。！!]\s*)([^。?？、]{2,40}?)(?:は|が|って)(?:計|約)?[\d.,]+(?:億|兆|万)?円(?:で、?|、)\s*"
                              r"([^。?？、]{2,40}?)(?:は|が|って|も)(?:計|約)?[\d.,]+(?:億|兆|万)?円")
    FORMER = re.compile(r"前者|後者")  # the two names given before, in order
    EARLIER = re.compile(r"それ|これ|あれ|そちら|そっち|こちら|さっきの(?:事業|施策|方)?|前の(?:事業|施策)|前者|後者")
    LAST_YEAR = re.compile(r"前年|昨年|去年|前の年|当初")  # a comparison with last year, not between items
    # A parenthesised list names the items itself: 「主な事業3つ（A、B、C）を全部足すと？」.
    LISTED = re.compile(r"[(（]([^()（）]+)[)）]")
    # What a name may trail that is not part of it (besides a figure, MONEY_FIGURE): 「等」, a count (「の3つ」),
    # and the generic noun after の (「…の施策」).
    GENERIC_END = re.compile(
        r"(?:の(?:施策|事業|取組み?|取り組み|政策|予算|金額|要求額|概算要求額|額|計|合計|方|ほう|やつ|話|こと)|の?[0-9一二三四五六七八九十]+(?:つ|件|個|本|施策|事業|項目))+$|等$|など$"
    )


WITH_ANOTHER = re.compile(SAME_MINISTRIES + "|" + SUBTRACTED + r"|合わせ|あわせ|合計|合算|足す|足し|たすと|たしたら|比べ|くらべ|比較|どっち|どちら|差|開き|(?:同じ|おなじ)(?:額|金額)|(?:額|金額)[^。?？、]{0,8}(?:同じ|おなじ)|同額|(?<!間)違[いう]|(?<!ま)ちがう|倍|分の|それぞれ|各々|ずつ|何倍|の(?:ほう|方)が(?:多|大き|少な|小さ|高|安)い?(?:って|の[?？]|か[?？]|[?？]|です|でしょ|よね|んですか)|(?:並べ|ならべ)て(?:教え|おしえ|比べ|見せ|示し|ください|下さい|ほしい|もらえ|いただけ|[?？。]|$)|より(?:何億円?|いくら|どれ(?:くらい|ぐらい|だけ)|どの(?:くらい|ぐらい))?(多|大|少|小|上回|下回)|(?<!一番)(?<!いちばん)(?<!最も)(?<!金)(?:額|金額|予算)が(?:多|大き|少な|小さ)い(?:のは|ほう|方)")
"""A follow-up that brings in a second item (「Bと合わせると？」「この2つって金額まったく同じ？」) asks about it together with
the earlier one."""

MAX_CUTS = 6
"""Joiners tried as cuts; past this many the question is not a short list of names (2^6 cuts at most)."""


def item_cuts(payload: str, least: int = 2) -> Iterator[tuple[str, ...]]:
    """Ways of reading ``least`` or more item names before the question about them, the most names first."""
    bullets = tuple(_clean(b) for b in Marks.BULLET.findall(payload))
    if len(bullets) >= least:
        yield bullets
    each = Marks.CLAIMED_EACH.search(payload)
    if each and least <= 2:
        yield _clean(each.group(1)), _clean(each.group(2))
    if not any(m.search(payload) for m in (Marks.SEVERAL, Marks.PAIRED, Marks.JOINED)) or Marks.LAST_YEAR.search(from_the_asking(payload)):
        return
    than = _than(payload)
    loose = than if than is not None and than.base_first else None
    if loose is not None or (than and Marks.FORMER.search(than.words)):
        than = None  # 「AとB、それぞれいくら？前者は後者の何倍？」: the names come before 前者 and 後者
    if than:  # 「AはBよりいくら多い？」; 「Aはそれより多い？」 names one, the other is the earlier question's
        other = _clean(than.other)
        yield (_clean(than.asked),) if Marks.EARLIER.fullmatch(other) else (_clean(than.asked), other)
        return
    head = _head(payload)
    counted = ITEM_COUNT.search(payload)
    if counted and len(pieces := head.split("・")) == digit_value(counted.group(1)) >= least:
        yield _names(pieces)  # 「伴走支援・RESAS・特区推進の３つ」: as many names as it counts, joined by ・
    for parts in _cuts(head):
        if len(parts) >= least:
            yield parts
    for end in ASKED_END.finditer(payload):  # 「記事で使いたいので確認させてください。AとB、合わせると？」:
        rest = payload[end.end():]                # the names are in a sentence after the first
        if Marks.JOINER.search(rest):
            yield from (parts for parts in _cuts(_head(rest)) if len(parts) >= least)
    if loose is not None:  # 「Bと比べてAは」 is read loosely, after the names cut at joiners (「…取組と比べて、…取組は」)
        yield _clean(loose.asked), _clean(loose.other)


def from_the_asking(payload: str) -> str:
    """The payload from its first sentence that asks on: 「去年バスが廃止になって…状態です。」 before it is the asker's
    story, and its 去年 asks for no comparison with last year."""
    sentences = [s for s in re.split(r"(?<=[。！!])", payload) if s.strip()]
    first = next((i for i, s in enumerate(sentences) if Marks.QUESTION.search(s) or re.search(r"[?？]", s)), 0)
    return "".join(sentences[first:])


class Compared(NamedTuple):
    """Two names a question compares: the words that compare them, the one asked of, the one it is compared with, and
    whether the one compared with came first (「Bと比べてAは」), a looser reading."""

    words: str
    asked: str
    other: str
    base_first: bool = False


def _than(payload: str) -> Compared | None:
    """「AはBより」「AってBと比べて」「AはBの10倍」「Bと比べてAは」: the two names, A (the one asked of) first."""
    than = Marks.THAN.search(payload)
    if than and payload.startswith("って", than.end(1)) and than.end(1) not in _topic_marks(payload):
        than = Marks.THAN_WA.search(payload)  # 「寄り添って支える事業は…」: a verb's て-form, not 「Aって、Bと比べて」
    than = than or Marks.TIMES.search(payload)
    if than:
        return Compared(than.group(0), than.group(1), than.group(2))
    base = Marks.BASE_FIRST.search(payload)
    return Compared(base.group(0), base.group(2), base.group(1), base_first=True) if base else None


def claimed_subject(payload: str) -> str | None:
    """The item a yes/no comparison is about: 「AはBより多いですか？」「AはBの10倍以上？」 → A, whose claim is checked
    against B."""
    than = _than(payload)
    if than:
        return _clean(than.asked)
    preferred = Marks.PREFERRED.search(payload)  # 「AとBでは、Aの方が多いですか？」
    return _clean(preferred.group(1)) if preferred else None


def named_phrases(payload: str) -> tuple[str, ...]:
    """What the question names before it asks about it, cut at every joiner: 「A と B、合わせると？」 → (A, B)."""
    return next(_cuts(_head(payload)), ())


@lru_cache(maxsize=1024)
def _particles(text: str) -> dict[int, str]:
    """Where each particle (助詞) starts, and what it is, as Sudachi reads the text: 「伴走事業って」 has a particle
    「って」, 「寄り添って」 has 「っ」+「て」; 「山里バスと」 has 「と」, 「まとめた」 none. By hand because no regex tells them
    apart; cached because a question's names are cut several times."""
    found, at = {}, 0
    for m in all_morphemes(text):
        if m.pos == "助詞":
            found[at] = m.surface
        at += len(m.surface)
    return found


def _topic_marks(text: str) -> frozenset[int]:
    """Where 「って」 is a particle of its own (「伴走事業って」), not a verb's て-form (「寄り添って」)."""
    return frozenset(at for at, surface in _particles(text).items() if surface == "って")


KANA_JOINERS = frozenset({"と", "とか", "や"})
"""Joiners that are also letters inside words: a cut there needs Sudachi to read a particle."""


SENTENCE_END = re.compile(r"(?:[。！!\n]|…+|\.{3,})+\s*")
ASKED_END = re.compile(r"(?:[。！!？?\n]|…+|\.{3,})+\s*")
"""Where a sentence ends before the one that names the items (「交付金って2つ出てきますよね？AとB。比べたい」)."""


SAID_NAME_JOINED = re.compile(r"って(?:いう|言う)?(?:の|やつ|もの)(?=と|や|、)")
"""「Aっていうのと、B」「Aってやつと、B」: a name said as heard, joined to the next."""
SAID_NAME_END = re.compile(r"って(?:いう|言う)?(?:の|やつ|もの)と?$")


def _head(payload: str) -> str:
    """The part of the question that names things: a parenthesised list if there is one, else before the tail."""
    for listed in Marks.LISTED.finditer(payload):
        inside = listed.group(1)
        if re.search(r"[?？]", payload[: listed.start()]):
            continue  # 「…いくら？（税制とか事項要求は除いて）」: a remark after the question, not the names
        if Marks.JOINER.match(payload, listed.end()):
            continue  # 「…取組（郷土学習とか専門高校とか）と、…」: examples of the first name, which goes on to the next
        if Marks.JOINER.search(inside) and not MONEY_FIGURE.fullmatch(inside.strip()):
            return inside
    text = MONEY_FIGURE.sub("", payload)
    for tail in Marks.TAIL.finditer(text):
        if tail.group(0) == "って" and tail.start() not in _topic_marks(text):
            continue  # 「寄り添って手伝う事業」: a verb's て-form inside a description, not 「Aって」
        if tail.group(0) == "って" and SAID_NAME_JOINED.match(text, tail.start()):
            continue  # 「Aっていうのと、B」: A said as a name, and the names go on
        if not (tail.group(0).startswith("の") and Marks.JOINER.match(text, tail.end())):
            return text[: tail.start()]  # 「Aの予算とBの予算、合わせると」: the names go on after 「の予算と」
    return text


def _cuts(head: str) -> Iterator[tuple[str, ...]]:
    """Every way of cutting ``head`` at its joiners, the most pieces first; the question's own words end it."""
    particles = _particles(head)  # 「まとめた」「買いやすく」: a と or や inside a word joins nothing
    inside = {i for m in re.finditer(r"\([^()]*\)", head) for i in range(m.start(), m.end())}  # 「…取組(AとかBとか)」: examples
    joiners = [m for m in Marks.JOINER.finditer(head)
               if (m.group(0) not in KANA_JOINERS or m.start() in particles) and m.start() not in inside][:MAX_CUTS]
    seen: set[tuple[str, ...]] = set()
    for n in range(len(joiners), -1, -1):
        for chosen in combinations(joiners, n):
            bounds = [0, *(x for m in chosen for x in (m.start(), m.end())), len(head)]
            parts = _names([head[a:b] for a, b in zip(bounds[::2], bounds[1::2])])
            if parts and parts not in seen:
                seen.add(parts)
                yield parts


FISCAL_YEAR = re.compile(rf"^(?:{YEAR_WORD})の?")
"""A year before the question's words (「…、令和N年度の要求額を確認したい」): not the start of a name."""


def _names(pieces: list[str]) -> tuple[str, ...]:
    parts: list[str] = []
    for part in map(_clean, pieces):
        if not parts and COUNT_FIRST.fullmatch(part):
            continue  # 「2つの交付金、AとBの差額は？」: how many it names, then the names
        if Marks.SEVERAL.match(part) or Marks.QUESTION.match(FISCAL_YEAR.sub("", part)):
            break  # the question begins: 「予算が大きいのは」「合わせると」
        if len(part) >= 2:
            parts.append(part)
    return tuple(parts)


ITEM_COUNT = re.compile(r"(?<![\d.])([2-9二三四五六七八九])(?:つ|件|個|事業)")
"""「3つ合計すると？」「…の３つ」: how many items a question about several counts."""
COUNT_FIRST = re.compile(r"(?:この|これら?の?)?(?:[2-9]|[二三四五六七八九])(?:つ|個|件)の?(?:交付金|事業|施策|取組|取り組み|項目)?")
"""A count said before the names it counts (「2つの交付金」)."""


WHERE_FOUND = re.compile(r"^.*(?:に出てくる|に出ている|に出てる|に載っている|に載ってる|に並んでいる|に並んでる|にある)")
"""Where the asker saw the names (「資料の『人や企業の地方分散』に出てくるAとB」): not part of the first name."""


LEADING_CONJUNCTION = re.compile(r"^(?:で|それで|じゃあ?|では|それでは|あと|ところで|さて|そしたら|なら|だったら)(?:[、,]\s*|$)")
"""A conjunction that opens the turn (「で、予算額のほうは？」): it carries on the conversation, it names nothing."""


AMOUNT_AFTER = re.compile(r"の(?:約|およそ)?[\d,.]+(?:兆|億|万)?円$")
"""A figure the asker writes after the item's name (「循環経済の72.0億円」)."""


def _clean(part: str) -> str:
    part = WHERE_FOUND.sub("", LEADING_CONJUNCTION.sub("", part))
    part = part.strip(" 「」『』\"'()（）?？。、")
    part = AMOUNT_AFTER.sub("", part)  # 「循環経済の72.0億円は…より多い？」: the item, not the figure said of it
    part = SAID_NAME_END.sub("", part)  # 「再エネで地域脱炭素っていうの」: the name as heard
    while (shorter := Marks.GENERIC_END.sub("", part).strip(" 「」『』\"'()（）")) != part:
        part = shorter  # 「…構想等の3つ」: each trailing word in turn
    return part
