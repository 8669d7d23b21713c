"""What a question names that the document does not have, and kinds of question it cannot answer.

Each is a function of a :class:`~bot.qa.question.Question`, read once into its fields; refusal
(:mod:`bot.qa.refusal`) weighs them against what retrieval found.
"""

from __future__ import annotations

import re
from itertools import takewhile
from typing import TYPE_CHECKING

from bot.qa.cleaning import BLANKS
from bot.qa.lexicon import (
    ASKERS_PEOPLE,
    ATTRIBUTE_WORDS,
    BUDGET_WORDS,
    GRANT_WORDS,
    PROGRAMME_SUFFIXES,
    WHOLE_NAME_SUFFIXES,
)
from bot.qa.patterns import (
    CHECK_REQUEST,
    HEARSAY,
    HONORIFICS,
    RULED_OUT_CLAUSE,
    TOLD,
    WHY_WORD,
    YEAR,
    detect_ministries,
)
from bot.qa.smalltalk import ASKING
from bot.qa.vocabulary import loose
from bot.text import all_morphemes, compact, starts_of

if TYPE_CHECKING:
    from bot.qa.question import Question

SUBJECT_AFTER = re.compile(r"の(予算|金額|要求額|概算要求|予算額|総額|発行枠|規模)")
"""「…の予算」: the phrase before it is what the question is about."""
SUPPORT = re.compile(r"支援|補助|助成|確保|対策|予算")
"""Words for the support a question asks about."""
SUPPORTED_AFTER = re.compile(r"(?:の|を|や)[^、。？?！!]{0,10}?(?:" + SUPPORT.pattern + ")")
"""「除雪の担い手を支援する予算」「家賃を補助して」: the phrase before it is what the support would be for."""
ATTRIBUTE_AFTER = re.compile(r"(は|って|とは)")
"""「…は」「…って」: the phrase before it is what is asked."""

ASKING_END = re.compile(r"(?:ますか|るの|る)?[?？]?$")
"""How a matched phrase asks (「登録できますか」 → 登録でき), cut before looking for it in the document."""
DOCUMENT_WORDS = 6
"""A match whose first this many characters the document writes is its own words (「誰も取り残さ」), not a question."""
DECIDED = "asks how the request was decided"
SO_FAR = "asks for results so far"
SPLIT = "asks how a figure is split or capped"
"""What was granted or enacted: the document is a request; the refusal says so in its own words."""

OFFICE_HOLDER = re.compile(
    r"(大臣|首相|総理|知事|市長|長官)の?(名前|は[?？]?$)|(大臣|首相|総理|知事|市長|長官|担当者|責任者)[^。?？]{0,12}(誰|だれ|どなた)"
    r"|(担当者|責任者|[局部課室]長|大臣|長官|トップ|代表者?)(さん|様|の方|の人)?(?:[(（][^)）]{0,12}[)）])?の?お?名前"  # 「担当者（事務局長）の名前」「トップの方のお名前」
    r"|(誰|だれ|どなた)が(?:担当)?(大臣|首相|総理|知事|市長|長官)"  # 「誰が担当大臣のときに出したもの？」
    r"|(事務局|本部|[省庁]|部署|組織|役所)の(?:[^。?？、]{0,4}の)?(トップ|長|代表)(は|って|が)?[^。?？]{0,4}(誰|だれ|どなた)"  # 「事務局のトップって誰？」
)
"""Who holds an office (「この資料が出たときの担当大臣って誰？」): never in a budget summary, even asked of the document."""

COST_WORDS = "開発|整備|運営|建設|工事|改修|維持|人件|事務|委託|広報|システム|機器|設備"
"""What one cost item of a measure is spent on (「開発費」「人件費」): the document states only each measure's total."""
COST_ITEM = "asks for a tax effect or a cost item"

CONTACT = "asks for contact details or a name the document does not give"
CONTACT_DETAILS = re.compile(
    # A budget summary gives no addresses, numbers or product names: 「アプリの名前は？」「問い合わせ先は？」
    r"(アプリ|システム|サイト|ホームページ|ウェブサイト|プラットフォーム)(の|、|って)?(正式)?(名前|名称)|URL|電話番号|連絡先"
    r"|問い?合わ?せ先|メールアドレス|窓口(は|って)?(どこ|どちら)|(どこ|誰|だれ)に(連絡|問い合わせ|相談|申し込)"
    r"|委託先|受託(者|先|事業者)"  # who carries it out
)
"""Asked even of the document itself (「この資料を作った部署の電話番号は？」): its cover names the author, never a number."""

PERSON = "asks for a person"
OPINION = "asks for an opinion or evaluation"
VIEW_ASIDE = re.compile(r"(?:と|って)思(?:う|います|ってる|っています|ってます)(?:んです|んだ|のです)?(?:けれども|けれど|けど|が)、")
"""The asker's own view set aside before the question (「正直、交付金ってばらまきだと思うんですけど、」)."""
FACT_ASKED = re.compile(r"いくら|何|なに|なん|どこ|どれ|どの|いつ|誰|だれ|教えて")
"""What asks for a fact of the document, after the asker's view."""
ACTOR = re.compile(r"者|産官学|企業|自治体|団体|住民|人材|大学")
"""Who a measure's text says acts (「…に継続的に関わる者を登録」「産官学が…連携して」「企業経営者をロールモデルとして」)."""
NAMES_ASKED = re.compile(r"具体的|名前|氏名")
"""The persons themselves asked for (「具体的に誰？」「職員の名前も」), which a budget summary never gives."""
PERSONS_SAID = re.compile(r"[一-龥ァ-ヶー]*(?:者|職員|メンバー)")
"""Persons a question itself names beside 誰 (「…に参加する企業経営者は誰？」): it asks which of them, by name."""
ASKED_NEAR = 12
"""How far either side of 誰 the words of what someone does are read (「ロールモデルにするのは誰」「誰が連携してつくる」)."""

