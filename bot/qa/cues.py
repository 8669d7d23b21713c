"""The cues a question gives about the answer it wants: yes/no or how much, more or less, which figure.

A mixin of :class:`~bot.qa.question.Question`: each cue is read once from the cleaned text (``payload``),
so the composer and the re-ranker read a field instead of matching the raw text again.
"""

from __future__ import annotations

import re
from functools import cached_property

from bot.qa.patterns import (
    ABOVE,
    ALSO_INCLUDED,
    APPROX_FIGURE,
    BOUND,
    BUDGET_SUBJECT,
    COUNT_BOUND,
    DONE_CLAIM,
    FIGURE_CUES,
    INCLUDED,
    INTENT_PATTERN,
    KANSAI_TAG,
    LISTY,
    MAIN_ITEMS,
    MINISTRIES_OVERLAP,
    NEGATED,
    PREMISE,
    RANK,
    SAID_BEFORE_ASKING,
    SAME_MINISTRIES,
    SHARED,
    SUBTRACTED,
    WH,
    WHEN_WORD,
    WHOLE,
    WHOLLY_ONES,
    WHY_WORD,
    WRITTEN_CLAIM,
)
from bot.qa.vocabulary import Vocabulary, loose
from bot.text import compact, digit_value

KIND_ASKED = re.compile(r"(?:どの|どんな|どういう|何という|なんという|なんていう|何ていう|何て|何の)([一-龥ァ-ヶー][一-龥ぁ-ゖァ-ヶー]{1,7}?)(?=の|が|を|に|で|は|って|[?？、。]|$)")
"""「どの税制」「なんていう制度」: the noun the question asks which one of."""


def _claimed(clause: str) -> str | None:
    """What a clause claims, after the topic it is said of (「…について、」「…って、」); None when it asks what."""
    claim = re.sub(r"^.*(?:について|では|には|は|って)、", "", clause)
    return None if WH.search(claim) else claim


def _cue(pattern: str | re.Pattern[str], doc: str) -> cached_property:
    """A yes/no field of the question: does its cleaned text match ``pattern``."""
    compiled = re.compile(pattern)

    def read(self: QuestionCues) -> bool:
        return bool(compiled.search(self.payload))

    read.__doc__ = doc
    return cached_property(read)


WH_ASKS = re.compile(r"どのよう|どう(?:なって|いう|やって|書|記)|どんな|どこ(?!か)|" + WHEN_WORD + r"|誰(?!か|も)|だれ(?!か|も)|どれ(?!か|も|だけ)")
"""A wh-word that makes a question ending in 「…ますか」 ask for something rather than for はい/いいえ."""


INCREASE = "増|ふえ|ふや|伸び|のび|アップ"
DECREASE = "減|へっ|へら|へる|ダウン"
TIMES_CLAIM = re.compile(r"(?<!何)(\d+(?:\.\d+)?)?倍(以上|超|近く|くらい|ぐらい|程度|ほど)?")
"""A ratio claimed between two figures (「10倍以上」「倍くらい」; 「十倍」 is in digits by then)."""


SMALLEST = "最小|小さ|少な|低い|少額|低額"
LARGEST = "最大|大き|多い|高い|高額|多額"
"""The words of the two ends of a ranking (「一番小さい」「最大」)."""
REQUESTED = re.compile(r"(?:て|で)(?:もらえ|いただけ|頂け|くれ)(?:ます|ません)(?:か|でしょうか)[?？。]?$")
"""A request for something to be done (「金額を並べてもらえますか」), whose ますか asks no はい/いいえ."""
CLAIM_SPLIT = re.compile(r"(?<=[。?？!！])")
"""Where a claim ends: 「…は総務省だよね？いくら？」 states a claim before asking, though the turn as a whole asks."""
TAG_CLAIM = re.compile(r"(?:よね|でしょ|っけ)[?？。!！]$")
"""A sentence of its own that states and asks back (「…は総務省だよね？」), before another that asks; 「…もらえますか。」
asks."""


