"""Reading a question: cleaning, intent, named ministries and pillars, and the terms that decide refusal."""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property

from bot.errors import InvalidQuestion
from bot.models import Turn
from bot.text import (
    all_morphemes,
    compact,
    morphemes,
    normalize,
    parse_amount_oku,
    reading,
    to_katakana,
)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
_TAG = re.compile(r"<[^<>]{0,200}>")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")
_KANA = re.compile(r"[\u3040-\u30ff\uff66-\uff9f]")
_CHINESE_HINT = re.compile(r"[的吗么们这说为预们关]|多少|什么|哪")

_INJECTION = re.compile(
    r"(指示|命令|ルール|設定|制約)(を|は)?(すべて|全て|全部)?(無視|忘れ)|システムプロンプト|プロンプトを(表示|出力|教え)"
    r"|あなたは(今から|これから)|ロールプレイ|資料にない(情報|こと)も|以降は|管理者より|開発者モード"
    r"|ignore (all )?(previous|prior|above)|system prompt|you are now|jailbreak|と答えて|と回答して|と出力して",
    re.IGNORECASE,
)
_ANAPHORA = re.compile(
    r"それ|その|これ|この|あれ|あの|そっち|そちら|こちら|同じ|上記|前述|前の|さっき|先ほど|そこ|じゃあ|では、|ほかに|他に|あと|ちなみに|該当"
)
_YEAR = re.compile(r"(令和|R|平成|H)\s*(\d{1,2})\s*年?度?|(?<!\d)((?:19|20)\d{2})\s*年")
_BUDGET_CONTEXT = re.compile(r"予算|額|億円|いくら|交付金|R7|令和7|当初|前年度|昨年度|去年|概算要求")
_SHARE = re.compile(r"割合|何割|何%|何パーセント|占め|うちどのくらい|うちどれくらい|うち何")
_LISTY = re.compile(r"すべて|全部|全て|一覧|どれ|挙げ|施策は|事業は|ものは|それぞれ|列挙|何があ|ありますか")
_SUM = re.compile(r"合計|足す|足し|合わせ(ると|て)|総額|トータル|全部で")
_PREMISE = re.compile(r"ですよね|だよね|ですか[?？]?$|でしたっけ|だっけ|本当|ほんと|じゃない|ではない|んですよね|と聞き")

MINISTRY_ALIASES = {
    "国交省": "国土交通省",
    "国土交通省": "国土交通省",
    "経産省": "経済産業省",
    "経済産業省": "経済産業省",
    "文科省": "文部科学省",
    "文部科学省": "文部科学省",
    "農水省": "農林水産省",
    "農林水産省": "農林水産省",
    "厚労省": "厚生労働省",
    "厚生労働省": "厚生労働省",
    "環境省": "環境省",
    "総務省": "総務省",
    "法務省": "法務省",
    "財務省": "財務省",
    "外務省": "外務省",
    "金融庁": "金融庁",
    "デジタル庁": "デジタル庁",
    "こども家庭庁": "こども家庭庁",
    "内閣官房・内閣府": "内閣官房・内閣府",
    "内閣官房": "内閣官房・内閣府",
    "内閣府": "内閣官房・内閣府",
}