# Kinds of question the document cannot answer, in the order they are tried: (why, what the question says).
UNANSWERABLE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("asks for a time of day", re.compile(r"何時(?:から|まで|に|頃|ごろ|開始|集合)|何時何分")),  # a budget summary has no clock
    ("asks for the cause of an event", re.compile(  # 「八潮市の道路陥没事故、そもそも何が原因？」: the summary cites events
        r"(事故|災害|地震|陥没|事件|火災|崩落|倒壊)[^。?？]{0,20}(原因|なぜ起き|どうして起き|なんで起き)")),  # as background only
    (PERSON, re.compile(
        r"(メンバー|構成員|委員)(は|って|を|の(名前|顔ぶれ))|顔ぶれ|"  # who sits on a body: 「その会議の正式名称とメンバーは？」
        r"(?<!トップは)(?<!トップって)(誰|だれ|どなた)(?!も|でも)(?!に(?:広が|拡大|拡充|向け))(?!が?[(（](?:どの|どこの)(?:省庁|府省|省|庁|機関))(?!か(?:が|に|から|の|と|を|さん|しら))(?!で(?:作|つく|構成|形成|組))(?!を(?:トップ|議長|座長|代表|本部長)(?:に|と))(?!が(担当(?!大臣|者)|所管|やって|やる|やり|担(?!当大臣|当者)|実施|進めて|トップ|議長|座長|登録|利用|参加|対象|申し?込|応募))|人物|氏名"
        r"|" + OFFICE_HOLDER.pattern
    )),
    (CONTACT, CONTACT_DETAILS),
    (OPINION, re.compile(
        r"効果(は|って)?(ある|あり|出る|出)|効果が(ある|あり|出る)(と思|のか|か[?？]|んですか|でしょうか)|意味(は|って)?(ある|あり)|無駄|バラマキ|ばらまき|どう思|評価(は|して)|賛成|反対|成功する"
        r"|(だ|と|って)思い?(ますか|いますか|う[?？])|(だ|(?<!たい)と|って)思います[?？。]?$|(意見|考え|見解)を?(聞|きか|教|ください|述べ)|感想|おすすめ|オススメ|お勧め|一番良い|いちばん良い"
        r"|(達成|実現)(でき|され|する)(そう|る見込み|ると思)|(達成|実現)の?(見込み|見通し|可能性)|うまくいき?そう|見通しを(お?聞かせ|教え|知りたい)"
        r"|(通り|成立し|可決され|認められ|決まり|採択され|選ばれ)そう|(増やす|減らす|削る|削減する|拡大する|縮小する|やめる)べき|(いくら|何億|どれくらい|どのくらい)[^。?？]{0,8}(なりそう|[にと]なる(見込み|見通し)|[付つ]く見込み|[付つ]きそう)"
        r"|(推定|推測|推計|予想|予測|見積も)(し|っ)て|推測値|推定値"  # a figure to be made up, not read
        r"|(推定|推測|推計|予想|予測|想像|憶測|勘)で(いい|良い|よい|構わ|かまわ|結構|OK|ok|おk)|見込み?の?(人数|者数|件数)"
        r"|記者会見|会見で|(どう|どんな)(コメント|発言)|コメントして|(なんて|何て|なんと|何と|どう|どんな(こと|ふう|風)に?)答弁|答弁(で|では|の中で)[^。?？]{0,12}(何|なん|どう)"
        r"|(国会|議会)で[^。?？]{0,12}(言って|述べて|話して|発言して)(い)?た"  # what someone said is not in a budget summary
        r"|(十分|足りる|足りない|足りてい|妥当|適切|多すぎ|少なすぎ)(だ|な)?(と言え|ですか|でしょうか|なの|か[?？])"
        r"|(だ|と|って)思わ(ない|へん|ん)(です)?か?[?？]?$|(だ|と|って)思いません(か|でしょうか)?[?？]?$"  # 「…って多すぎると思わない？」
        r"|(だ|と|って)思います[?？]"  # 「妥当だと思います？」 (「少なすぎませんか？」 alone weighs a figure to be checked)
        r"|(何万人|何千人|何人|何件|何社|どれ(くらい|ぐらい)|どのくらい)[^。?？]{0,12}(見込ま|見込み|見通し|予測され|想定され)"  # a projection
        r"|(いくら|何億|どれ(くらい|ぐらい)|どのくらい)[^。?？]{0,16}(と|って)(予想|予測|想定|見込)(され|し|でき)"  # a forecast
        r"|(他の国|他国|外国|諸外国|海外の国|欧米|世界)(と|に)(比べ|比較)"
    )),
    (DECIDED, re.compile(
        # The document is a request: what was granted, enacted or assessed is not in it.
        r"満額|認められ(た|ました|る)|(予算|要求)(が|は)?通っ|成立し(た|ました)|成立額|確定し(た|ました)|決定され(た|ました)|査定|本予算|決定額"
        r"|最終的(な|に)(予算|額|金額|いくら|決ま)|(国会|議会)で[^。?？]{0,6}?(決ま|成立|可決|通っ)|決まった(予算|額|金額)|調整(の|した)結果|調整(後|が(済|終わ|つい))"
        r"|(いくら|何億円?|どれ(くらい|ぐらい|ほど|だけ)|どのくらい)[でに]?(決ま|確定し|成立し)(った|りました|ました)"  # 「いくらで決まった？」
    )),
    ("asks how to apply or who is eligible", re.compile(
        # A budget summary says what is requested, never how to take part in it.
        r"応募|申請|申し?込|もうしこみ|しょるい|公募は|募集は|次の(公募|募集)|締め?切り?(は|って|日)|手続き|必要(な)?書類|受付|受け付け"
        r"|(登録|利用|参加|申請|応募)(でき|可能)(ますか|る[?？]|るの|ますか)|(登録|利用|参加|申請|応募|申し込み)(する)?には(どう|何を)"
        r"|(?:補助|助成|支援|交付金|お金)を?(?:受ける|受け取る|もらう|貰う)には"  # 「うちの市で…の補助を受けるには？」
        r"|(交通費|宿泊費|旅費|日当|謝礼|謝金|給料|給与|手当)(?:とか|など|も|は|って)?(?:出る|出ます|出して|支給|もらえ|貰え)"  # a benefit
        r"|(どう|どのように)操作|操作方法|使い方|(どう|どのように)(やって)?ログイン|ログイン(方法|の仕方)|無料で(使え|利用でき)|(ほう|方)が(得|いい|良い|有利)|お得(?:です|でしょう|なの|なん|か|[?？])"
        r"|(入居|利用|参加|登録|加入)(する)?には[^。?？]{0,8}(費用|料金|お金|いくら|自己負担|条件|資格)"
        r"|(採択|選定|選ばれ|指定)(され|る)?(る|れる)?には|(採択|選定)(の|される)?(条件|基準|要件)"
        r"|(条件|要件|資格)(は|って|を|が|に|と)"  # who qualifies: 「補助対象になる条件は？」
        r"|(?<!何)(?<!なに)にも(使え|充てられ|充当でき)(ますか|る[?？]|るの|る$)"  # an expense it may pay: 「人件費にも使えますか」
        r"|(うち|私|わたし|僕|我が|わが|当)の?(町|市|村|県|区|自治体|会社|団体)(でも|も|は|が)?[^。?？]{0,8}"
        r"(使え|もらえ|受けられ|対象|利用でき|申請でき|活用でき|入って|含まれ)"
        r"|((?<![のそこあど])うち|私|わたし|僕|我が|わが|当)(?:みたいな|のような)(?:[^。?？、]{1,10}?の)?(町|市|村|県|区|自治体|会社|団体)"
        r"(でも|も|は)[^。?？]{0,8}(使え|もらえ|受けられ|対象|利用でき|申請でき|活用でき|入って|含まれ)"  # 「うちみたいな人口5千人の村でも」
        r"|(うち|私|わたし|僕|我が|わが|当)の?(町|市|村|県|区|地域|地元|近所|近く)(の[^。?？、]{1,8})?(で|に)(は|も)?[^。?？]{0,12}"
        r"(実施され|導入され|行われ|始ま|整備され|設置され|来ます|来る|選ばれ|できる予定|できます|でき(る|ます)か|置かれ)"
    )),
    (SO_FAR, re.compile(
        r"実績|(採択|利用|登録|参加|交付|申請)(件数|者数)|執行(率|され)|うまくいっ(た|てる|ている)(の|か|ん)|成功(した|しました)|これまで[にでの]?[^。?？]{0,16}?(何|どれ|いくつ)"
        r"|実際に(は)?[^。?？]{0,10}?(交付され|使われ|執行|支払|始め|始まっ|採択され)|採択され(た|ました)"
        r"|効果(が|は)(あった|出た)|成果(が|は)(出|あが|上が)|成果の(数字|数値|データ)|成果(が|を)(知りたい|教えて)|達成状況|進捗|進み具合"
        r"|(公表|発表|公開|作成)(され(た)?|して)?(あと|後|以降)[^。?？]{0,24}?(修正|変更|変わ|見直|更新|差し替)"  # after the document
        r"|(効果|成果)(として|で|により|によって)[^。?？]{0,24}?(どれ(くらい|ぐらい|だけ|ほど)|何%|何人|何割)"  # an outcome measured
        r"|実際に[^。?？]{0,20}?(止まっ|減っ|増え|改善し|変わっ)た|(今年|今|現在|足元)(は|で|の時点で)?(もう|すでに|既に)?何(人|件|社)|(すでに|既に|もう)[^。?？]{0,16}?(交付され|支払われ|使われ|執行され)"
    )),
    (SPLIT, re.compile(
        r"(あたり|当たり|ごと)の?(上限|いくら|何億|何円|何万|金額|額)|上限(は|額|いくら|が(ある|あり))|(補助|交付|負担|採択)(率|割合)|何分の何|(補助|負担|国費|国庫)[^。?？]{0,8}何分の"
        r"|(あたり|当たり)[^。?？]{0,10}(まで|上限)|ごとの?(内訳|配分|割り振り)"
        r"|いくらまで(出|もらえ|補助|支給|支援)|(何割|なんわり)[^。?？]{0,6}(出|で(る|ます)|補助|負担|支援|もらえ)"  # a cap or a rate
        r"|(一般家庭|家庭|個人|世帯)(が|で|に|も|として)[^。?？]{0,6}(受けられ|もらえ|貰え|申請でき)[^。?？]{0,4}(補助|助成|給付|手当)"  # a household's own
        r"|(一|1)(世帯|人|家族|件|団体|社|台|機|戸|軒|頭|校)[^。?？]{0,4}(いくら|何円|何万)|いくら(くらい|ぐらい)?(もらえ|貰え|受け取れ)"
        r"|使い道|使途|(何|なに)に(いくら)?使われ"
        r"|(自治体|市町村|地方|都道府県|県)(が|の)(負担|持ち出し|自己負担)"  # the local share: not in a national request
        r"|(省|庁)[^。?？]{0,10}(いくらずつ|何億円?ずつ|それぞれいくら|の(分|取り分|負担分)(は|って)?(いくら|何億))|(省|庁)の?(計上|負担|要求|担当)?(?:分|ぶん)(と|の|は|って)(?![^。?？]{0,4}(?:どれ|どの|何が|なにが|一覧))"  # one ministry's part
        # (not 「文科省の担当分ってどれ？」, its measures)
        r"|(省|庁)で(どう|どのように|どんなふうに)(分かれ|分け|振り分け|配分)"  # 「394.7億円、厚労省と国交省でどう分かれてる」
        r"|\d(億|兆|万)?円[^。?？]{0,30}?(いくらずつ|何億円?ずつ|それぞれいくら)"  # 「1.3億円って、AとBでそれぞれいくらずつ」: its parts
        r"|(都道府県|市町村|自治体|県)(別|ごと)(だと|では|に|で|の)[^。?？]{0,16}?(何|いくら|目標|配分|人数|件数|金額)|(都道府県|市町村|自治体)(別|ごと)の?(配分|割り当て|割当)"  # 「都道府県別だと北海道は何人」
        r"|うち[^。?？]{0,12}?(省|庁)の(要求分|要求額|予算額?|分|取り分|負担分)(は|って)?(いくら|何億|何円)?[?？]?$"
        r"|のうち[^。?？]{0,24}?(いくら|何億|何円|何割)[^。?？]{0,10}(使われ|使う|使え|支払われ|払われ|充て)"
        r"|のうち[^。?？]{0,24}?(使われる|使う|使える|支払われる|充てる)(分|額|金額|お金)"
        r"|には[^。?？]{0,16}?(いくら|何億|何円)[^。?？]{0,8}(支払われ|払われ)"
        r"|のうち[^。?？]{0,24}?(使われ|使う|使え|支払われ|払われ|充て|回る|回っ)[^。?？]{0,10}(いくら|何億|何円|何割)"
        r"|のうち[^。?？]{0,24}?(?<!以外)の分(は|って)?(いくら|何億|何円)|から(いくら|何億円?)[^。?？]{0,4}(充て|使われ|回)"
        # what reaches one place: 「うちの県に交付金いくら来る？」「配分知りたい」 (the document allocates to no region)
        r"|(うち|私|わたし|僕|我が|わが|当)の?(町|市|村|県|区|自治体|地域|地元)(に|へ)(は)?[^。?？]{0,30}"
        r"(いくら|何億|何円|どれくらい|どのくらい)[^。?？]{0,4}(来|配ら|配分|もらえ|入る|届|回)"
        r"|(配分|割り当て|割当)(額)?(を|が|は|って)?(知りたい|教えて|いくら|何億|どう)|配分(見込み?|予定)?額"
        r"|(どこ|どの)の?(地域|県|都道府県|市町村|自治体|地方)に[^。?？]{0,8}(いくら|何億|どれくらい|どのくらい)"
    )),
    ("asks about later years or what follows", re.compile(
        r"補正(予算)?(で|でも)[^。?？]{0,12}(上乗せ|追加|積み増|計上され|つく|付く)|(名前|名称)[^。?？]{0,6}もう決ま|(名前|名称)(は|って|が)[^。?？]{0,6}(決ま|確定)|(来年|来年度|今後|次回?)[^。?？]{0,8}(追加|新たに|さらに)[^。?？]{0,12}(何|いくつ|どれくらい|どのくらい)|以降(は|の|も)|(終わった|終了した|切れた|終わる)(あと|後|ら)|打ち切|来年度以降|毎年いくら|その後(は|どう)"
    )),
    (COST_ITEM, re.compile(
        # The document requests a measure's total; it never states tax relief or what one cost item gets.
        r"(減税|減収|控除|税負担|税額)[^。?？]{0,10}(規模|いくら|どれくらい|どのくらい|何円|何億|される)"
        r"|どの税(?!制)|どんな(減税|税金|優遇|控除)"  # what a 税制改正要望 asks for: the document flags it, never details it
        r"|(どれくらい|どのくらい|どれだけ|いくら)[^。?？]{0,6}(減税|安くな|軽くな)"  # how much the tax falls
        r"|(法人税|住民税|所得税|固定資産税|事業税|税金)[^。?？]{0,6}(安く|軽く)なったり|控除率|税率|軽減率"  # 「住民税が安くなったりしますか？」
        r"|(" + COST_WORDS + r")費(は|って|に|が)?[^。?？]{0,6}(いくら|何億|何円|どれくらい|どのくらい)"
        r"|(改修|修繕|解体|取り壊し|取り壊す|建て替え|リフォーム)(に|の|する|費用)[^。?？]{0,8}(いくら|何円|何割|どれくらい|どのくらい)"
    )),
    ("asks why a body was chosen", re.compile(
        # The document names who is in charge, never why.
        r"(担当|選ばれ|入って|加わって|関わって)[^。?？]{0,12}(理由|" + WHY_WORD + ")|" + WHY_WORD + r"[^。?？]{0,24}(担当|選ばれ|入って|加わって)"
    )),
    ("asks which bodies take part", re.compile(
        r"(どこ|どの)の?(大学|企業|会社|自治体|団体|市町村)が(参加|入|選ばれ|対象)"
    )),
    ("asks which places or bodies were selected", re.compile(
        r"(?<!人に)(?<!者に)(?<!性に)(?<!代に)(?<!民に)(?<!族に)(?<!客に)"  # 「若者や女性に選ばれる町」: chosen to live in
        r"(選ばれ|採択され|選定され|指定され)(た|る|てる|ている)(地域|自治体|市町村|都道府県|県|市|町|企業|大学|ところ)"
        r"(?!(?:には|にも|に対して|へは|への)[^。?？]{0,12}(?:どんな|どういう|どのような|何の)(?:支援|取組|サポート))"  # what they get
        r"|どこ(が|に)(選ばれ|採択|選定|指定)|(第1号|第一号|1号目|一番乗り)(は|って|に|の)[^。?？]{0,10}(どこ|どの)"  # 「第1号はどこの地域に？」
        # whether the asker's own body will be (「当市が特区に指定される見込みはありますか」): no selection is in a request
        r"|(?:うち|私|わたし|僕|我が|わが|当|本)(?:の|たち|ども)?の?(?:町|市|村|県|区|自治体|地域|会社|大学|学校|団体|法人)(?:が|は|も)"
        r"[^。?？]{0,16}?(?:選ばれ|採択され|選定され|指定され|対象にな|対象とな)"
    )),
    ("asks for a list of names the document does not give", re.compile(
        r"(どの|どこの)(路線|区間|ルート|道路)(?!を?(?:対象|含|整備|支援))|"  # 「自動運転車が走るのはどの路線？」: none is named
        r"(自治体|市町村|都道府県|(?<!都道府)県|企業|会社|団体|大学|事業者)の?(具体的な)?(名前|名称|一覧|リスト)|具体名"  # 「24県の名前」
        r"|会議体?[の、は]?正式(名称|名前)|(?<!都道府)(県|市町村|自治体|企業|機関|事業者|地域)名"
        r"|(どの|どこの)(県|都道府県|市町村|自治体|都市|企業|大学|会社|コンビニ|スーパー|チェーン|銀行|金融機関|信用金庫|メーカー|事業者)"
        r"|(自治体|市町村|都道府県|県|企業)[^。?？]{0,8}(どこか|どこが)(?!担当|所管)|(都道府県|市町村|自治体)(は|って)どこ"
        r"|(移転する|移る|移転先の?)(省庁|機関|県|都道府県|自治体|市町村|場所)|(どの|どこの)(省庁|府省|機関)が(移転|移る)"
        r"|(拠点|施設|センター|か所|箇所|ヶ所|カ所)(って|は)、?(具体的に)?どこにあ(る|り)"  # where the sites are
        r"|開催(地|場所|都市|予定地|時期|年|日)|(どこ|どの(?:都市|県|町|地域))で(開催|開か|行われ)"  # where or when an event is held
    )),
    ("asks for one recipient's allocation", re.compile(
        # A recipient (the asker's town, a named town, the affected municipalities, each prefecture) and what it
        # gets: the document states national requests only. The recipient alone is context, not the question.
        r"(?:(?:うち|私|わたし|僕|我が|わが|当|本(?=[県市町村]))(?:の|たち|ども)?の?(?:住む|住んでいる|勤める|勤めている)?"
        r"(?:町|市|村|県|区|自治体|地域|会社|大学|学校|団体|法人|組合|施設|事務所)"
        r"|[一-龥ァ-ヶー]{1,6}(?<!漁|農|山|都|下)(?<!市町)(?:市|町|村)|被災(?:した|地の)?(?:自治体|市町村|地域|県)|被災地"
        r"|各(?:自治体|市町村|都道府県|県|市)|(?:自治体|市町村|都道府県)(?:ごと|別))"
        r"(?:[(（][^)）]{0,20}[)）])?(?:に|へ|で|の|が)(?:は|も)?"  # 「うちの市（人口3万人）に」
        r"(?:.{0,16}?(?:配分|出る|出ます|回る|割り当て|交付(?:予定|見込み?)?額|いくら|何億|何円|何万|何百万|何千万)"
        r"|.{0,30}?(?:交付され|配分され|割り当てられ|配られ|もらえ|貰え|来る|来ます|(?<![てで])くる|(?<![てで])きます|回って))"  # a verb of receiving (not 出てくる), from further off
        r"|(?:には|に対して|へは).{0,12}?(?:何億|いくら|何円|何万).{0,8}?(?:配分|配られ|交付され|来る|回る|入る)"
        r"|(?:1|一)(?:自治体|市町村|人|団体|件|校|社|か所|ヶ所|カ所|箇所|拠点|施設|世帯|地域|法人)(?:あたり|当たり)"
        r"|(?:私|わたし|僕|うち)(?:は|が|も|に).{0,10}?(?:いくら|何円|何万).{0,6}?(?:もらえ|貰え|出る|受け取)"
    )),
)
MINISTRY_WHOLE = re.compile(r"(?:省|庁|府)(?:関係|関連|系|全体|分)(?:で|の|は)?[^。?？]{0,4}(?:合計|総額|全体|トータル)")
"""「厚労省関係で合計いくら」: a ministry's whole, even when the question names measures on the way."""
AGGREGATE = re.compile(r"全体|総額|合計|トータル|全部で|総計")
"""A total over a ministry, which the document does not state (except 内閣官房・内閣府's, its own subject)."""