class QuestionCues:
    """Yes/no or wh-, increase or decrease, rate, smallest, the numbers written, the kind of figure wanted."""

    payload: str
    vocab: Vocabulary

    listy = _cue(LISTY, "Has a word that asks for several records (すべて, 一覧, どれ, …は).")
    @cached_property
    def asserts(self) -> bool:
        """States something for the bot to confirm (「…ですよね？」「本当？」); a wh-question (「どれなんですか？」)
        asks instead of stating."""
        text = self.payload
        if REQUESTED.search(text) and not SAID_BEFORE_ASKING.search(text):
            return False  # 「…並べてもらえますか」 asks for something to be done, states nothing
        return bool(SAID_BEFORE_ASKING.search(text)) or bool(PREMISE.search(text)) and not any(
            loose(text[m.start() : m.start() + 6]) not in self.vocab.loose_text for m in WH.finditer(text)
        )  # 「誰も取り残さない」 is the document's words, not a question word

    @cached_property
    def tagged_claims(self) -> list[str]:
        """Sentences that state and ask back (「…は総務省だよね？」) before the one that asks: claims, though the turn as a
        whole asks (「いくら？」)."""
        parts = [p for p in CLAIM_SPLIT.split(self.payload) if p]
        return [p for p in parts[:-1] if TAG_CLAIM.search(p)]

    superlative = _cue(INTENT_PATTERN["superlative"], "Asks for the largest or smallest (一番, 最も).")
    mentions_increase = _cue(INCREASE, "Speaks of an increase (増えた, ふえてる, 伸びた).")
    mentions_decrease = _cue(DECREASE, "Speaks of a decrease (減った, へってる).")
    mentions_change = _cue(f"{INCREASE}|{DECREASE}", "Speaks of an increase or decrease.")
    claims_only = _cue(
        r"だけ(?!でなく|ではなく)|のみ(?!ならず)|オンリー|しか(?:ない|無い|考え|でき|対象|使え)|に限(?:る|られ|定)",
        "Claims that something is limited to one thing (「まるごと移す方法だけ？」): checked against 「…だけでなく」.",
    )
    claims_new = _cue(
        r"新たに(?:実施|創設|始め|設け|作)|新しく(?:創設|始ま|作|でき|設け)|新設|新規(?:の|に|事業)|初めて",
        "Claims that a measure is new (「新たに実施するもの？」): checked against the record's 新たに/創設.",
    )
    claims_existing = _cue(
        r"(既にある|すでにある|既存|拡充|従来の|前からある)(?![^。?？]{0,6}(ではなく|じゃなく|ではない|じゃない))",
        "Claims that a measure already exists and is only extended (「既にある制度の拡充ですよね？」; not 「既存制度の拡充ではなく」): "
        "checked against the record's 新たに/創設.",
    )
    claims_ended = _cue(
        r"(?<![いけ少])(?:無く|なく)な(?:った|っちゃ|る)|廃止(?:され|に(?:な|す))|打ち切(?:られ|り)|(?:終了|終わ)(?:し|っ)(?:た|ちゃ)|(?:もう|で)(?:終わり|終了)(?:に(?:な|す)|する|だ|です)",
        "Claims that a measure has ended (「地方大学の交付金ってもう無くなったんでしょ？」): a measure the document requests "
        "money for has not; 「担い手がいなくなった地域」 says nothing of a measure, 「少なくなる」 is a decrease.",
    )
    asks_earlier_figure = _cue(
        r"(?:いくら|何億円?|どれ(?:くらい|ぐらい)|どのくらい)(?:だった|でした|やった)",
        "Asks what an earlier figure was (「令和N年度当初ではいくらでしたか？」), not how much it changed.",
    )
    asks_why_changed = _cue(
        WHY_WORD + r"[^。?？]{0,24}(増|減)|(増|減)[^。?？]{0,12}(理由|背景|わけ|" + WHY_WORD + ")",
        "Asks why a figure rose or fell: a budget summary states figures, never the reasons for a change.",
    )
    presupposes = _cue(
        r"(の|ん)(は|って)" + WHY_WORD + "|" + WHY_WORD + r"[^。?？]{0,30}(の|ん)(です|でしょう)?か?[?？]?$",
        "Asks why something is so (「…に外務省が入ってるのはなぜ？」): what it takes as given is a claim to check, though "
        "the reason is not written.",
    )
    names_doer = _cue(
        r"(?:省|庁|府|官房)(?:が|の)(?:所管|担当|出して|出し|要求|計上|やって|進めて|実施|主導)",
        "Takes a ministry as the one in charge on the way to what it asks (「国交省が出してる…って何に使う？」「文部科学省が所管"
        "する…について教えて」): a claim to check, though nothing is asked of it.",
    )
    asks_about_increase = _cue("増額|増え|増加", "The increase itself is the subject (「増額分のうち…」).")
    seeks_confirmation = _cue(
        "ですよね|本当|ホント|ほんと|同じ(額|金額)?[?？]$|ですか|ますか|(ん|っ)すか|でしょうか|だよね|なの[?？]|でしたっけ|だっけ|合って|(で|ていい)(ですか|の)?[?？]?$"
        "|(た|る|い|ます|合う|(?<!い)く)[?？]$|[うくすつぬむるぐぶた][のん][?？]$|(って|という)こと(です|でしょう|で(いい|OK|ok|合って|間違いない)|だ?よね)?か?[?？]$|(い|た|る)よ[ねな][?？]?$|済み?[?？]$|(る|た|の)(やつ|もの|の)[?？]$|(だけ|のみ)[?？]$|(増額|減額|増加|減少)(要求)?[?？]$|" + KANSAI_TAG,
        "Ends like a yes/no question (「…ですか」「本当？」「金融庁がやるやつ？」「去年より増額要求？」), so the answer may lead with はい/いいえ.",
    )
    asks_pillar = _cue(
        r"(どの|どこの|何の|何番(?:目)?の)[▶▷■□●○]?の?(柱|分野|枠|カテゴリ|項目|政策パッケージ|分類|区分|見出し)|(柱|分野)(で|として)?(いう|言う)と(どこ|どれ|何)"
        r"|(柱|分野)(は|って|の(?:うち|中)(?:で|の)?)(どこ|どれ|何)|どこに(入って|入る|属|含まれ|位置づけ)"
        r"|(どういう|どんな|どのような)(目的の)?(分野|枠|柱|カテゴリ|区分)(の(?=施策|事業|取組|取り組み|もの|やつ|話|予算|政策|支援(?:として|に|で|策|の))|に|と|で|と?して)",
        "Asks which pillar a measure sits under (「それって柱でいうとどこ？」「どの柱の主な事業か」).",
    )
    asks_beyond_amount = _cue(
        r"何(?!億|円|万)|なん(?:て|という|の)|どの(?!くらい|ぐらい)|どんな|どう(?!して)|どれ|名前|名称|いつ|期間|目安|内容|(?<![0-9])数(?![値字])|いくつ(?!か|も)|「|分野|含|とは",
        "Asks something besides how much (「要求額と何を策定するのか」「拠点数と要求額」): what the text says is added.",
    )
    asks_note = _cue(
        r"※|注記|注釈|「等」|等[」』]?(の中身|には何|に(は)?何が)|(何|なに)(が|を)含",
        "Asks what a marked word covers (「広域地方計画等の「等」には何が含まれる？」「※って何？」): the note answers.",
    )
    asks_background = _cue(
        r"きっかけ|背景|経緯|(?:なぜ|どうして)(?:始め|進め|必要|やる|行う|作)",
        "Asks what led to a measure (「それを進めるきっかけになった出来事は？」): what it says it is built on answers.",
    )
    asks_existence = _cue(
        r"(ある|あります|入って(る|い|ます)|含まれて(る|い|ます))(の|ん)?(です)?か?[?？]?$",
        "Asks whether there is any (「デジタル庁がかかわってる施策ってある？」): a list answers it with はい first.",
    )
    @cached_property
    def yes_no(self) -> bool:
        """A yes/no question: it asks to confirm (「…ですか」「…るの？」) and asks no how-much or what, so the answer
        leads with はい/いいえ."""
        return self.seeks_confirmation and not self.asks_quantity and not any(  # 「どのように記載されていますか」 asks how
            loose(self.payload[m.start() : m.start() + 6]) not in self.vocab.loose_text for m in WH_ASKS.finditer(self.payload))

    asks_quantity = _cue(
        "何(?!か[のがにをでもは]|も(?:ない|無い|なし|ありませ))|いくら|どのくらい|どれくらい|どれだけ",
        "Asks how much or what: a wh-question, not a yes/no one (「何かの内数」「何もない」 are not one).",
    )
    asks_measured = _cue(r"何[ァ-ヴー一-龥A-Za-z]", "Asks for a number in some unit (何ギガワット, 何年, 何か所): a figure, not a description.")
    asks_ministries = _cue(r"担当|省庁|府省|(?:どの|どこの)(?:省|庁|役所)|何省(?!庁)|所管|役所",
                           "Asks who is in charge as well (「それぞれの担当と合計額」).")
    asks_amount = _cue(
        r"いくら|要求額|予算額|金額|何億|予算(は|と|も)|(どれ|どの)(くらい|ぐらい|だけ)の?(お金|予算|額)|(お金|予算)を?(どれ|どの)(くらい|ぐらい)",
        "Asks how much as well (「期間と要求額も教えて」「どれくらいのお金を…？目標の人数も」).",
    )
    asks_text = _cue(
        r"何と(書|言|記)|どう(書|記)|どのように(書|記)|どんなこと(が|を)(書|記)"
        r"|って(?:何|なに|なん)(?:です|でしょう|なの|だ|[?？])|とは(?:何|なに)|どういう(?:もの|事業|制度|施策|取組|内容)",
        "Asks what the document writes as well (「…について何と書いていますか？要求額も」「…って何ですか？どこの省庁が…」).",
    )
    claims_request = _cue(r"要求して|要求した|要求され|要求額|要求する|\d(?:億円|兆円|億|万円)の要求|概算要求(?:って|は|が)(?:総額|合計|全体で)?[^。?？、]{0,3}\d",
                          "Claims what is requested (「概算要求って総額2,037億円だよね？」): a figure it states is checked against the amount only.")
    @cached_property
    def narrowed_by(self) -> str:
        """The question without what a list is to include besides (「主な事業も含めて」「金額のないものも含めて」): what is
        left names what it is narrowed to."""
        return ALSO_INCLUDED.sub("", self.payload)

    @cached_property
    def asks_listed_items(self) -> bool:
        """Asks about the 主な事業 line items, not the measures (「一番小さい主な事業は？」); not 「主な事業も含めて」."""
        return MAIN_ITEMS.search(self.narrowed_by) is not None
    asks_rate = _cue("割|%|パーセント|率", "Asks for a rate or percentage (割, %, 率).")
    @cached_property
    def asks_total_of_items(self) -> bool:
        """Asks for the items added up (「合わせると？」); 「…の合計」 beside 「どっちが大きい」 names a total compared."""
        adds = list(re.finditer(r"(?:合わせ|あわせ)(?!て(?:教え|おしえ|お知らせ|ご教示|知りた|お願い|伺|確認))|合計|合算|足す|足し|たすと|たしたら|両方で|全部で|計で|トータル|(?<![\d円])\+|(?:[2-9]|[二三四五])つで(?=いくら|何億|なん)", self.payload))
        compares = re.search(r"どっち|どちら|比べ|くらべ|比較|差|開き|違い|違う|大きい|多い|少ない|小さい", self.payload)
        return bool(adds) and not (compares and all(self.payload[max(m.start() - 1, 0):m.end()] == "の合計" for m in adds))

    asks_whole_amount = _cue(
        "全額|別枠|(丸ごと|まるごと|すべて|全部|だけのため|ためだけ|だけに使|専用|そのもの).{0,12}(お金|予算|金額|額|費|計上|使われ|使う|充て|要求|用意|確保|(付|つ)く(?!る)|出る)"
        "|(施策|事業|取組)の(ぶん|分)(は|が)?(丸ごと|まるごと|すべて|全部)"  # 「その65.4億円で、この施策のぶんは全部ってこと？」
        "|純増|(単独|単体)の(金)?額",  # 「内数じゃなくて単独の金額ですよね」「394.7億円が純増で付く」
        "Asks whether a figure is all for this measure (「全額その施策のためのお金ですか」「まるごと別枠で要求？」「事業そのものに"
        "394.7億円が要求された」「純増で付く」「単独の金額」).",
    )
    ranks_by_ministries = _cue(
        r"(府省庁|省庁|府省|官庁)の?(数|多さ)|(府省庁|省庁|府省|官庁)が(一番|最も|いちばん)?(多い|少ない|多く|少なく)",
        "A superlative over how many ministries are in charge, not over the amount.",
    )
    counts_by_ministry = _cue(
        r"(府省庁|省庁|府省|官庁|省|庁)(ごと|別)の?(施策|事業|取組)?の?(数|件数)"
        r"|(施策|事業|取組|名前|回数|件数)[^。?？]{0,10}(一番|最も|いちばん)(多い|少ない)(府省庁|省庁|府省|官庁|省|庁|役所)"
        r"|(一番|最も|いちばん)(施策|事業|取組)(の数)?が?(多い|少ない)(府省庁|省庁|府省|官庁|省|庁|役所)"
        r"|(どの|どこの)(府省庁|省庁|府省|官庁|省|庁|役所)が[^。?？]{0,6}(施策|事業|取組)(の数)?が?(一番|最も|いちばん)?(多い|少ない)",
        "Asks how many measures each ministry is in charge of (「施策が一番多い省庁は？」「省庁ごとの施策数」), counted over the "
        "document, not how many ministries one measure has.",
    )
    asks_if_decided = _cue(
        "(決まった|確定した|確定|成立した|決定した|最終的な)(額|予算|金額)|成立済|確定済|決定済|(決まって|きまって|確定して|成立して)(い)?(ます|る)(か|の|[?？])"
        "|(決まった|確定した|成立した|決定した)、?(という|って|との|と(?:理解|認識|考え|聞|伺|報じ|書|言))"
        "|(決まって|確定して)[^。?？]{0,6}?(載って|書いて|記載されて|出て)(い)?(ます|る)(ん|の)?(です)?(か|[?？])",
        "Asks whether a figure is the decided budget (it is a request: いいえ), not what was decided; 「…で確定した、"
        "という理解で問題ないですか」「…で決定したと聞きました」「もう決まって載ってるんですか」 too.",
    )
    names_last_year = _cue(
        "前年|昨年|去年|前の年|当初|比べ|比較|対前年|前回", "Compares with the previous year, not only speaks of growth."
    )
    asks_each = _cue("それぞれ|両方|どちらも|各々|ともに", "Asks the same of each of several things (「それぞれいくら増えた？」).")
    @cached_property
    def asks_shared(self) -> bool:
        """Asks whether several items share something (「AとB、どっちも環境省？」「どちらも税制改正要望がついてますか」
        「同じ役所の担当？」): a yes/no question, or a clause of one ending in 「？」 before a request
        (「どっちも農水省が入ってる？金額も知りたい」)."""
        found = SHARED.search(self.payload)
        if found is None:
            return False
        clause = re.match(r"[^。?？]*[?？]", self.payload[found.start():])
        return self.yes_no or (clause is not None and not WH_ASKS.search(clause.group(0)) and not self.asks_quantity)

    asks_common_ministries = _cue(
        r"(?:どっち|どちら|両方|いずれ|2つ|二つ|ふたつ)(?:に|で|と)?も[^。?？]{0,8}?(?:省|庁|担当)(?:は|って|を|[?？]|$)"
        r"|共通(?:して(?:いる|る)?|の|する)(?:省|府省|担当)",
        "Asks which ministries several items have in common (「どっちにも入ってる省は？」), not whether they share them.",
    )
    asks_ministries_overlap = _cue(MINISTRIES_OVERLAP, "Asks whether several items share any ministry (「担当省庁かぶってる？」).")
    asks_same_ministries = _cue(SAME_MINISTRIES, "Asks whether several items have the same ministries (「同じ役所の担当？」).")
    asks_times = _cue("何倍|なんばい|何分の|倍に|倍増", "Asks how many times last year's figure (「前年の何倍？」).")
    @cached_property
    def claimed_times(self) -> tuple[float, str] | None:
        """「AはBの10倍以上ですか？」「倍くらい？」: the ratio a yes/no question claims, and how it is bounded (以上, 超,
        or about); 「倍」 alone is twice. None when it asks how many times (「何倍？」)."""
        found = TIMES_CLAIM.search(self.payload)
        if found is None or not self.yes_no:
            return None
        return float(found.group(1)) if found.group(1) else 2.0, found.group(2) or ""

    asks_unstated_part = _cue(
        "内数(の|って)?(部分|分|うち)(?!を?(除|抜|のぞ|以外|別))|分だけ(だと|で|の)|だけだと",
        "Asks the figure of part of a (内数) amount (「その内数のうち、CCRCの分だけだと」), which the document never states.",
    )
    asks_only = _cue(
        "(?<!どれ)(?<!どん)(?<!いた)(?<!頂)(?<!それ)(?<!これ)(?<!もの)(?<!やつ)(?<!施策)(?<!事業)(?<!項目)(?<!取組)だけ(?!ど|れど)|のみ|オンリー"
        "|単独(?![^。?？]{0,24}も含め)|" + WHOLLY_ONES.pattern,
        "Claims something is the only one (「文部科学省だけが担当？」); not いただけ (「挙げていただけますか」), 「それだけ？」 "
        "(is that all: asks for the others), 「環境省がからんでるものだけ」 (those, selected) or 「単独のものも…共同のものも含めて」.",
    )
    asks_which = _cue(r"どの(?!くらい|ぐらい|よう)|どれ(?!くらい|ぐらい|だけ)", "Asks which (「どの施策に入ってる？」), not whether.")
    claims_nothing_else = _cue(
        r"\d[\d.,]*(?:億|兆|万)?円?(?:だけ|のみ|きり|ぽっきり)(?!で?な)"
        r"|(?:ほか|他|それ以外|以外)(?:に|には|は)?[^。?？]{0,8}?(?:一切|何も|全く|まったく)?(?:なし|無し|ない|ありません)",
        "Claims a figure is all there is (「2,444億円だけ」「ほかに上乗せは一切なし」): the parts added to it (＋事項要求) "
        "make that claim wrong.",
    )
    claims_unchanged = _cue("据え?置|同額|変わらない|横ばい", "Claims a figure did not change from last year.")
    claims_every_place = _cue(
        r"全(?:都道府県|市町村|自治体|国の(?:都道府県|市町村|自治体))|(?:すべて|全て|全部)の(?:都道府県|市町村|自治体)|47都道府県",
        "Claims every prefecture or municipality takes part (「全都道府県が参加してるんでしょ？」): a count of them in the "
        "record makes that claim wrong.",
    )
    claims_no_money = _cue(
        r"(?:金額|予算額?|お金|額)(?:は|が|も)?(?:ゼロ|0円|ついて(?:い)?ない|付いて(?:い)?ない|計上されて(?:い)?ない|出て(?:い)?ない|なし|無し)",
        "Claims a measure has no money of its own (「税制改正要望だけで金額はゼロ」): a figure in its amount makes that "
        "claim wrong.",
    )

    @cached_property
    def claims_negated(self) -> bool:
        """States a negative to confirm (「内数じゃないですよね？」): はい agrees that it is not, as Japanese answers do;
        unless the negative is a bound on a figure (「1億円に届いていないですよね」), which
        :attr:`premise_bounds` reads on its own."""
        flag = self.confirms_flag  # 「内数じゃなくて純額ですよね」: the flag is what is said not to hold
        flag_denied = bool(flag) and re.search(re.escape(flag) + r"(?:じゃ|では)なく", self.payload) is not None and (
            not self.asks_whole_amount)  # 「内数ではなく丸ごとこの施策の額」 claims the whole, which is checked as such
        return (bool(NEGATED.search(self.payload)) or flag_denied) and not self.premise_bounds

    compares_figures = _cue(
        SUBTRACTED + r"|どっち|どちら|比べ|くらべ|比較|差|開き|(?<!間)違[いう]|(?<!ま)ちがう|多い|多く|大きい|少ない|少な|小さい|大小|上回|下回|倍|分の|同じ|同額|等しい|順|並べ|ならべ",
        "Asks how several figures stand to each other (which is more, the difference, the ratio), not only each figure.",
    )
    asks_difference = _cue(
        SUBTRACTED + r"|差|開き|(?<!間)違[いう]|(?<!ま)ちがう|(?:いくら|何億円?|なんおく|どれ(?:くらい|ぐらい|だけ)|どの(?:くらい|ぐらい))(?:多|少|大き|小さ)",
        "Asks how far apart two figures are (「差額は？」「どれくらい違う？」), not only which is larger.",
    )
    claims_placement = _cue(
        r"(?:に(?:入って|含まれて|属して)(?:い)?(?:る|ます)(?:と思う|と思いますが)?|(?:の柱)?の(?:事業|施策|取組|取り組み)(?:だ|です))"
        r"(?:けど|けれど|けれども|が|から|ので)、?[^。]*?(?:いくら|何億|金額|額|予算)",
        "Places the measure it names under a pillar on the way to asking its amount (「ワット・ビット連携は(5)の柱に入ってる"
        "と思うけど、金額は？」): the pillar is a claim to check, not the scope to add up.",
    )
    asks_order = _cue(
        r"(?:大き|小さ|多|少な|高|安)い(?:もの|方|ほう)?(?:から)?順|金額の?順|額の?順|順番に|順に並べ|ランキング",
        "Asks several figures in order (「大きい順に並べて」), not one difference.",
    )
    asks_ascending = _cue(r"(?:小さ|少な|安)い(?:もの|方|ほう)?(?:から)?順", "Asks the order smallest first (「少ない順に」).")
    asks_which_of_two = _cue("どっち|どちら", "Asks which of two (「…の伸び率と全体の伸び率、どっちが大きい？」).")
    names_whole = _cue(WHOLE, "Names the whole budget (総額, 全体), perhaps beside a measure it names.")
    claims_more = _cue("多い|多く|上回|大きい|超え", "Claims one figure is larger than another (「…より多いですか」).")
    claims_less = _cue("少ない|少な|下回|小さい|満たない", "Claims one figure is smaller than another.")
    claims_same = _cue(
        "同じ|おなじ|同額|等しい|(どっちも|どちらも|両方とも?|いずれも)[^。?？]{0,6}\\d[^。?？]{0,6}(億|兆|万)",
        "Claims two figures are the same (「どちらも8.1億円で同じ金額ですか」「どっちも8.1億円って本当？」).",
    )
    @cached_property
    def rank_asked(self) -> int:
        """Which place a superlative asks for: 2 for 「2番目に大きいのは？」, else 1."""
        found = RANK.search(self.payload)
        return digit_value(found.group(1)) if found else 1

    asks_smallest = _cue(SMALLEST, "A superlative about the smallest rather than the largest.")
    asks_both_ends = _cue(rf"(?:{LARGEST})[^。?？]{{0,20}}(?:と|も)[^。?？]{{0,12}}(?:{SMALLEST})"
                          rf"|(?:{SMALLEST})[^。?？]{{0,20}}(?:と|も)[^。?？]{{0,12}}(?:{LARGEST})",
                          "Asks for the largest and the smallest (「一番大きい施策と一番小さい施策」).")

    @cached_property
    def budget_subject(self) -> str | None:
        """What the question asks the budget of, as written (「NEXT日本博の予算」 → NEXT日本博)."""
        found = BUDGET_SUBJECT.search(self.payload)
        return found.group(1) if found else None

    @cached_property
    def asks_included(self) -> str | None:
        """What the question asks is included in a measure (「ドローン航路も含まれていますか」 → ドローン航路)."""
        found = INCLUDED.search(self.payload)
        if found is None or WH.search(found.group(1)):
            return None  # 「…には何が含まれる」 asks what
        return re.sub(r"^.+?(?:の?対象に|には)", "", found.group(1))  # 「除雪支援の対象に豪雪地帯も」: the thing, not where

    @cached_property
    def premise_bounds(self) -> dict[str, tuple[str, float]]:
        """Money figures claimed as a bound, not a value (「1億円もいかないですよね」 → {"1": ("below", 1.0)}, in 億円):
        the answer compares the amount with them instead of looking for them in the record."""
        return {
            m.group(1): ("above" if m.group(3).startswith(ABOVE) else "below", float(m.group(1)) * (10000 if m.group(2) == "兆" else 1))
            for m in BOUND.finditer(compact(self.payload))
        }

    @cached_property
    def count_bounds(self) -> dict[str, tuple[str, float]]:
        """Counts claimed as a bound (「50自治体を超えていますか」 → {"50": ("above", 50.0)}): the answer compares the
        document's count with the same counter against them."""
        return {
            m.group(1): ("above" if m.group(2).startswith(ABOVE) else "below", float(m.group(1)))
            for m in COUNT_BOUND.finditer(compact(self.payload))
        }

    @cached_property
    def kinds_asked(self) -> tuple[str, ...]:
        """The nouns a question asks which one of (「なんていう税制の話？」 → 税制): the record's sentence that names
        it is quoted, even when the answer already says the word in passing."""
        return tuple(KIND_ASKED.findall(self.payload))

    @cached_property
    def quoted(self) -> tuple[str, ...]:
        """What the question quotes in 「」 or 『』 (「施策の新結合」): usually the document's own words."""
        return tuple(q for q in re.findall(r"[「『]([^」』]{2,40})[」』]", self.payload))

    @cached_property
    def written_claim(self) -> str | None:
        """What a yes/no question asks the document to write (「スマホのアプリで登録できるようにする旨の記載は
        ありますか」 → スマホのアプリで登録できるようにする); None when it asks nothing of the kind."""
        sentences = [t for t in re.split(r"(?<=[。！!？?])", self.payload) if t.strip()]
        # 「…この資料に出てきました。関係する予算はいくら？」: a statement before a question that asks what is no claim
        kept = [t for i, t in enumerate(sentences)
                if re.search(r"か[。！!]$", t) or not re.search(r"[。！!]$", t) or not any(map(WH.search, sentences[i + 1:]))]
        found = WRITTEN_CLAIM.search("".join(kept))
        if not found:
            return None
        claim = _claimed(next(g for g in found.groups() if g))
        if claim is None:
            return None  # 「この事業で何ができるんですか」 asks what, it claims nothing
        return re.sub(r"^(?:この)?資料(?:の中|のどこか)?(?:に|で|には)", "", claim).strip() or None

    @cached_property
    def asks_what_is_written(self) -> bool:
        """「…ロールモデルにするのは誰だって書いてある？」「設備投資はどのくらい伸びたと書いてありますか」: a wh-word after
        :attr:`written_claim` asks what the document writes of it, not whether: its sentence answers, with no はい."""
        claim = self.written_claim
        at = self.payload.find(claim) if claim else -1
        # up to the word that says it is written (「…って書いてある」), or its sentence's end: not a later question
        rest = re.split(r"書いて|書かれ|載って|記載|記述|言及|触れて|出て|[。？?！!]", self.payload[at + len(claim or ""):], maxsplit=1)[0]
        return at >= 0 and bool(WH.search(rest) or re.search(r"いくつ(?!か|も)|どう$", rest))  # 「…はどう書かれて」

    @cached_property
    def done_claim(self) -> str | None:
        """What a yes/no question asks the measure to do (「…って、学習指導要領を改訂してやるんですか」 → 学習指導要領を
        改訂してやる); None when it asks what, or asks for something to be written (:attr:`written_claim`)."""
        found = DONE_CLAIM.search(self.payload)
        if not found or self.written_claim:
            return None
        claim = _claimed(next(g for g in found.groups() if g))
        return None if claim is None or re.search(r"いくつ|なん|どれ|どんな|どう", claim) else claim  # 「…はどうするの？」

    @cached_property
    def approximate_numbers(self) -> frozenset[str]:
        """Figures the asker gives roughly (「約727億円」「727億円くらい」「727億円とか」): they hold when within
        :data:`APPROXIMATE` of the document's figure, so 727 against 727.2 is not a wrong figure."""
        text = compact(self.payload)
        return frozenset(m.group(2) for m in APPROX_FIGURE.finditer(text) if m.group(1) or m.group(3))

    @cached_property
    def stated_numbers(self) -> frozenset[str]:
        """The numbers the question itself writes (「2,444億円と2,374億円」)."""
        return frozenset(re.findall(r"\d+(?:\.\d+)?", compact(self.payload)))

    @cached_property
    def wanted_figures(self) -> tuple[re.Pattern[str], ...]:
        """The kinds of figure the question asks for: a year for いつ, a count of people for 何人."""
        return tuple(unit for cue, unit in FIGURE_CUES if cue.search(self.payload))