# Everyday words mapped to the document's vocabulary: general Japanese, not tuned to any question.
COLLOQUIAL = {
    "田舎": "地方",
    "引っ越す": "移住 移転",
    "引っ越し": "移住 移転",
    "移り住む": "移住",
    "お金": "予算",
    "費用": "予算",
    "外国人観光客": "インバウンド 訪日外国人旅行者",
    "観光客": "観光",
    "会社": "企業",
    "本社": "本社機能",
    "学生": "インターンシップ 若者",
    "就業体験": "インターンシップ",
    "バス": "交通 ライドシェア",
    "電車": "交通",
    "足": "交通",
    "スマホ": "スマホ アプリ",
    "役所": "行政",
    "農業": "農林水産業",
    "ロボット": "ロボット 自動配送",
    "お年寄り": "高齢",
    "高齢者": "高齢",
    "子ども": "こども 子供",
    "子供": "こども 子供",
    "脱炭素": "脱炭素 再生可能エネルギー",
    "太陽光": "太陽光発電 再生可能エネルギー",
    "副業": "副業・兼業",
    "データセンター": "データセンター ワット・ビット連携",
    "地銀": "地域金融機関 地域金融",
    "信金": "地域金融機関 地域金融",
    "銀行": "金融機関 地域金融",
    "工場": "産業 産業用地",
    "土地": "用地 産業用地",
    "リサイクル": "資源循環 再生材",
    "ごみ": "廃棄物",
    "ゴミ": "廃棄物",
    "役場": "行政 行政機能",
    "窓口": "行政機能",
    "ベンチャー": "スタートアップ",
    "ベンチャー企業": "スタートアップ",
    "市役所": "地方公共団体 自治体",
    "町役場": "地方公共団体 自治体",
    "学校": "高校 学習",
    "外国人": "インバウンド 訪日外国人",
    "お店": "民間施設 スーパーマーケット",
    "都会": "都市部 都市",
    "若い人": "若者",
    "若者": "若者",
    "年寄り": "高齢",
    "近所": "地域",
    "地元": "地域 郷土 地元",
    "街づくり": "まちづくり",
    "道路": "インフラ 道路",
    "水道": "インフラ",
    "下水道": "インフラ 浄化槽",
    "電気": "電力",
    "ネット": "通信 光ファイバ",
    "アニメ": "アニメ コンテンツ",
    "車": "自動運転 交通",
    "補助": "支援 補助",
    "ジェトロ": "日本貿易振興機構",
    "JETRO": "日本貿易振興機構",
    "jetro": "日本貿易振興機構",
    "ハイテク": "先端技術 スマート",
    "ハイテク化": "先端技術 スマート",
    "引っ越しさせる": "移転",
    "独法": "独立行政法人 政府関係機関",
    "助成": "支援",
}

# Words that say what kind of answer is wanted but not what it is about.
STOP_TERMS = {
    "予算", "いくら", "幾ら", "金額", "額", "要求", "概算", "概算要求", "要求額", "教える", "下さる", "くださる",
    "ある", "いる", "する", "なる", "できる", "れる", "られる", "思う", "言う", "聞く", "知る", "分かる", "わかる",
    "何", "なに", "どこ", "どれ", "どの", "どう", "どんな", "いつ", "誰", "どれくらい", "どのくらい", "ぐらい", "くらい",
    "施策", "事業", "取組", "取り組み", "取組み", "政策", "担当", "省庁", "府省", "府省庁", "所管", "官庁", "省",
    "地方創生", "地方", "創生", "令和", "年度", "全部", "すべて", "全て", "一覧", "主", "主な", "教え", "お願い",
    "ください", "下さい", "もの", "こと", "よう", "ため", "方", "中", "上", "的", "円", "億", "億円", "兆円",
    "本当", "ほんと", "関わる", "関係", "関係する", "含む", "挙げる", "出る", "使う", "予定", "内容", "概要", "目的",
    "とは", "って", "説明", "詳しい", "詳しく", "資料", "記載", "質問", "回答", "答える", "それ", "その", "これ",
    "この", "あれ", "国", "政府", "一番", "最も", "大きい", "小さい", "比べる", "前年", "前年度", "増える", "減る",
    "目標", "目指す", "期間", "数", "規模", "はい", "いいえ", "ね", "よ", "か", "聞き", "及び", "うち", "以外", "部分",
    "全体", "合計", "総額", "予算額", "概算要求額", "今", "今回", "具体的", "具体", "詳細", "詳しく", "ほか", "他", "ところ", "所", "一度", "もう", "以外", "だけ", "話", "件",
    "感じ", "全額", "金", "ゼロ", "計上", "名前", "名称", "分", "占める", "割合", "何割", "増額", "減額", "去年", "昨年", "今年", "来年", "今年度", "来年度", "前回", "前年度", "昨年度", "なさる", "いただく", "頂く", "もらう", "くれる",
    "2.0", "2", "0", "8", "7", "r", "fy",
}