def unknown_names(q: Question) -> list[str]:
    """Proper nouns and programme names (…交付金, …制度, …庁) the document does not contain; when every item
    the question names is linked to its record (or to a group with a stated total), the other nouns say what is asked of them (「中身は」), not
    what it is about."""
    subjects = [] if q.items or q.group else _unknown_subjects(q)
    context = q.asker_context  # 「観光協会の者ですが、」: who is asking, not what
    asked = q.payload[len(story(q)):]
    filled = _filled_blanks(q)  # 「『新規輸出○万者支援プログラム』の○は？」: a name the document writes, with a blank to fill
    return list(dict.fromkeys(n for n in (*_unknown_proper_nouns(q), *_unknown_programmes(q), *_unknown_quoted(q), *subjects)
                              if not (context and n in context) and n in asked and not any(BLANK.sub("", n) in f for f in filled)
                              and not re.search(re.escape(n) + COLLEAGUE_AFTER, q.payload)
                              and not re.search(re.escape(n) + SET_ASIDE_AFTER, q.payload) and not _related_after(q.payload, n)
                              and not _instead_of_a_flag(q, n)))


def _instead_of_a_flag(q: Question, name: str) -> bool:
    """「内数じゃなくて真水の予算だよね？」: a word said in place of one of the document's flags names what the asker
    believes instead; the flag is what is checked (はい/いいえ), the word is no subject the document lacks."""
    flags = "|".join(re.escape(w) for w in q.profile.flag_words)
    return bool(flags) and re.search(rf"(?:{flags})[)）]?(?:じゃ|では)なく(?:て)?、?[^。?？、]{{0,4}}?{re.escape(name)}", q.payload) is not None


