"""The intent of a question: an ordered table of small named rules, the first that answers wins.

The most specific shapes come first (a question about the document itself, a term to define, a
share of the total), then scoped lists and sums, then the surface patterns in order, and last the
intent of the question this one follows up.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.models import Intent
from bot.qa.patterns import (
    AIM,
    BUDGET_CONTEXT,
    CLAIMED_CLAUSE,
    CLAIMED_SENTENCE,
    DESCRIBE,
    INTENT_PATTERN,
    INTENT_PATTERNS,
    SHARE,
    SUM,
    WHOLLY_ONES,
    detect_ministries,
)
from bot.text import compact

if TYPE_CHECKING:
    from bot.qa.question import Question

MINISTRY_CONFIRM = re.compile(
    r"(担当|所管)(ですか|ですよね|でしょうか|ですね|なの|[?？]$)|(も|が|は)(絡んで|からんで|関わって|かかわって|関与して)(い)?(る|ます|ん(?=の))(ん|の)?(です)?(か|[?？])|(担当|所管)して(い)?(る|ます)(ん|の)?(です|でしょう)?(か|よね|[?？])|(に|が|は|って)(入って|含まれて)(い)?(ますか|る[?？]|ますよね|ます[?？]|た[?？]|たっけ|たよね|ました(か|よね|[?？]))"
    r"|(省|庁|府)の(事業|施策|取組|管轄|要求|予算)(ですか|ですよね|でしょうか|なの|だよね|[?？]$)"  # 「…は文科省の事業？」「…って経済産業省の要求？」
)
"""Asks whether a named ministry is among those in charge."""
MINISTRY_DOES = re.compile(r"(省|庁|内閣官房|内閣府)が(やる|やって|担う|担って|受け持)")
"""「…って、金融庁がやるやつ？」: of a named measure, whether that ministry is in charge; 「環境省がやってるやつ全部」 names
none, and lists."""


Rule = Callable[["Question"], "Intent | None"]


ALL_MINISTRIES = re.compile(r"(?:担当|所管|関係)(?:の|して(?:い)?る|する)?(?:府省庁|省庁|府省|役所)[^。?？]{0,6}(?:全部|すべて|全て|一覧|リスト)"
                            r"|(?:担当|所管)を(?:全部|すべて|全て|ぜんぶ)")
"""Asks for every ministry in charge (「担当の省庁を全部教えて」「担当をすべて挙げて」)."""
WHICH_MINISTRIES = re.compile(r"(?:どこの|どの)(?:府省庁|省庁|府省|役所)(?:が|と)[^。?？]{0,4}(?:関わ|かかわ|担当|所管)")
"""Asks which ministries are in charge of something (「…施策って、どこの省庁が関わってるんですか」): never a list of the
measures of a ministry the asker heard of."""


def _document(q: Question) -> Intent | None:
    return "document" if q.about_document else None


def _glossary(q: Question) -> Intent | None:
    return "glossary" if q.glossary_term else None


def _figure(q: Question) -> Intent | None:
    """「6,000万人って何の数字？」: a figure written in the document, looked up where it is written."""
    return "figure" if q.looked_up_figure else None


def _share(q: Question) -> Intent | None:
    """A part of the whole (「総額のうち何割？」), not a comparison with last year."""
    if SHARE.search(q.payload) and not q.is_scoped and not (
        re.search(r"比べ|前年|去年|昨年|当初", q.payload) or q.names_previous_year
    ):
        return "share"
    return None


def _breakdown(q: Question) -> Intent | None:
    """「総額の内訳は？」: the headline lines that add up to the total, as the document states them."""
    return "breakdown" if q.asks_breakdown else None


def _pillar(q: Question) -> Intent | None:
    """「それって柱でいうとどこ？」: the heading a measure sits under."""
    return "pillar" if q.asks_pillar and not q.is_scoped else None


def _pillar_check(q: Question) -> Intent | None:
    """「特区推進事業は『4. 人や企業の地方分散』に入っていますよね？」: a named measure claimed to sit under a pillar
    (one the question names: a pillar an earlier question named is claimed of nothing here), or under a heading within
    one (「…『人材支援・人材育成』の事業でしょ？」)."""
    if (q.pillar_named or q.claimed_heading) and q.placed_item and q.asserts and not (  # 「それって4.の柱の事業ですよね」 too
            q.asks_quantity and (CLAIMED_SENTENCE.match(q.payload) or CLAIMED_CLAUSE.match(q.payload))):
        return "pillar"  # 「…のところだよね？同じ枠のもう一個はいくら？」 asks the second
    return None


def _items(q: Question) -> Intent | None:
    """Two or more named items: which is more, the difference, the sum, or each amount; how each changed from the
    previous year when every one of them states that year (「交付金の伸び率と全体の伸び率、どっちが大きい？」)."""
    if not q.items:
        return None
    compared = {compact(t) for t in q.profile.compared}  # the vocabulary's titles are compacted
    changes = _compares(q) and (q.names_previous_year or CHANGE.search(q.payload) or q.earlier_intent == "comparison")
    return "comparison" if changes and all(q.vocab.title_by_id(i) in compared for i in q.items) else "items"


CHANGE = re.compile(r"前年|昨年|去年|前の年|増え|減っ|減額|増額|増加|減少|伸び|対前年|当初|倍増|据え?置|横ばい")
"""Words of a change from the previous year; 差 and 比べ alone compare the items named with each other (「AとBの差」)."""


def _listed_in_group(q: Question) -> Intent | None:
    """「2.～5.の主な事業を全部足すと70億円になる？」: the 主な事業 lines under a group's pillars, added up; they are the main
    ones only, so their sum is set beside the total the group states, not taken for it."""
    return "sum" if q.group and q.asks_listed_items and SUM.search(q.payload) and not q.items else None


def _pillars_sum(q: Question) -> Intent | None:
    """「4.と5.の主な事業、まとめていくら？」: the lines of several pillars named, added up."""
    return "sum" if q.pillars_named and (SUM.search(q.payload) or TOGETHER.search(q.payload)) and not q.items else None


TOGETHER = re.compile(r"まとめて(?=、?(?:いくら|何億|の?金?額))")
"""「まとめていくら？」: together, of an amount (not 「まとめて教えて」, which lists)."""


def _group(q: Question) -> Intent | None:
    """A group of pillars whose total the document states: that total, not a sum of what was retrieved."""
    if q.superlative and not q.stated_amounts:  # 「2.～5.の中でいちばん大きいのは？」 ranks; 「計700億円とのことですが…」 is checked
        return None
    if q.group and q.named_item and q.named_item != q.group and SHARE.search(q.payload):
        return None  # 「Aって、2～5の計のうち何割？」: A's share of the group's stated total
    if q.flag and q.listy and not q.asserts:
        return None  # 「2.～5.の主な事業の中で、事項要求になってるのはどれ？」: those of the group the flag selects
    return "amount" if q.group and not _compares(q) else None


def _confirmation(q: Question) -> Intent | None:
    """「…は内数ですか？」「…は全額その施策のためのお金ですか？」「国会で決まった予算ですか？」: the amount, はい/いいえ first."""
    if q.confirms_flag or (q.asks_whole_amount and q.asserts) or (q.asks_if_decided and q.seeks_confirmation):
        return "amount"
    if q.named_item and q.premise_bounds and q.seeks_confirmation and not (q.items or _compares(q)):
        return "amount"  # 「主な事業にある『A』って、1億円より多く要求してる？」: A's amount against the bound
    return None


def _claimed_count(q: Question) -> Intent | None:
    """「全部で86自治体だっけ？」: a count the asker claims is checked against the sentence that states one; not when
    who is in charge is asked (「1か所で用事が済む話があるって聞きました。どこの役所が関わってる？」)."""
    return "targets" if q.premise_numbers and CLAIMED_COUNT.search(q.payload) and not q.asks_ministries else None


CLAIMED_COUNT = re.compile(r"\d+\s*(?:の)?(?:自治体|市町村|都道府県|県|人|か所|箇所|ヶ所|件|社|校|拠点|ブロック|団体)")
"""A number with a counter that is not money: a count."""


def _ministry_counts(q: Question) -> Intent | None:
    """「施策が一番多い省庁は？」「内閣官房・内閣府を除くと、名前が出てくる回数が一番多い省は？」: the measures of each ministry,
    counted over the document; one ministry named asks for its list (「国交省の施策はいくつ？」)."""
    named = set(q.ministries) - set(q.excluded_ministries)
    return "ministry_counts" if q.counts_by_ministry and len(named) != 1 else None


def _most_ministries(q: Question) -> Intent | None:
    """「担当府省庁の数が一番多い施策は？」: ranked over every measure by how many ministries are in charge."""
    return "superlative" if q.superlative and q.ranks_by_ministries and not q.ministries else None


MEASURES = re.compile(r"施策|事業|取組|取り組み|項目|もの")
"""Words for the measures a scope holds (「国土交通省の施策」「外務省が出てくる項目」)."""


def _ministry_check(q: Question) -> Intent | None:
    """「総務省の担当ですよね？」「…は経済産業省の担当ですか？」: a named ministry to confirm. 「金融庁の施策も入ってるの？」
    names no measure: whether there are any is a list."""
    if q.ministries and not (q.named_item or q.follow_up_of or q.carrying_nouns) and (MEASURES.search(q.payload) or q.asks_existence):
        return None
    if q.ministries and (MINISTRY_CONFIRM.search(q.payload) or (q.asserts and not q.listy)):
        return "ministry_check"
    if (q.named_item or q.follow_up_of) and any(detect_ministries(c, q.vocab.lexicon.ministries) for c in q.tagged_claims):
        return "ministry_check"  # 「…は総務省だよね？いくら？」「これって総務省の所管なんよね？」: checked, then the amount
    if q.ministries and q.named_item and q.asks_only and not (q.asks_quantity or q.listy):  # 「…って、経産省だけの要求？」
        return "ministry_check"
    if q.ministries and q.named_item and MINISTRY_DOES.search(q.payload) and q.seeks_confirmation and not q.listy:
        return "ministry_check"
    if q.ministries and q.named_item and q.seeks_confirmation and WHOLLY_ONES.search(q.payload):
        return "ministry_check"  # 「観光の予算は全部国交省の分ですよね？」: 全部 says the claim is of all of it, lists nothing
    return None


def _all_ministries_of_one(q: Question) -> Intent | None:
    """「観光の項目って、法務省も入ってるって聞いたんですが、担当の省庁を全部教えて」: one named measure's ministries, in
    full; the ministries named are what the asker heard, not a scope to list measures by."""
    if ((q.named_item or not q.ministries) and ALL_MINISTRIES.search(q.payload)) or WHICH_MINISTRIES.search(q.payload):
        # 「…全部教えて。環境省だけ？」 asks to confirm that the one named is all: a ministry check
        return "ministry_check" if q.asks_only and q.ministries else "ministries"
    return None


def _sum(q: Question) -> Intent | None:
    prev = q.previous
    if _owners_total(q) and asks_grand_total(q):
        return None  # 「内閣官房・内閣府が要求してる総額」: the headline total, which is that author's request
    if _placed_on_the_way(q):
        return None
    if SUM.search(q.payload) and (q.is_scoped or (prev and prev.intent in ("list", "sum"))) and q.count_asked is None:
        return "sum"  # not 「…の施策は全部で何件？」, which counts them
    return None


def _placed_on_the_way(q: Question) -> bool:
    """The pillar is said of the measure the question names, which is what is asked about (its amount, the pillar
    checked by the composer)."""
    return q.claims_placement and q.named_item is not None and q.placed_item == q.named_item


def _pillar_amount(q: Question) -> Intent | None:
    """「2. 安心して…の柱、金額は？」: no line states a pillar's own amount, so its items are shown (summed where they
    can be), not the amount of whichever measure a search finds; the pillar is named by its label as the document
    writes it, by its heading, or as a whole."""
    if not (q.pillar_named and not q.items and INTENT_PATTERN["amount"].search(q.narrowed_by)) or _compares(q):
        return None
    if _placed_on_the_way(q):
        return None
    label = compact(q.profile.pillar_label(q.pillar_named) or q.pillar_named)
    heading = q.vocab.title_by_id(q.named_item) if q.named_item else ""  # the pillar's own heading line, found by its name
    return "sum" if label == heading or label in compact(q.payload) or PILLAR_WHOLE.search(q.payload) else None


PILLAR_WHOLE = re.compile(r"(?:柱|分野|パート|章)?\s*(?:全体|まるごと)(?:で|の|だと|では|として)")
"""「(5)広域リージョン連携 全体で何億円」: the whole pillar, not the measure whose title shares its name."""


def _selection(q: Question) -> Intent | None:
    """Records chosen by a flag, an amount, the words they write or the earlier measure's section; not the flag of the
    measure named, asked which one (「本社機能の地方分散の『税制改正要望』は、どの税制？」)."""
    if q.flag and q.named_item and q.kinds_asked:
        return None
    if q.flag and q.superlative:
        return "superlative"  # 「内数ではない施策で一番大きいのは？」: the largest of those the flag selects
    return "list" if q.flag or q.asked_amount or q.same_section or q.mentioned else None


def _scoped_list(q: Question) -> Intent | None:
    """「国土交通省の施策は？」: a scope and a list word, nothing more specific."""
    if q.is_scoped and not q.superlative and (not q.asserts or q.asks_existence) and not _placed_on_the_way(q):  # 「…の施策も入ってるの？」
        label = q.profile.pillar_label(q.pillar) or "" if q.pillar else ""  # 「(5)広域リージョン連携の章には」: the pillar
        own = [n for n in q.own_nouns if not (label and (PART_WORD.fullmatch(n) or n in label))]  # by name, as a part
        if q.listy or q.count_asked == "" or ((MEASURES.search(q.payload) or (q.asks_existence and not q.follow_up_of))
                                              and not own):
            return "list"  # 「こども家庭庁が関係する予算ってある？」: whether there are any is the list
        if q.pillar_named and DIVISIONS.search(q.payload):
            return "list"  # 「横断的支援等って、どんな分野に分かれてる？」: its items, under the labels the document gives them
    return None


PART_WORD = re.compile(r"柱|章|分野|パート|部分|区分|カテゴリー?")
"""What a question calls a part of the document (「(5)の章」「(1)の柱」), naming nothing within it."""
DIVISIONS = re.compile(r"(?:どんな|どの|どういう|どのような|何の)(?:柱|分野|区分|カテゴリ)|分かれ|わかれ|構成され")
"""Asks what a pillar is divided into."""


def _list_follow_up(q: Question) -> Intent | None:
    """「それぞれの金額は？」 after a list."""
    prev = q.previous
    if prev and prev.intent in ("list", "sum") and not (q.own_nouns or q.superlative or q.other_item):  # not 「もう一つの方」
        if re.search(r"それぞれ|各|全部|すべて|金額|いくら|額", q.payload):
            return "list"
    return None


def _which_ministry(q: Question) -> Intent | None:
    if re.search(r"省庁|府省|官庁|(?:どこ|どちら)の(?:省|庁)|どの(?:省|庁)|(どこの|どの)役所|役所(は|って)", q.payload) and not q.ministries:
        return "ministries"
    return None


def _grand_total(q: Question) -> Intent | None:
    """「全部でいくら？」「総額は？」 with no scope: the headline total."""
    return "amount" if asks_grand_total(q) else None


def asks_grand_total(q: Question) -> bool:
    """Whole-budget words with no scope and no comparison."""
    text = q.payload
    return bool(re.search(r"全部で|合計|総額|全体(で|の(概算要求|予算|要求|金額|額))", text)
                and re.search(r"いくら|額|予算|\d(?:億|兆)円", text)) and not (  # 「全体で2,500億円超えてる？」: the total, checked
        (q.is_scoped and not _owners_total(q)) or _compares(q) or q.superlative  # 「全体で一番少額な施策」 ranks
    )


def _owners_total(q: Question) -> bool:
    """「内閣官房・内閣府が要求してる総額は？」 (not 「…の施策の合計」): the document's author's request is the whole budget."""
    return q.scoped_by_owner and not MEASURES.search(q.payload)


def _compares(q: Question) -> bool:
    """Words of a comparison with the previous year, or that year named (the document's own, from its profile); a
    change said of something other than money (「バスが減っちゃって」「人口が減る中」) compares no figures, and neither
    does what the asker tells before asking (「去年とうとう路線バスが廃止されてしまって…。」)."""
    asked = q.payload.strip()[len(q.told):]
    others = [m.span(2) for m in CHANGE_OF_OTHER.finditer(asked) if not BUDGET_CONTEXT.search(m.group(1))]
    others += [m.span() for m in WRITTEN_THERE.finditer(asked)]
    said = [m for m in INTENT_PATTERN["comparison"].finditer(asked)
            if not any(a <= m.start() < b for a, b in others)]
    return bool(said) or q.names_previous_year


CHANGE_OF_OTHER = re.compile(r"([一-龥ァ-ヶー]{1,8})(?:が|も)(減っ|減る|増え|増える|減少|増加|伸び)")
"""A change and what it is said of (「バスが減っ」「予算が増え」): only money's change is a comparison."""
WRITTEN_THERE = re.compile(r"[^、。？?！!]{1,40}?(?:って|と)(?:書いて(?:ある|た)|書かれて(?:いる|る|た)|載って(?:いる|る|た)|出て(?:くる|いる|る))")
"""What the asker saw written where the measure is (「設備投資が倍増近くまで増えたって書いてあるところ」): the
document's words that point at a record, not a comparison the asker asks for."""


TERM_ASKED = re.compile(r"([^、。?？!！]{3,40}?)って[?？]$")
"""「…に出てくる地域GXイノベーションモデルって？」: a term and nothing more asked of it."""
TERM_FOUND_AT = re.compile(r"^.*(?:に出てくる|に出てる|に出ている|に書いてある|にある|の中の)")
"""Where the asker saw the term (「そこに出てくる」): not part of it."""


def _term_asked(q: Question) -> Intent | None:
    """「地域GXイノベーションモデルって？」: a term the measures' text writes, but no title, asked with nothing more: what
    it is (a title asked so, 「特区推進事業って？」, gets its amount as any measure named alone)."""
    found = TERM_ASKED.search(q.payload)
    term = compact(TERM_FOUND_AT.sub("", found.group(1))) if found else ""
    if len(term) < 4 or q.vocab.df(term) == 0 or any(term in compact(t) for t in q.vocab.titles):
        return None
    return "definition"


def _other_figure_of_goal(q: Question) -> Intent | None:
    """「消費額の方は？」 after 「観光の目標は？」: another figure the earlier goal's text writes right after the word the
    follow-up names, not the measure's amount."""
    earlier = q.previous.named_item if q.previous and q.previous.intent == "targets" else None
    if not earlier:
        return None
    text, title = q.vocab.text_by_id(earlier), q.vocab.title_by_id(earlier)
    figured = any(w not in title and re.search(re.escape(w) + r"[^、。]{0,2}\d", text) for w in _own_words(q))
    return "targets" if figured else None


def _by_pattern(q: Question) -> Intent | None:
    """The first surface pattern that matches and whose guard holds."""
    text, prev = q.payload, q.previous
    for name, pattern in INTENT_PATTERNS:
        if not (_compares(q) if name == "comparison" else pattern.search(text)):
            continue
        budget_context = BUDGET_CONTEXT.search(text) or q.names_previous_year
        if name == "comparison" and not budget_context and not (prev and prev.intent == "amount"):
            continue
        if name == "comparison" and q.superlative and not q.names_previous_year and all(
                w in ("比べ", "比較") for w in INTENT_PATTERN["comparison"].findall(text)):
            continue  # 「…で比べると一番大きいのはどれ？」: the largest among them, not a change from last year
        if name == "list" and not (q.is_scoped or re.search(r"主な事業|すべて|全部|一覧", text)):
            continue
        if name == "list" and not q.is_scoped and q.named_item and _writes_beyond_title(q, q.named_item):
            continue  # 「誰も取り残さない支援体制で一本化する分野を全部教えて」: what its text lists, not measures
        told = [t for t in re.split(r"(?<=[。？?！!])", text) if t.strip()]
        asked = told[-1] if len(told) > 1 and not re.search(r"[?？]\s*$", told[-2]) else text  # after a told sentence
        if name == "targets" and re.search(r"いくら", asked) and not re.search(AIM + r"|目標|累計", asked):
            continue  # 「…な姿を目指すやつあるやん。あれいくら？」: the last sentence asks how much ( 「…目標もあったよね？いくら？」 asks the goal)
        if name == "definition" and re.search(r"いくら|何億|要求額|予算額|金額", text) and not DESCRIBE.search(text):
            continue  # 「NEXT日本博の創設には、いくら？」 asks how much, not what it is
        if name == "ministries" and q.ministries and re.search(r"施策|事業|取組|項目", text) and not q.named_item:
            return "list"  # 「国交省の施策は？」; 「誘客を促進する施策の担当は全部？国交省だけ？」 names its measure
        return name
    return None


def _as_before(q: Question) -> Intent | None:
    """A follow-up with no shape of its own asks what the earlier question asked; not what only the earlier question's
    own words could ask (the meaning of its term, where its figure is written)."""
    intent = q.previous.intent if q.previous else None
    if intent == "amount" and not (q.asks_amount or q.seeks_confirmation) and _written_beyond_title(q):
        return None  # 「その枠組みで連携して取り組むプロジェクトの例は？」 after its amount: what the measure's text writes
    return None if intent in ("glossary", "figure") else intent


def _written_beyond_title(q: Question) -> bool:
    """A word of the follow-up's own that the earlier measure's text writes and its title does not (プロジェクト,
    好循環): it asks about what the text says, not the amount again."""
    earlier = q.previous.named_item if q.previous else None
    return bool(earlier) and _writes_beyond_title(q, earlier)


def _writes_beyond_title(q: Question, record_id: str) -> bool:
    """A word of the question's own that the measure's text writes and its title does not."""
    text, title = q.vocab.text_by_id(record_id), q.vocab.title_by_id(record_id)
    return any(w in text and w not in title for w in _own_words(q))


def _own_words(q: Question) -> set[str]:
    """The question's own nouns of two or more characters that are not every budget question's words, compacted."""
    return {compact(t) for t in q.own_nouns if t not in q.vocab.stop_terms and len(t) >= 2}


RULES: tuple[Rule, ...] = (
    _document, _glossary, _figure, _breakdown, _pillar, _pillar_check, _items, _listed_in_group, _pillars_sum, _group, _confirmation, _share, _claimed_count, _ministry_counts, _most_ministries, _all_ministries_of_one, _ministry_check, _sum, _pillar_amount, _selection, _scoped_list, _list_follow_up,
    _which_ministry, _grand_total, _term_asked, _other_figure_of_goal, _by_pattern, _as_before,
)


def read_intent(q: Question) -> Intent:
    """The first rule's answer, or an overview of the best record."""
    for rule in RULES:
        found = rule(q)
        if found:
            return found
    return "overview"