INTENT_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("comparison", re.compile(r"前年|昨年|去年|前の年|R7|令和7年度|比べ|比較|増え|減っ|減額|増額|増加|減少|差|伸び|対前年|当初予算")),
    ("superlative", re.compile(r"一番|最も|最大|最小|いちばん|トップ|最高")),
    ("list", re.compile(r"すべて|全部|全て|一覧|挙げ|どんな(施策|事業|取組)|どの(施策|事業)|どれ(です|でしょう)?か?|何があ|何がある|ありますか|主な事業|施策は[?？]?$|事業は[?？]?$|列挙|リスト")),
    ("ministries", re.compile(r"省庁|府省|担当|所管|どこの省|どこが(担当|所管|やる|やって)|どの省|官庁|省の施策|省ですか|省の担当|関わって|どこの(役所|府省|担当)")),
    ("targets", re.compile(r"目標|目指|いつ|期間|何人|何か所|何カ所|何箇所|いくつ|何自治体|何県|何ブロック|何年|何社|何者|累計|規模は|どれだけの(人|数)|何万|どこ(?!の省)|どの地域|増えて|増えた|減って|伸びて|倍")),
    ("definition", re.compile(r"とは|って何|ってなに|何ですか|なんですか|どんな|どういう|内容|概要|目的|仕組み|説明|何をする|詳しく|なに[?？]|名前|名称|新しく|新た|新設|創設|きっかけ|理由|なぜ|何が書")),
    ("amount", re.compile(r"いくら|予算|金額|額|億円|費用|お金|どれくらい|どのくらい|要求|純増|全額|新しいお金|税制")),
]


def clean_question(raw: object, max_chars: int) -> str:
    """Validate and clean user input; raise ``InvalidQuestion`` with a polite Japanese message."""
    if not isinstance(raw, str):
        raise InvalidQuestion("not_text", "question is not a string", "質問は文字列で入力してください。")
    if len(raw) > max_chars:
        raise InvalidQuestion(
            "question_too_long",
            f"question too long: {len(raw)} chars",
            f"質問が長すぎます（{max_chars:,}文字以内でお願いします）。要点を短くしてお尋ねください。",
        )
    text = _CONTROL.sub(" ", raw.replace("\x00", " "))
    text = _MD_LINK.sub(r"\1", _TAG.sub(" ", text))
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("So", "Cs", "Co", "Cn"))
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise InvalidQuestion("empty_question", "empty question", "質問が空です。知りたいことを日本語で入力してください。")
    return text


PROGRAMME_SUFFIXES = (
    "交付金", "補助金", "給付金", "助成金", "支援金", "基金", "制度", "事業", "計画", "構想", "戦略", "特区", "税", "法",
    "プログラム", "手当", "政策", "プロジェクト", "庁", "省", "局", "隊", "機構", "協議会", "本部",
)
# Names of bodies and of cash programmes must be in the document whole; 「…連携事業」 may extend a known name.
WHOLE_NAME_SUFFIXES = ("庁", "省", "局", "隊", "機構", "協議会", "本部", "支援金", "給付金", "補助金", "助成金", "手当")
SPECIFIC_DF = 3  # a word in at most this many records names a measure rather than a theme
_BUDGET_WORDS = {
    "予算", "金額", "額", "予算額", "要求額", "総額", "全額", "ゼロ", "概算要求", "要求", "お金", "費用",
    "増額", "減額", "増加", "減少", "伸び", "差", "差額", "割合", "比率", "内訳", "分", "増減",
}
_SUBJECT_AFTER = re.compile(r"の(予算|金額|要求額|概算要求|予算額|総額|発行枠|規模)")
_ATTRIBUTE_AFTER = re.compile(r"(は|って|とは)")
_OPINION = re.compile(r"効果(は|って)?(ある|あり|出る|出)|意味(は|って)?(ある|あり)|無駄|バラマキ|ばらまき|どう思|評価(は|して)|賛成|反対|成功する")
_PERSON = re.compile(r"誰|だれ|どなた|人物|氏名|(大臣|首相|総理|知事|市長|長官)の?(名前|は[?？]?$)")
_LOCAL = re.compile(r"(うち|私|わたし|僕|我が|わが|当)(の)?(町|市|村|県|区|自治体|地域|会社)|[^\s]{1,6}(市|町|村)(に|へ|で|の)(は)?.{0,8}(配分|交付|配られ|もらえ)")
_AGGREGATE = re.compile(r"全体|総額|合計|トータル|全部で|総計")