def story(q: Question) -> str:
    """The sentences the asker tells before the first that names a measure of the document or asks (「東京で会社員を
    していて…住民票は東京なんですよね。『ふるさと住民登録制度』ができると聞いて…これって何で登録するの？」): when the
    question names a measure, a name only in them is the asker's own world, not what is asked. "" when it names none."""
    if not (q.items or q.named_item):
        return ""
    sentences = [s for s in re.split(r"(?<=[。？?！!])", q.payload) if s.strip()]
    first = next((i for i, s in enumerate(sentences)
                  if ASKS.search(s) or REQUESTS_SOMETHING.search(s) or any(p in s for p in q.naming_phrases)), 0)
    return "".join(sentences[:first])


REQUESTS_SOMETHING = re.compile(r"教え|知りたい|ください|下さい|願い|ねがい|ほしい|欲しい")
"""A sentence that asks for something (「…の予想を教えてや。」), which is no story however it is worded."""


COLLEAGUE_AFTER = r"の(?:同僚|上司|先輩|後輩|部下|職員|担当者?|課長|係長|部長|室長)(?:さん)?(?:が|から|に|も|と)"
"""Where the asker's colleague works (「税務課の同僚から『…』と聞きました」): who passes a question on, not what is asked."""
ASIDE = r"(?:は|なんか|とか)(?:ともかく|さておき|別として)"
"""「…はともかく」「…はさておき」: what the asker puts aside."""
RELATION = r"(?:とは|と)(?:別物|別の|別|違う|違い|違って|異なる|関係|関連|同じ)"
"""How something relates to a name (「ふるさと納税とは別物」「万博とは関係ある」)."""
SET_ASIDE_AFTER = (rf"{RELATION}(?![^。？?]*[?？])"
                   rf"|[^。？?、]{{0,12}}?(?:{ASIDE}|(?:は|なんか|とか)(?:置いと|おいと|(?:また)?(?:別で|別に|後で|あとで)[^。？?、]{{0,8}}?として))")
"""What follows a name the asker sets aside, said not asked (「ふるさと納税とは別物らしいですね。」「賛否はともかく、」
「…の件はまた別で調べるとして、」): the name is not what is asked about."""
SET_ASIDE = re.compile(rf"[^。？?、]*{ASIDE}、"
                       r"|[^。？?]*[。？?]\s*(?:それ|そっち|そちら|その話|そこ)は(?:いいとして|ともかく|さておき|置いといて|おいといて|別として)、?"
                       r"|[^。？?、]*(?:は|なんかは|とかは)(?:別に)?(?:いいです|いい|結構です|不要です|要りません|いりません|いらない)(?:[。！!]|$)"
                       r"|[^。？?、]*か(?:は|も)?(?:知らない|知りません|わからない|分からない|わかりません|分かりません)"
                       r"(?:んです|のです|んだ|ん)?(?:けれども|けれど|けど|が)、")
"""A clause the asker sets aside (「なんで外務省が入ってるかはともかく、」), a question they take back after asking it
(「…増えると思う？それはいいとして、」), what they say they do not need (「誰が選んだかは別にいいです。」), or what they
say they do not know before asking something else (「誰が使うものか知らないんですが、」): nothing in it is asked."""


def _related_after(payload: str, name: str) -> bool:
    """The name is only in a sentence after the question, asking how what was asked relates to it (「ふるさと住民登録
    制度ってどういう制度なんですか？ふるさと納税とは別物ですよね？」): what was asked first is what is answered."""
    sentences = [s for s in re.split(r"(?<=[。？?！!])", payload) if s.strip()]
    at = next((i for i, s in enumerate(sentences) if name in s), 0)
    return at > 0 and re.search(re.escape(name) + RELATION, sentences[at]) is not None and any(
        re.search(r"[?？]$", s.strip()) for s in sentences[:at])


def told_before(q: Question) -> str:
    """The sentences the asker tells before the one that asks (「熊本に半導体の工場ができて…と言われています。予算は
    いくら？」): what they say of their own world is context, and a name only there is not what is asked."""
    parts = [p for p in re.split(r"(?<=[。！!？?])", q.payload.strip()) if p.strip()]
    told = "".join(takewhile(lambda p: TOLD.search(p) is not None and not ASKING.search(p), parts[:-1]))
    asked = q.payload.strip()[len(told):]
    # 「…と聞きました。その数字は？」 asks about it; 「…入っていると課長が言っていました。確認できますか」 checks it
    refers = any(m.surface in TOLD_REFERENCE and m.pos in ("代名詞", "連体詞") for m in all_morphemes(asked))
    return "" if refers or CHECK_REQUEST.search(asked) else told


TOLD_REFERENCE = frozenset({"それ", "その", "これ", "この", "あれ", "あの", "そこ", "そちら"})
"""Words that ask about the told sentences themselves (「その数字は？」), as Sudachi reads them: not the verb of 「…あれば」
nor the この of 「どこの省」."""


def _unknown_proper_nouns(q: Question) -> list[str]:
    """Names the document lacks; a place the asker comes from or lives in (「本社を東京から移す」「札幌在住」), or one
    only in what they tell before asking, is context, not what the question is about (names in the asker's clause
    are left out by :func:`unknown_names`)."""
    told = q.told
    asked = q.payload.strip()[len(told):]
    asking = asking_sentence(q.payload)
    morphs = q.morphemes
    return [
        m.surface for i, m in enumerate(morphs)
        if m.proper and m.surface not in q.vocab.lexicon.everyday and m.surface not in q.vocab.stop_terms
        and not (i + 1 < len(morphs) and morphs[i + 1].normalized == "為る")  # 「パワーアップさせる」: done, not a name
        and not (m.surface in told and m.surface not in asked)
        and not q.vocab.knows(m.surface, m.normalized)  # Sudachi tags 一文 a name, too
        and not (m.place and re.search(re.escape(m.surface) + PLACE_AS_CONTEXT, q.payload))
        and not (m.place and m.surface not in asking)  # 「孫は東京、私は北海道で…と読みました。国はいくら？」
        and not re.search(re.escape(m.surface) + EXAMPLE_AFTER, q.payload)  # 「トヨタみたいな大企業」
        and not re.fullmatch(r"[ぁ-ゖー]+", m.surface)  # 「…れんけい」: a reading in hiragana, not a name
        and not re.search(re.escape(m.surface) + SPEAKER_AFTER, q.payload)  # 「佐藤さんが『…』って聞いてます」
        and not re.match(r"\W*" + re.escape(m.surface) + MESSAGE_LABEL, q.payload)  # 「Slackより: …」
        and not any(m.surface in p and (q.vocab.abbreviation_of(p) or q.vocab.corrected(p)) for p in q.noun_phrases)  # 地大 of 地大交付金, 緑 of 登緑制度
    ]


SPEAKER_AFTER = (rf"(?:{HONORIFICS})(?:が|から|に|も)、?(?:「|(?:「[^」]*」|[^。？?！!]){{0,40}}?"
                 r"(?:聞(?:い|か|き|く)|言(?:っ|わ|い)|質問|頼ま|確認|訊))")
"""Who passes a question on or is quoted (「隣の席の佐藤さんが『…』って聞いてます」): not what is asked about."""
MESSAGE_LABEL = r"\s*(?:より|から|にて)?\s*[:：）)】]"
"""Where a message comes from, as its label (「Slackより: …」「【Teams】…」): not what is asked about."""

EXAMPLE_AFTER = r"(?:[やと、・][^。？?！!、]{1,12}?)?(?:みたいな|のような|などの|といった|をはじめ|だけ(?:じゃ|で)なく)"
"""A name given as an example of a kind (「トヨタやパナソニックみたいな大企業」), or as what the kind goes beyond (「東京や
京都だけじゃなく地方にも」): the kind is asked about, not the name."""


def asking_sentence(payload: str) -> str:
    """The question from the first sentence that asks something on (「…と読みました。国はいくら要求しておるのですか。」
    → the second); a place named only in the sentences before it is where the asker lives or heard of it, not what
    is asked (a place asked what it gets is :func:`_regional_allocation`'s). The whole payload when none asks."""
    sentences = [s for s in re.split(r"(?<=[。？?！!])", payload) if s.strip()]
    first = next((i for i, s in enumerate(sentences) if ASKS.search(s)), 0)
    return "".join(sentences[first:])


ASKER_CLAUSE = re.compile(r"(?:んです|のです|です|ます|んだ|なん)?(?:けれども|けれど|けど|が)(?:笑|[wｗ]+|[(（]笑[)）])?、|(?:ておりまして|ていまして|てまして|ていて)、"
                          r"|(?:作成|準備|答弁|説明|報告|検討|勉強|調査|取材|執筆)(?:の?ため(?:に)?|用に)、"
                          r"|(?:失礼(?:いた)?します|恐れ入ります|お疲れ様です|おつかれさまです)[、。]")
"""The end of a clause in which the asker says something of themselves before asking (「…帰る予定なんですけど、」
「議会答弁の準備をしておりまして、」), says why they ask (「議会答弁の資料作成のため、」「村長への説明用に、」), or greets (「Slackで失礼します、」)."""
ASKS = re.compile(r"予算|いくら|何|額|億|円|どこ|どれ|どの|いつ|誰|だれ|[?？]")


def asker_context(q: Question) -> str:
    """The clause before the question in which the asker speaks of themselves (「地元の福井に帰る予定なんですけど、」):
    nothing is asked in it, and names in it (where they live or go) are context, not what is asked. "" when none."""
    found = ASKER_CLAUSE.search(q.payload)
    if found is None or found.end() >= len(q.payload):
        return ""
    clause = q.payload[: found.start()]
    folded = loose(clause)
    said = re.sub(r"「[^」]*」", "", clause)  # what someone else asked (「同僚が『…載ってたよね？』と」) is not asked here,
    # unless what follows names nothing of the document and so only passes it on (「部長が『…大臣って誰だっけ』って
    # 聞いてるんですが、名前わかります？」)
    rest = q.payload[found.end():]
    relayed = any(QUOTED_ASKS.search(x) for x in re.findall(r"「([^」]*)」", clause)) and not any(
        m.pos == "名詞" and m.surface not in q.vocab.stop_terms and q.vocab.knows(m.surface, m.normalized) for m in all_morphemes(rest))
    return "" if relayed or ASKS.search(said) or CLAIMS.search(said) or any(
        loose(t) in folded for t in q.vocab.titles if len(t) >= 4) else clause


CLAIMS = re.compile(r"(?:だ|の)と思(?:う|います|ってる|っています|ってます)$")
"""A clause that ends in what the asker believes of something (「AとB、どちらも経産省だと思う」けど、): a claim about what is
asked, not the asker speaking of themselves (「帰ろうと思う」)."""


QUOTED_ASKS = re.compile(r"[?？]|っけ|いくら|何|誰|だれ|どこ|どれ|どの|いつ|(?:です|ます)か$")
"""Someone else's quoted words that ask (「…って誰だっけ」), not quoted words that claim (「…に5億円つく」)."""


def after_asker(q: Question) -> str:
    """What the question says after the asker's clause about themselves, the whole payload when there is none."""
    if not q.asker_context:
        return q.payload
    found = ASKER_CLAUSE.search(q.payload, len(q.asker_context))
    return q.payload[found.end():] if found else q.payload


SITES = r"本社|本店|工場|事業所"
"""Where a company is (「東京の本社」): a place so used says where something is, not what the place gets."""
PLACE_AS_CONTEXT = rf"(?:都|府|県|市)?(?:から(?!の)|在住|出身|に住|で働|に勤|にある|[にへ]出(?:た|て)|の(?:会社|企業|人|大学|出身|{SITES}))"
"""What follows a place the asker only mentions: where from, where they live or work, who is from there (「東京の会社が
本社を移す」); 「中国からの旅行者」 is about it."""


ATTRIBUTE_ENDINGS = tuple(w for w in ATTRIBUTE_WORDS if len(w) >= 2)
"""A phrase ending in one of these (登録方法, 実施期間) says what is asked of something."""


def _unknown_programmes(q: Question) -> list[str]:
    """A programme name counts as unknown only when neither it nor its stem (without the suffix) is in
    the document, so 「ワット・ビット連携事業」 is known but 「地方創生臨時交付金」 is not."""
    names = []
    for phrase in q.noun_phrases:
        suffix = next((x for x in PROGRAMME_SUFFIXES if phrase.endswith(x)), None)
        if suffix is not None:  # only a programme's name is read word by word: most phrases are not one
            phrase = _without_leading_adverbs(phrase)
        if suffix is None or q.vocab.near(phrase) or phrase in q.vocab.lexicon.everyday or phrase.endswith(ATTRIBUTE_ENDINGS):
            continue  # 「登録方法」 ends in 法 but asks how: what is asked of a measure, not a programme's name
        if q.vocab.title_of(phrase) is not None or q.vocab.title_of(_with_its_lead(q.payload, phrase)) is not None:
            continue  # another spelling or a reading of a title (「特定地域作り事業」), a typo in one read whole (「地方創生2.0特区推新事業」)
        if any(alias in phrase for alias in q.vocab.lexicon.ministries) or phrase.endswith(("省庁", "府省", "官庁")):
            continue
        stem = phrase[: -len(suffix)]
        if len(stem) < 2 or stem in q.vocab.stop_terms or in_other_words(q, phrase) or in_other_words(q, stem):
            continue
        if another_grant_word(q, phrase):
            continue
        if suffix in WHOLE_NAME_SUFFIXES or not q.vocab.near(stem, abbreviations=False):
            names.append(phrase)
    return names


def _without_leading_adverbs(phrase: str) -> str:
    """The phrase without the nouns used as adverbs it starts with (「そもそも交付金」 → 交付金): they say how it is
    asked, not which programme."""
    morphs = all_morphemes(phrase)
    lead = len(list(takewhile(lambda x: x[5] == ADVERBIAL, morphs)))
    return "".join(x.surface for x in morphs[lead:]) if 0 < lead < len(morphs) else phrase


def _with_its_lead(payload: str, phrase: str) -> str:
    """The phrase with the name characters the question writes right before it (figures too: 「地方創生2.0」), which
    the noun phrases split off."""
    found = re.search(r"[0-9A-Za-z.・一-龥ァ-ヶー]*" + re.escape(phrase), payload)
    return found.group(0) if found else phrase


BLANK = re.compile(rf"[{BLANKS}〇＿]+|[×✕]{{2,}}")
"""A blank the asker leaves in a name for the bot to fill (「○万者」「××プログラム」)."""


def _filled_blanks(q: Question) -> list[str]:
    """The quoted names with a blank (「新規輸出○万者支援プログラム」) that the document writes with something in the blank,
    each without its blanks (how the words around them read it)."""
    found = []
    for quoted in re.findall(r"[「『\"]([^」』\"]{2,40})[」』\"]", q.payload):
        if BLANK.search(quoted):
            pattern = re.compile(BLANK.sub(lambda _: r"[^\s、。「」]{1,6}?", re.escape(quoted).replace("\\", "")))
            if any(pattern.search(t) for t in q.vocab.record_texts):
                found.append(BLANK.sub("", quoted))
    return found