_matchers = threading.local()


def loose(text: str) -> str:
    """Compacted, lower-case, without ・ and brackets: how a name may be typed."""
    return re.sub(r"[・「」『』()（）【】\"'、。]", "", compact(text)).lower()


@dataclass(frozen=True)
class Vocabulary:
    """What the document says, in three forms, for deciding whether a question's words are in it."""

    forms: frozenset[str]
    compact_text: str
    reading_text: str
    record_texts: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()

    @cached_property
    def loose_text(self) -> str:
        return loose(self.compact_text)

    def near(self, phrase: str, abbreviations: bool = True) -> bool:
        """The phrase is in the document, or nearly: case, ・ and brackets ignored, a typo in a long name,
        the same reading, or (``abbreviations``) every part inside one title."""
        key = loose(phrase)
        if not key or key in self.loose_text:
            return True
        sound = reading(phrase)
        if len(sound) >= 4 and sound in self.reading_text:
            return True  # 伴奏支援 / ふるさと住民とうろく: read the same as the document's words
        parts = [compact(m.surface) for m in all_morphemes(phrase) if m.pos not in ("補助記号", "空白")]
        if abbreviations and len(parts) > 1 and any(all(p in title for p in parts) for title in self.titles):
            return True  # プロ人材事業: every part within one title, an abbreviation
        if len(key) < 6:
            return False
        matcher = self._matcher()
        matcher.set_seq1(key)
        m = matcher.find_longest_match(0, len(key), 0, len(self.loose_text))
        return m.size >= 0.75 * len(key)

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
        return sum(1 for text in self.record_texts if key in text)

    def knows(self, surface: str, normalized: str = "") -> bool:
        if normalized and normalized in self.forms:
            return True
        parts = [n for _, n, pos in morphemes(surface, "A") if pos in ("名詞", "動詞", "形容詞", "形状詞")]
        if len(parts) > 1 and all(p in self.forms for p in parts):
            return True  # 子どもたち → 子供 + 達
        if compact(surface) in self.compact_text or (normalized and compact(normalized) in self.compact_text):
            return True
        kana = re.sub(r"[^ぁ-ゖァ-ヺー]", "", surface)
        return len(kana) >= 3 and kana == surface and to_katakana(kana) in self.reading_text