def _unknown_quoted(q: Question) -> list[str]:
    """A quoted name, not a quoted sentence (「予算は無制限」): nouns only, no figures."""
    names = []
    for quoted in re.findall(r"[「『\"]([^」』\"]{2,40})[」』\"]", q.payload):
        morphs = [m for m in all_morphemes(quoted) if m.pos not in ("補助記号", "空白")]
        is_name = bool(morphs) and not re.search(r"\d", quoted) and not any(
            m.pos in ("助詞", "助動詞", "動詞") for m in morphs
        ) and not (len(morphs) == 1 and morphs[0].pos == "名詞" and not morphs[0].proper
                   and not any(quoted.endswith(x) for x in PROGRAMME_SUFFIXES))  # a word in scare quotes (「通り道」)
        if is_name and not q.vocab.near(quoted) and not in_other_words(q, quoted) and quoted not in q.vocab.stop_terms:
            # 「『担当府省庁』の欄」: the words every answer uses are no name the document lacks
            names.append(quoted)
    return names


def in_other_words(q: Question, phrase: str) -> bool:
    """The phrase is the document's once an everyday word in it is put in the document's words (「ふるさと学習」 →
    郷土学習, 「PR」 → 広報; corpus/vocabulary.json)."""
    return any(q.vocab.near(phrase.replace(everyday, word))
               for everyday, words in q.vocab.lexicon.everyday.items() if everyday in phrase
               for word in words.split())


def another_grant_word(q: Question, phrase: str) -> bool:
    """「地域産業創生補助金」: a grant the document names (…交付金), called by another of the everyday words for one."""
    grant = next((g for g in GRANT_WORDS if phrase.endswith(g)), None)
    return grant is not None and any(q.vocab.near(phrase[: -len(grant)] + other, abbreviations=False)
                                     for other in GRANT_WORDS if other != grant)


ASKERS_OWN = r"(?:うち|ウチ|弊社|当社|わが社|我が社|私|わたし|自分|僕|俺)の"
"""「うちの製品」「弊社の技術」: what the asker says is their own."""
ADVERBIAL = "副詞可能"
"""Sudachi's mark of a noun that also serves as an adverb (実際, 結局, 最近)."""


def _unknown_subjects(q: Question) -> list[str]:
    """Noun phrases the question is about (…の予算, the last …は) that the document does not have."""
    names = []
    first = re.split(r"(?<=[。？?！!])", q.payload.strip())[0]
    told_first = first.endswith("。") and len(first) < len(q.payload.strip())  # 「小学校の保護者会で…話が出ました。これって…？」
    for i, (phrase, morphs, after, rest) in enumerate(q.phrase_spans):
        if len(phrase) < 2 or q.vocab.near(phrase) or phrase in q.vocab.lexicon.everyday or phrase in q.vocab.stop_terms or re.fullmatch(r"[ぁ-ゖー]+", phrase):
            continue
        if another_grant_word(q, phrase) or q.vocab.title_of(phrase) is not None or _mistyped_after(q, phrase):
            continue  # a title misspelt or misremembered (「地方インターンシツプ促進事業」) is that title
        if all(x.normalized in q.vocab.stop_terms or x.surface in q.vocab.stop_terms for x in morphs):
            continue
        if any(x.normalized in BUDGET_WORDS | ATTRIBUTE_WORDS or x.surface in BUDGET_WORDS | ATTRIBUTE_WORDS
               for x in morphs) or phrase.endswith(ATTRIBUTE_ENDINGS):  # 「登録方法」, one word to the dictionary
            continue
        if ASKING_NOUN.search(phrase):
            continue  # 「議員ご質問の、…」: the asking itself, not what it is about
        if all(x[5] == ADVERBIAL for x in morphs):
            continue  # 「実際は」「結局は」: a noun used as an adverb says how, never what about
        if any(x.surface in ASKERS_PEOPLE for x in morphs) and all(x.surface in ASKERS_PEOPLE or x.pos != "名詞" for x in morphs):
            continue  # 「息子は…」「息子の友達が…」: someone of the asker's own life
        if re.search(ASKERS_OWN + re.escape(phrase), q.payload):
            continue  # 「うちの製品は…」: the asker's own thing, which they go on to describe, not a name the document lacks
        if all(x.place for x in morphs) and re.match(PLACE_AS_CONTEXT, after):
            continue  # 「北海道の本社を…移した会社」: where something is, not what is asked about
        ministry = q.vocab.lexicon.ministry_words
        if any(x.surface in ministry for x in morphs) and all(x.surface in ministry or x.pos == "接尾辞" for x in morphs):
            continue  # 「国交省絡み」「文科省関係」: a ministry as scope, not a name
        bare = QUALIFIERS.sub("", phrase)
        if bare != phrase and len(bare) >= 2 and q.vocab.near(bare):
            continue  # 「まるごとCCRC専用」「スポーツ系」: the document's word, qualified in everyday words
        # a word in hiragana is a reading, not a name (「ごうけい がく」 read from romaji, 「にほんばんCCRC」)
        unknown = [x.surface for x in morphs if x.surface in q.unknown_terms and not re.fullmatch(r"[ぁ-ゖー]+", x.surface)]
        subject = SUBJECT_AFTER.match(after) or (i == 0 and after.startswith("の") and len(phrase) >= 3 and not told_first
                                                 and not SETTING.match(rest))
        asked = ATTRIBUTE_AFTER.match(after) and phrase == last_asked_phrase(q)
        if (subject or asked or _support_for(q, phrase, rest)) and unknown:
            names.append(phrase)
    return names


def _mistyped_after(q: Question, phrase: str) -> bool:
    """The phrase, read with the words the question writes before it, is the document's with one kanji mistyped
    (「地域金融力の教化」: 教化 is a word of its own, but here the input method's choice for 強化)."""
    end = q.payload.find(phrase) + len(phrase)
    return any(q.vocab.corrected(q.payload[start:end]) for start in range(max(0, end - MISTYPED_SPAN), end - len(phrase))
               if not re.search(r"[、。？?！!\s]", q.payload[start:end]))


MISTYPED_SPAN = 12
"""How far back a mistyped word is read with what the question writes before it."""


SETTING = re.compile(r"の[一-龥ぁ-ゖァ-ヶー]{1,6}?(?:で|にて)(?![きすもは])")
"""「町内会の集まりで」「ゼミの発表で」: where the asker heard or needs it, not what is asked about."""
NAMING_DF = 2
"""A noun in at most this many records names something of the document's own (自然, アニメ, 農業), not a theme."""
SENTENCE_END = re.compile(r"[。？?！!]")


def _support_for(q: Question, phrase: str, rest: str) -> bool:
    """「除雪の担い手を支援する予算」「家賃を補助して」: the phrase is what the support asked about would be for —
    unless the asked sentence names something of the document's own besides (「自然や景色を活かしたまちづくり」
    「介護の人が地方に移住したら支援」), which is then what it is about; a noun compounded with the support word
    (「被害対策」) says what kind of support, not what for. The asker's clause about themselves is not asked."""
    text = q.payload[len(q.asker_context):]
    start = text.find(phrase)
    if SUPPORTED_AFTER.match(rest) is None or start < 0:
        return False
    sentence_start = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    end = SENTENCE_END.search(text, start)
    morphs = all_morphemes(text[sentence_start:start] + "。" + text[start + len(phrase) : end.end() if end else len(text)])
    return not any(
        m.pos == "名詞" and 1 <= q.vocab.df(m.surface) <= NAMING_DF and m.surface not in BUDGET_WORDS | ATTRIBUTE_WORDS | q.vocab.stop_terms
        and not SUPPORT.search(m.surface) and not (nxt is not None and SUPPORT.fullmatch(nxt.surface))
        for m, nxt in zip(morphs, [*morphs[1:], None])
    )


ASKING_NOUN = re.compile(r"(?:質問|お尋ね|問い?合わ?せ|照会|質疑)$")
"""A phrase that names the asking (「議員ご質問」「住民からの問い合わせ」), not what is asked about."""
ITSELF = re.compile(r"(?:本体|そのもの|自体)$")
"""「交付金本体」「事業そのもの」: the thing named, as against its parts; a name so qualified still names its record."""
QUALIFIERS = re.compile(r"^(?:まるごと|丸ごと|全部)|(?:系|関係|関連|がらみ|絡み|専用|向け|全般|分野|方面|面|的|周り|まわり)$|" + ITSELF.pattern)
"""Everyday words around a noun that say how it is meant, not what it is (「スポーツ系」「まるごとCCRC専用」「交付金本体」)."""


def last_asked_phrase(q: Question) -> str:
    """The last noun phrase followed by は/って/とは: usually what the question asks for."""
    asked = [p for p, _, after, _ in q.phrase_spans if ATTRIBUTE_AFTER.match(after)]
    return asked[-1] if asked else ""


def out_of_scope(q: Question) -> str | None:
    """Kinds of question the document cannot answer whatever it retrieves, read in what is asked: the asker's
    clause about themselves (「うちの町でも使えるか気になっているのですが、」) asks nothing."""
    told = q.told  # what the asker tells of their world is not asked; what they heard is (「減税規模は…と聞きました」)
    text = SET_ASIDE.sub("", RULED_OUT_CLAUSE.sub("", q.payload[max(len(q.asker_context), 0 if HEARSAY.search(told) else len(told)):]))
    if q.about_document:
        return CONTACT if CONTACT_DETAILS.search(text) else None
    for why, pattern in UNANSWERABLE:
        if why == DECIDED and q.asks_if_decided and q.yes_no and not q.asks_which_of_two:  # not 「成立した額はどっちが多い？」
            continue  # 「成立した予算ですか？」 is answered: いいえ, it is a request
        found = pattern.search(text)
        while found and (_own_words(q, text, found) or (why == SO_FAR and _written_so_far(q, found.group(0)))
                         or (why == COST_ITEM and _titled_cost(q, found.group(0)))
                         or (why == PERSON and _who_the_text_names(q, text, found))
                         or (why == OPINION and _view_aside(text, found))):
            found = pattern.search(text, found.start() + 1)  # a match in the document's words may hide one that asks
        if found and not (why == SPLIT and (_ministry_is_all(q) or _each_of_two(q, found.group(0)))):
            return why
    if _regional_allocation(q):
        return "asks for one region's allocation"
    if _background_event(q):
        return "asks for the budget of an event the document gives as background"
    if _unwritten_purpose(q, text):
        return "asks for the cost of something the document does not write"
    if _unwritten_expansion(q, text):
        return "asks what an abbreviation stands for"
    if _earlier_request(q, text):
        return "asks for an earlier year's request"
    named = detect_ministries(text, q.vocab.lexicon.ministries)
    if named and AGGREGATE.search(text) and named != ("内閣官房・内閣府",) and not (
            q.items and not MINISTRY_WHOLE.search(text)):  # 「国交省のAとB、合計は」 adds up A and B
        if re.search(r"いくら|額|予算", text) and not re.search(r"施策|事業|項目|取組|一覧|どれ|(?:する|の)話", text):
            return "asks for a ministry's total"
    return None


ABBREVIATION_ASKED = re.compile(r"([A-Za-z]{2,})[」』]?(?:って|は|とは|が)?[^。？?]{0,6}?(?:何|なに|なん)の略")
"""「CCRCって何の略？」: what a Latin abbreviation stands for."""


def _unwritten_expansion(q: Question, text: str) -> bool:
    """「RAIDAって何の略？」 when the document spells it out nowhere in Latin letters (「（日本版CCRC）」 is a short name for
    生涯活躍のまち, not what CCRC stands for); a short name in kana (群マネ) is answered from its full name."""
    found = ABBREVIATION_ASKED.search(text)
    if found is None:
        return False
    letters = re.escape(found.group(1))
    spelled = re.compile(rf"{letters}\s*[（(]\s*[A-Za-z]|[A-Za-z][^（()）\n]*[（(]\s*{letters}\s*[)）]", re.IGNORECASE)
    return not any(spelled.search(t) for t in q.vocab.record_texts)


def _view_aside(text: str, found: re.Match[str]) -> bool:
    """「正直、交付金ってばらまきだと思うんですけど、要求額はいくら？」: the opinion word is in the asker's own view, set aside
    by 〜と思うけど before a question that asks a fact; an opinion asked after it (「…けど、どう思う？」) is still found."""
    aside = VIEW_ASIDE.search(text, found.end())
    return bool(aside and FACT_ASKED.search(text, aside.end()))


def _each_of_two(q: Question, said: str) -> bool:
    """「AとB、どちらも390億円台ですが、それぞれいくら？」: each of two measures named asks their own amounts, not how one
    figure is split; 「交付金2,374億円の内訳、AとBでそれぞれいくら？」 asks the split."""
    return len(q.items) >= 2 and re.search(r"それぞれ|ずつ", said) is not None and not re.search(r"内訳|配分|振り分|割り振", said)


def _titled_cost(q: Question, said: str) -> bool:
    """「デジタルライフラインの整備費」 of 「デジタルライフラインの整備」: the cost of what the measure's title says it does is
    the measure's own amount, not one cost item of it."""
    cost = re.search(f"({COST_WORDS})費", said)
    return bool(cost and q.named_item and cost.group(1) in q.vocab.title_by_id(q.named_item))


PURPOSE = re.compile(r"([^、。?？!！のをにはがで]{2,12})(?:に(?:は|も)?(?:[^。?？]{0,12}?)充て|(?:の|として)?費用|の経費|のための(?:予算|お金|費用)|(?<=[一-龥ァ-ヶ])予算(?=(?:は|って|が|を|、)[^。?？]{0,16}?(?:いくら|何億|要求され|計上され))|に(?=、?[^。?？]{0,16}計上))")
"""What money is asked to be for: 「復旧・復興に充てる予算」「復興にはこの要求でいくら充てられてる」「復旧費用として」
「改修のための予算」「復旧・復興予算は…いくら」 (a noun run on by 予算, not 「地域おこしする予算」), 「復興に…計上」."""


def _unwritten_purpose(q: Question, text: str) -> bool:
    """An amount asked for a purpose the document never writes (「能登半島地震の復旧・復興に充てる予算はいくら」): no
    line item is for it, even when the event it follows is named in a record's background."""
    if not ALLOCATION.search(text) or q.asks_whole_amount:  # 「まるごとこの施策専用に充てられる？」 asks about 内数
        return False
    unknown = [t for t in q.unknown_terms if len(t) >= 2 and t in q.own_nouns]
    return any(term in found.group(1) for found in PURPOSE.finditer(text) for term in unknown)


EARLIER_REQUEST = re.compile(r"(?:(?:令和|R)(\d{1,2})年?度?|前年度?|去年|昨年度?)の?[^。?？、]{0,16}?(?:概算要求(?:額)?|要求(?:時点|段階|額))")
"""A year's request named (「令和N年度の…概算要求額」「前年の要求時点の額」): the document gives that year's initial budget."""


def _earlier_request(q: Question, text: str) -> bool:
    """「令和N−1年度の…概算要求額（前年の要求時点の額）はいくらでしたか」: the amount an earlier year requested, which
    the document never gives (only that year's 当初 budget), asked outright, not compared with nor checked."""
    if q.asserts or q.claimed_year or re.search(r"当初|比べ|比較|差|増|減|違い", text) or not re.search(r"いくら|何億|額は", text):
        return False
    years = [m.group(1) for m in EARLIER_REQUEST.finditer(text)]
    return bool(years) and all(y is None or int(y) in q.profile.years[1:] for y in years)


ALLOCATION = re.compile(r"予算|いくら|何億|何円|額|億円|配分|交付され|出る|出ます|つく(?![っらりれろ])|つきます|もらえ")
"""Asking what a place gets: the document states national requests, never a region's share."""


CLAUSE_BREAK = re.compile(
    r"[。?？!！]|(?:が|けど|けれど|ので|ため|て|し)、|、(?:あれ|それ|これ|その|この|あの|ああ|そう|こう)"
    r"|(?:ている|でいる|てある|た|する|される|もらう|[うくすつぬむぶぐる])(?:系の?|ような|みたいな)?(?=やつ|話|施策|事業|取組|もの)"
    r"|(?:話|こと|記述)(?:が|も)?(?:出てくる|出てる|出ている|載ってる|載っている|書いてある|書かれている)"
)
"""Where the clause that names a place ends: 「九州で投資が増えてますが、…取組にはいくら」 and 「八潮市の事故に触れている
施策の要求額」 ask about the measure, not the place; so does 「九州の半導体の話が出てくる…分野の…要求額」, and 「東京の会社員に
地方企業を手伝ってもらう系のやつ、いくら」 describes a measure by who takes part in it."""


def _regional_allocation(q: Question) -> bool:
    """A place (沖縄県, 九州地域) asked what it gets in the same clause (「沖縄県には…いくら」「九州地域の半導体支援に、
    いくら予算がつく」), the place not part of any measure's title. A place in a clause of its own (「八潮市で事故が
    ありましたよね。ああいうのを防ぐ取組の予算は」, 「北海道に住んでいます。」) is context, not the recipient."""
    places = {m.surface for m in q.morphemes if m.place}
    for place in places:
        if any(loose(place) in loose(t) for t in q.vocab.titles):
            continue
        for found in re.finditer(re.escape(place) + r"(?:地域|地方|県|市|町|村)?(?=に|へ|で|の|向け)", q.payload):
            if SITE.match(q.payload, found.end()) or EVENT.match(q.payload, found.end()):
                continue  # 「東京の本社を地方に移した会社」「八潮市の陥没事故を踏まえた…」: where something is or happened
            if WRITTEN_OF.match(q.payload, found.end()):
                continue  # 「九州の話が出てた…人材育成、いくら？」: the measure whose text speaks of the place
            clause = CLAUSE_BREAK.split(q.payload[found.end():], maxsplit=1)[0]
            if ALLOCATION.search(clause):
                return True
        if re.search(re.escape(place) + r"(?:地域|地方|県|市|町|村)?が" + RECEIVES, q.payload):
            return True  # 「沖縄県が交付金から受け取る額」: the place as the one who receives
    return False