@dataclass
class Question:
    """A cleaned question with everything the answer step needs to know about it."""

    text: str
    vocab: Vocabulary
    history: list[Turn] = field(default_factory=list)
    ministries: tuple[str, ...] = ()

    @cached_property
    def normalized(self) -> str:
        return normalize(self.text)

    @cached_property
    def is_japanese(self) -> bool:
        if not _JAPANESE.search(self.text):
            return False
        return bool(_KANA.search(self.text)) or not _CHINESE_HINT.search(self.text)

    @cached_property
    def injection(self) -> bool:
        return bool(_INJECTION.search(self.normalized))

    @cached_property
    def payload(self) -> str:
        """The question without injected instructions: sentences matching injection patterns are dropped."""
        if not self.injection:
            return self.normalized
        parts = [p for p in re.split(r"(?<=[。！!？?\n])|(?<=】)", self.normalized) if p.strip()]
        kept = [p for p in parts if not _INJECTION.search(p)]
        return " ".join(kept).strip()

    @cached_property
    def follow_up_of(self) -> str | None:
        """The earlier user question this one refers back to (「それの担当省庁は？」), if any."""
        earlier = [t.content for t in self.history if t.role == "user" and t.content.strip()]
        if not earlier:
            return None
        # A follow-up names nothing specific of its own: no rare document word, no word the document lacks.
        nouns = [t for t in self.content_terms if self.weight(t) >= 1.0]
        specific = [t for t in nouns if t in self.unknown_terms or self.vocab.df(t) <= SPECIFIC_DF]
        if _ANAPHORA.search(self.payload) or not specific:
            return normalize(earlier[-1])
        return None

    @cached_property
    def previous_answer(self) -> str:
        """The first sentence of the last assistant turn, which names the measure it was about."""
        answers = [t.content for t in self.history if t.role == "assistant" and t.content.strip()]
        return normalize(re.split(r"(?<=。)", answers[-1])[0])[:200] if answers else ""

    @cached_property
    def retrieval_text(self) -> str:
        base = self.payload
        if self.follow_up_of:
            base = f"{self.follow_up_of} {self.previous_answer} {base}"
        extra = [v for k, v in COLLOQUIAL.items() if k in base]
        return " ".join([base, *extra])

    @cached_property
    def previous(self) -> "Question | None":
        """The earlier question this follow-up refers to, read the same way."""
        if not self.follow_up_of:
            return None
        prev = Question(self.follow_up_of, self.vocab)
        prev.ministries = detect_ministries(self.follow_up_of)
        return prev

    @cached_property
    def intent(self) -> str:
        """What kind of answer is wanted; the most specific shapes are tried first."""
        text = self.payload
        scoped = self.is_scoped
        listy = bool(_LISTY.search(text))
        nouns = [t for t in self.content_terms if self.weight(t) >= 1.0]
        superlative = bool(INTENT_PATTERNS[1][1].search(text))
        prev = self.previous
        if self.about_document:
            return "document"
        if self.glossary_term:
            return "glossary"
        if _SHARE.search(text) and not scoped and not re.search(r"比べ|前年|去年|昨年|当初|R7|令和7", text):
            return "share"
        if self.ministries and _PREMISE.search(text) and not listy:
            return "ministry_check"
        if _SUM.search(text) and (scoped or (prev and prev.intent in ("list", "sum"))):
            return "sum"
        if self.flag or self.asked_amount or self.same_section:
            return "list"
        if scoped and not superlative and not _PREMISE.search(text):
            if listy or (re.search(r"施策|事業|取組|取り組み|もの", text) and not nouns):
                return "list"
        if prev and prev.intent in ("list", "sum") and not nouns and not superlative:
            if re.search(r"それぞれ|各|全部|すべて|金額|いくら|額", text):
                return "list"
        if re.search(r"省庁|府省|官庁|どこの省|どの省", text) and not self.ministries:
            return "ministries"
        if re.search(r"全部で|合計|総額|全体で", text) and re.search(r"いくら|額|予算", text) and not scoped:
            if not INTENT_PATTERNS[0][1].search(text):
                return "amount"
        for name, pattern in INTENT_PATTERNS:
            if not pattern.search(text):
                continue
            if name == "comparison" and not _BUDGET_CONTEXT.search(text) and not (prev and prev.intent == "amount"):
                continue
            if name == "list" and not (scoped or re.search(r"主な事業|すべて|全部|一覧", text)):
                continue
            if name == "targets" and re.search(r"いくら", text) and not re.search(r"目指|目標|累計", text):
                continue
            if name == "ministries" and self.ministries and re.search(r"施策|事業|取組", text):
                return "list"
            return name
        if prev:
            return prev.intent
        return "overview"

    @cached_property
    def is_scoped(self) -> bool:
        """Names a ministry, pillar, flag or amount to select records by."""
        return bool(self.ministries or self.pillar or self.flag or self.asked_amount)

    @cached_property
    def scoped_list(self) -> bool:
        """A list, superlative or sum over a named scope: answered from the records the scope selects."""
        return self.intent in ("list", "superlative", "sum") and self.is_scoped

    @cached_property
    def carrying_nouns(self) -> list[str]:
        """Known nouns that carry the question: at least one must be in what was found."""
        return [t for t in self.focus_terms if self.weight(t) >= 1.0 and t not in self.unknown_terms]

    @cached_property
    def mentions_change(self) -> bool:
        """Speaks of an increase or decrease (増/減)."""
        return bool(re.search(r"増|減", self.payload))

    @cached_property
    def asked_amount(self) -> float | None:
        """A figure the user looks records up by (「8.1億円の事業は何？」), not one they assert."""
        if _PREMISE.search(self.payload) or _SHARE.search(self.payload) or not re.search(r"何|どれ|どの|どこ", self.payload):
            return None
        return parse_amount_oku(self.payload)

    @cached_property
    def flag(self) -> str | None:
        """A budget flag the question lists by (「税制改正要望がある施策は？」), when it asks for a list."""
        if not re.search(r"どれ|どの|施策は|事業は|一覧|すべて|全部|挙げ|ありますか|何がある", self.payload):
            return None
        for word in ("税制改正要望", "事項要求", "調整中", "社会資本整備総合交付金", "防災・安全交付金", "内数"):
            if word in self.payload:
                return word
        return None

    @cached_property
    def flag_negated(self) -> bool:
        """「内数じゃないのは？」: the records without the flag."""
        return bool(self.flag and re.search(re.escape(self.flag) + r"(じゃない|ではない|でない|以外|を除)", self.payload))

    @cached_property
    def same_section(self) -> bool:
        """「同じところに載ってる他の事業は？」: the earlier measure's section, the measure itself left out."""
        return bool(self.follow_up_of and re.search(r"同じ(柱|分野|項目|ところ|カテゴリ|セクション|区分|見出し)", self.payload))

    @cached_property
    def premise_numbers(self) -> list[str]:
        """Figures the user asserts (「100億円ですよね？」) that the answer must check, never repeat."""
        if not _PREMISE.search(self.payload):
            return []
        return re.findall(r"\d+(?:\.\d+)?(?=\s*(?:億円|兆円|万人|億|兆|万|人|か所|年))", compact(self.payload))

    @cached_property
    def pillar(self) -> str | None:
        own = _pillar_of(self.payload)
        if own or not self.follow_up_of:
            return own
        return _pillar_of(self.follow_up_of)

    @cached_property
    def about_document(self) -> bool:
        """Asks about the document itself: its date, its author, its title (「これっていつ出た資料？」)."""
        return bool(re.search(r"資料|文書|この(ペーパー|紙)", self.payload)) and bool(
            re.search(r"いつ|日付|何日|発表|公表|作成|出た|出され|どこが|誰が|だれが|発行|タイトル|題名|表題|どこの部署", self.payload)
        )

    @cached_property
    def glossary_term(self) -> str | None:
        """A budget term the question asks the meaning of (「事項要求って何？」)."""
        m = re.search(r"(内数|事項要求|税制改正要望|概算要求|調整中)(とは|って|の意味|はどういう|ってどういう|はなに|は何)", self.payload)
        if m and not re.search(r"いくら|額は|金額", self.payload):
            return m.group(1)
        return None

    @cached_property
    def morphemes(self):
        return all_morphemes(self.payload)

    @cached_property
    def _term_table(self) -> list[tuple[str, str, float]]:
        """(surface, normalized, weight) of each content word; intent and filler words removed.

        Nouns carry a question (weight 1); verbs and adjectives (移す, 困る) are often everyday wording (0.5).
        """
        out = []
        for m in self.morphemes:
            if m.pos not in ("名詞", "動詞", "形容詞", "接頭辞", "接尾辞", "形状詞"):
                continue
            surface, norm = m.surface, m.normalized
            if norm in STOP_TERMS or surface in STOP_TERMS or re.search(r"\d", surface):
                continue
            if len(surface) == 1 and not re.match(r"[\u4e00-\u9fff]", surface):
                continue
            if any(surface in alias for alias in MINISTRY_ALIASES):
                continue
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
    def focus_terms(self) -> list[str]:
        """Content words of this question and, for a follow-up, of the question it refers back to."""
        prev = self.previous
        if prev is None:
            return self.content_terms
        return [*prev.content_terms, *[t for t in self.content_terms if t not in prev.content_terms]]

    @cached_property
    def unknown_terms(self) -> list[str]:
        """Content words the document never uses, even after normalisation, by reading or everyday mapping."""
        kana_question = bool(self.kana_runs)
        return [
            s for s, n in self.terms
            if s not in COLLOQUIAL and not self.vocab.knows(s, n)
            and not (kana_question and re.fullmatch(r"[ぁ-ゖー]+", s))  # fragments of a kana-only name
        ]

    @cached_property
    def unknown_names(self) -> list[str]:
        """Proper nouns and programme names (…交付金, …制度, …庁) the document does not contain.

        A programme name counts as unknown only when neither it nor its stem (without the suffix) is in
        the document, so 「ワット・ビット連携事業」 is known but 「地方創生臨時交付金」 is not.
        """
        names = [
            m.surface for m in self.morphemes
            if m.proper and m.surface not in COLLOQUIAL and not self.vocab.knows(m.surface, m.normalized)
        ]
        for phrase in self.noun_phrases:
            suffix = next((x for x in PROGRAMME_SUFFIXES if phrase.endswith(x)), None)
            if suffix is None or self.vocab.near(phrase):
                continue
            if any(alias in phrase for alias in MINISTRY_ALIASES) or phrase.endswith(("省庁", "府省", "官庁")):
                continue
            stem = phrase[: -len(suffix)]
            if len(stem) < 2 or stem in STOP_TERMS:
                continue
            if suffix in WHOLE_NAME_SUFFIXES or not self.vocab.near(stem, abbreviations=False):
                names.append(phrase)
        for quoted in re.findall(r"[「『\"]([^」』\"]{2,40})[」』\"]", self.payload):
            # A quoted name, not a quoted sentence (「予算は無制限」): nouns only, no figures.
            morphs = [m for m in all_morphemes(quoted) if m.pos not in ("補助記号", "空白")]
            is_name = bool(morphs) and not re.search(r"\d", quoted) and not any(
                m.pos in ("助詞", "助動詞", "動詞") for m in morphs
            )
            if is_name and not self.vocab.near(quoted):
                names.append(quoted)
        for i, (phrase, morphs, after) in enumerate(self.phrase_spans):
            if self.vocab.near(phrase) or phrase in COLLOQUIAL or phrase in STOP_TERMS or re.fullmatch(r"[ぁ-ゖー]+", phrase):
                continue
            if all(x.normalized in STOP_TERMS or x.surface in STOP_TERMS for x in morphs):
                continue
            if any(x.normalized in _BUDGET_WORDS or x.surface in _BUDGET_WORDS for x in morphs):
                continue
            unknown = [x.surface for x in morphs if x.surface in self.unknown_terms]
            subject = _SUBJECT_AFTER.match(after) or (i == 0 and after.startswith("の") and len(phrase) >= 3)
            asked = _ATTRIBUTE_AFTER.match(after) and phrase == self._last_phrase
            if (subject and unknown) or (asked and len(phrase) >= 2):
                names.append(phrase)
        return names

    @cached_property
    def _last_phrase(self) -> str:
        """The last noun phrase followed by は/って/を/が/とは: usually what the question asks for."""
        asked = [p for p, _, after in self.phrase_spans if _ATTRIBUTE_AFTER.match(after)]
        return asked[-1] if asked else ""

    @cached_property
    def out_of_scope(self) -> str | None:
        """Kinds of question the document cannot answer whatever it retrieves."""
        text = self.payload
        if self.about_document:
            return None
        if _PERSON.search(text):
            return "asks for a person"
        if _OPINION.search(text):
            return "asks for an opinion or evaluation"
        if re.search(r"(自治体|市町村|都道府県|企業|団体|大学|事業者)の?(名前|名称|一覧|リスト)", text):
            return "asks for a list of names the document does not give"
        if _LOCAL.search(text):
            return "asks for one municipality's allocation"
        named = detect_ministries(text)
        if named and _AGGREGATE.search(text) and named != ("内閣官房・内閣府",):
            if re.search(r"いくら|額|予算", text) and not re.search(r"施策|事業|一覧|どれ", text):
                return "asks for a ministry's total"
        return None

    @cached_property
    def phrase_spans(self) -> list[tuple[str, list, str]]:
        """(phrase, its morphemes, the surface right after it) for each run of nouns in the question."""
        out: list[tuple[str, list, str]] = []
        chunk: list = []
        morphs = self.morphemes
        for i, m in enumerate([*morphs, None]):
            if m is not None and m.pos in ("名詞", "接頭辞", "接尾辞") and not re.search(r"\d", m.surface):
                chunk.append(m)
                continue
            if chunk:
                phrase = "".join(x.surface for x in chunk)
                after = "".join(x.surface for x in morphs[i : i + 2]) if m is not None else ""
                out.append((phrase, chunk, after))
            chunk = []
        return out

    @cached_property
    def noun_phrases(self) -> list[str]:
        """Runs of nouns in the question (「広域リージョン連携」), for matching a measure's title."""
        return [p for p, _, _ in self.phrase_spans if len(p) >= 2 and p not in STOP_TERMS]

    @cached_property
    def kana_runs(self) -> list[str]:
        """Runs of hiragana (4+ chars) in katakana, for a question written mostly in kana."""
        letters = re.sub(r"[\s\W\d]", "", self.payload)
        if not letters or len(re.findall(r"[ぁ-ゖー]", letters)) / len(letters) < 0.8:
            return []
        runs = re.findall(r"[ぁ-ゖー・]{4,}", self.payload)
        return [k for k in (to_katakana(r.replace("・", "")) for r in runs) if len(k) >= 4]

    @cached_property
    def unknown_years(self) -> list[str]:
        """Fiscal years or calendar years named in the question that the document never mentions."""
        out = []
        for m in _YEAR.finditer(self.payload):
            token = compact(m.group(0)).rstrip("年度")
            if m.group(1) in ("R", "r"):
                token = f"令和{m.group(2)}"
            if token.startswith("H"):
                token = f"平成{m.group(2)}"
            if token not in self.vocab.compact_text and token.replace("令和", "R") not in self.vocab.compact_text:
                out.append(m.group(0))
        if "再来年" in self.payload:
            out.append("再来年度")
        if re.search(r"予算|いくら|額|億円", self.payload):
            for m in _YEAR.finditer(self.payload):
                year = int(m.group(2) or 0) if m.group(1) in ("令和", "R", "r") else 0
                calendar = int(m.group(3) or 0)
                if (year and year not in (7, 8)) or (calendar and calendar not in (2025, 2026) and "年度" in m.group(0)):
                    out.append(m.group(0))
        return sorted(set(out))


def _pillar_of(text: str) -> str | None:
    """A pillar named in the text: (1)-(5) of the measures, or 2.-5. of the 主な事業."""
    m = re.search(r"[(（]\s*(\d)\s*[)）]", text)
    if m:
        return f"({m.group(1)})"
    m = re.search(r"(?<![\d.])(\d)\s*[.．]\s*(?=\D)", text)
    if m and m.group(1) in "2345":
        return f"{m.group(1)}."
    if "横断的支援" in text:
        return "5."
    return None


def detect_ministries(text: str) -> tuple[str, ...]:
    found: list[str] = []
    for alias, name in sorted(MINISTRY_ALIASES.items(), key=lambda kv: -len(kv[0])):
        if alias in text and name not in found:
            if alias == "内閣府" and "内閣官房・内閣府" in text:
                continue
            found.append(name)
    return tuple(found)


def corpus_vocabulary(corpus_text: str, record_texts: tuple[str, ...] = (), titles: tuple[str, ...] = ()) -> Vocabulary:
    """The document's normalised word forms, its compacted text, its katakana reading, its records."""
    forms: set[str] = set()
    for mode in ("A", "C"):
        for line in corpus_text.split("\n"):
            forms.update(n for _, n, _ in morphemes(line, mode))
    text_reading = "".join(reading(line) for line in corpus_text.split("\n"))
    return Vocabulary(
        frozenset(forms), compact(corpus_text), text_reading,
        tuple(compact(t) for t in record_texts), tuple(compact(t) for t in titles),
    )


def analyse(text: str, history: list[Turn], vocab: Vocabulary) -> Question:
    """A follow-up keeps the earlier question's ministries unless it names its own (「じゃあ総務省は？」)."""
    q = Question(text=text, vocab=vocab, history=history)
    own = detect_ministries(q.payload)
    q.ministries = own or (detect_ministries(q.follow_up_of) if q.follow_up_of else ())
    return q