RECEIVES = r"[^。?？!！]{0,20}?(?:受け取|もら[うえっ]|貰[うえっ]|交付を受け|配分を受け)"
"""What a place does when it is the recipient (「…が受け取る額」「…がもらえる」)."""


PEOPLE_OF = r"会社員|社員|人材|人たち|若者|学生|企業|会社|人"
"""Who is from a place (「東京の会社員が副業で地方の会社を手伝う」): the people a measure is about, not a recipient."""
SITE = re.compile(rf"の(?:{SITES}|{PEOPLE_OF})(?:を|が|は|から)")
"""「東京の本社を地方に移した会社」「東京の会社員が副業で…」: a place where something or someone is, which is not what
the place gets."""
WRITTEN_OF = re.compile(r"(?:の|って|が)[^。?？、]{0,12}?(?:出て|出る|載って|載る|書いて|書かれ)")
"""「九州の話が出てた」「北海道が書いてある」: the place as what a measure's text speaks of, which names the measure."""
EVENT = re.compile(r"(?:で|の)[^。?？、]{0,6}?(?:事故|地震|災害|被害|豪雨|水害|陥没|噴火|火災|台風)(?:など|等)?"
                   r"(?:を(?:踏まえ|受け|教訓|防)|に(?:対応|備え)|のような|みたいな)")
"""「八潮市の陥没事故を踏まえた取組」: a place where an event happened, named as what a measure answers (the document
gives it as background); 「八潮市の事故、復旧にいくら」 still asks what that place gets."""


EVENT_NAME = re.compile(r"[一-龥ァ-ヶー]{2,}?(?:地震|災害|豪雨|事故|台風|噴火|水害)")
"""A named event (能登半島地震, 八潮市での道路陥没事故 as 陥没事故)."""
AS_BACKGROUND = re.compile(r"^[^。]{0,30}?(?:を踏まえ|を受け|を契機|を教訓)")
"""What follows an event the text gives as the reason for a measure, not as what it pays for."""
SAID_AS_REASON = re.compile(r"^[^。?？]{0,20}?(?:踏まえ|ふまえ|を受け|教訓|契機|に対応|に備え)")
"""「…地震のことも踏まえた予算」「…地震や…事故を踏まえた…管理」: the question gives the event as the reason too."""


def _background_event(q: Question) -> bool:
    """「能登半島地震の復興予算はいくら？」 of a document that names the event only as a reason (「能登半島地震…の被害等を
    踏まえ」): no line requests money for the event itself. Said as the reason in the question too (「…地震を踏まえた取組の
    予算」), it names the measure, which is answered."""
    for event in EVENT_NAME.finditer(q.payload):
        name, rest = event.group(0), q.payload[event.end():]
        if SAID_AS_REASON.match(rest) or not ALLOCATION.search(CLAUSE_BREAK.split(rest, maxsplit=1)[0]):
            continue
        written = [t[at + len(name):] for t in q.vocab.record_texts for at in starts_of(name, t)]
        if written and all(AS_BACKGROUND.match(after) for after in written):
            return True
    return False


def _ministry_is_all(q: Question) -> bool:
    """「交通リ・デザインの国交省分は？」 of a measure that ministry alone requests: its share is the whole amount."""
    return bool(q.named_item and len(q.ministries) == 1 and q.vocab.ministries_by_id(q.named_item) == q.ministries)


def _own_words(q: Question, text: str, found: re.Match[str]) -> bool:
    """The match is the document's own words (「誰も取り残さない」), not a question: it starts with them, or it is them
    once its asking end is cut (「スマホで登録できますか」: the document writes 「登録でき」; 「海外在住でも登録できますか」
    asks who may)."""
    return _in_document(q, text[found.start() : found.start() + DOCUMENT_WORDS]) or (
        not text[: found.start()].endswith("も") and _in_document(q, ASKING_END.sub("", found.group(0))))


SO_FAR_WORDS = re.compile(r"累計|これまで")


def _written_so_far(q: Question, asked: str) -> bool:
    """「大規模成長投資補助金って、これまで累計でどれくらい」 of a measure a record writes a total so far of (「累計6,000億円
    …の大規模成長投資補助金」): the document answers it, in the same words."""
    words = SO_FAR_WORDS.findall(asked)
    names = [compact(p) for p in q.noun_phrases if len(p) >= 4]
    return any(w in text and any(n in text for n in names) for text in q.vocab.record_texts for w in words)


def _who_the_text_names(q: Question, text: str, found: re.Match[str]) -> bool:
    """「ふるさと住民登録制度は誰を登録する制度？」「コンソーシアムって誰が連携してつくるの？」: who does what the named
    measure's text describes, which that text says (the 者 it registers, the 産官学 who work together); not who holds an
    office, and not a person the text does not name (「担当者は誰？」 of a text without one)."""
    if not found.group(0).startswith(("誰", "だれ", "どなた")) or not q.named_item or NAMES_ASKED.search(text):
        return False
    own = compact(q.vocab.text_by_id(q.named_item))
    near = text[max(found.start() - ASKED_NEAR, 0) : found.end() + ASKED_NEAR]
    if PERSONS_SAID.search(near):
        return False  # 「会議体に参加する企業経営者は誰？」: which of those the text names, which it does not say
    words = [w for w in re.findall(r"[一-龥ァ-ヶー]{2,}", near) if w not in q.vocab.stop_terms and not w.startswith(("誰", "担当"))]
    return bool(ACTOR.search(own)) and any(w in own for w in words)


def _in_document(q: Question, words: str) -> bool:
    """The words are the document's own (「誰も取り残さない」 is a title, not a question about a person)."""
    return len(words) >= 4 and loose(words) in q.vocab.loose_text


BUDGET_KIND = re.compile(r"(?:\s*(?:と|・|及び|や|、)\s*(?:令和)?\d{1,2}年度)*\s*の?\s*(補正|決算)")
"""A kind of budget named after a year, or after a list of years that ends with it (「令和N年度とN+1年度の補正」): the
document must write that year with that kind (「令和N年度補正」)."""


YEARS_AGO = re.compile(r"(?<![\d.])(\d{1,2})年前(?=(?:と|より|から|に)?(?:比べ|比較|の(?:予算|額|金額|要求)|[^。?？]{0,6}(?:増え|減っ|伸び)))")
"""A year counted back from the document's (「10年前と比べて」「5年前の予算」), asked as a year to compare with."""


def unknown_years(q: Question) -> list[str]:
    """Fiscal years or calendar years named in the question that the document never mentions."""
    out = []
    for m in YEAR.finditer(q.payload):
        token = compact(m.group(0)).rstrip("年度")
        if m.group(1) in ("R", "r"):
            token = f"令和{m.group(2)}"
        if token.startswith("H"):
            token = f"平成{m.group(2)}"
        known_fiscal = bool(m.group(3)) and q.payload.startswith("度", m.end()) and int(m.group(3)) in q.profile.calendar_years
        if not known_fiscal and token not in q.vocab.compact_text and token.replace("令和", "R") not in q.vocab.compact_text:
            out.append(m.group(0))  # 「2026年度」 is the document's 令和 year in the Western calendar
        kind = BUDGET_KIND.match(q.payload, m.end())
        if kind and f"{token}年度{kind.group(1)}" not in q.vocab.compact_text:
            out.append(m.group(0) + kind.group(1))  # 「令和N年度の補正予算」 when the document gives that year's 当初 only
    if "再来年" in q.payload:
        out.append("再来年度")
    for m in YEARS_AGO.finditer(q.payload):
        if q.profile.years and max(q.profile.years) - int(m.group(1)) not in q.profile.years:
            out.append(m.group(0))  # 「10年前と比べて」: a year before the previous one
    if re.search(r"予算|いくら|額|億円", q.payload):
        for m in YEAR.finditer(q.payload):
            year = int(m.group(2) or 0) if m.group(1) in ("令和", "R", "r") else 0
            calendar = int(m.group(3) or 0)
            kind = BUDGET_KIND.match(q.payload, m.end()) if year else None
            if kind and f"令和{year}年度{kind.group(1)}" in (
                    q.vocab.text_by_id(q.named_item) if q.named_item else q.vocab.compact_text):
                continue  # 「令和N年度補正とN+1年度補正で累計いくら？」: a figure the document writes of that year's 補正 (in
                # the record of the measure named, if one is: a 補正 written of another measure is not this one's)
            if (year and year not in q.profile.years) or (
                calendar and calendar not in q.profile.calendar_years and "年度" in m.group(0)
            ):
                out.append(m.group(0))
    return sorted(set(out))
