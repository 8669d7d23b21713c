"""The chat's HTML: escaped text, linked [n] markers, highlighted quotes, numbered context lines."""

from __future__ import annotations

from bot.models import Answer, Citation
from bot.web.render import answer_html, context_html, flag_badges, highlight, highlight_terms, sources_html


def _citation(**kw) -> Citation:
    base = dict(n=1, id="r-1", title="「ふるさと住民登録制度」の創設", line_start=3, line_end=4,
                quote="○「ふるさと住民登録制度」の創設\n登録する仕組み", amount_text="計0.8億円+事項要求",
                amount_oku=0.8, flags=["事項要求"], ministries=["内閣官房・内閣府", "総務省"])
    base.update(kw)
    return Citation(**base)


def test_answer_markers_become_links_only_for_known_citations() -> None:
    a = Answer(question="q", answer="額は0.8億円です[1]。別の話[2]。", citations=[_citation()])
    md = answer_html(a, "k1")
    assert '<a class="cite-ref" href="#a-k1-c1" data-key="k1" data-n="1" aria-label="出典1：「ふるさと住民登録制度」の創設">[1]' in md
    assert '<span class="cite-tip" aria-hidden="true">○「ふるさと住民登録制度」の創設</span>' in md
    assert "[2]" in md and "-c2" not in md


def test_answer_text_is_escaped() -> None:
    md = answer_html(Answer(question="q", answer="<script>alert(1)</script>です"))
    assert "<script>" not in md and "&lt;script&gt;" in md


def test_highlight_marks_terms_across_full_and_half_width() -> None:
    out = highlight("ＲＥＳＡＳ・RAIDAによる<支援>", ["resas"])
    assert out.startswith("<mark>ＲＥＳＡＳ</mark>")
    assert "&lt;支援&gt;" in out


def test_highlight_terms_are_content_words_of_the_question() -> None:
    terms = highlight_terms("ふるさと住民登録制度の予算はいくら？")
    assert "登録" in terms and "いくら" not in terms
    assert all(len(t) >= 2 for t in terms)


def test_context_shows_numbered_lines_around_the_span() -> None:
    lines = [f"行{i}" for i in range(1, 21)]
    html = context_html(_citation(line_start=10, line_end=11), lines, around=2)
    assert "8–13行" in html
    assert html.count('class="ctx-line ctx-hit"') == 2
    assert '<span class="ctx-no">8</span>' in html and '<span class="ctx-no">14</span>' not in html


def test_context_is_clamped_to_the_document() -> None:
    html = context_html(_citation(line_start=1, line_end=1), ["a", "b"], around=5)
    assert "1–2行" in html


def test_flag_badges_explain_naisu_and_jikou() -> None:
    html = flag_badges(["内数", "事項要求", "＋社会資本整備総合交付金（内数）"])
    assert 'badge-naisu' in html and 'badge-jikou' in html
    assert "合計できません" in html


def test_sources_panel_lists_each_citation_with_amount_ministries_and_lines() -> None:
    lines = [f"line {i}" for i in range(1, 10)]
    a = Answer(question="ふるさと住民登録制度の予算は？", answer="x[1]。", citations=[_citation()])
    html = sources_html(a, lines, key="k1")
    assert 'id="a-k1-c1"' in html
    for text in ("「ふるさと住民登録制度」の創設", "計0.8億円+事項要求", "内閣官房・内閣府、総務省", "3–4行", "<mark>"):
        assert text in html


def test_sources_panel_for_a_refusal_is_a_polite_note() -> None:
    html = sources_html(Answer(question="q", answer="申し訳ありません。", refused=True), [])
    assert "出典がありません" in html


def test_follow_up_panel_names_the_earlier_question_and_highlights_its_words() -> None:
    a = Answer(question="それの担当省庁は？", answer="x[1]。", citations=[_citation()],
               resolved_question="ふるさと住民登録制度の予算は? 長い前の回答 それの担当省庁は?")
    html = sources_html(a, ["l"] * 9, previous_question="ふるさと住民登録制度の予算は？")
    assert "前の質問（「ふるさと住民登録制度の予算は？」）を踏まえて" in html
    assert "<mark>ふるさと住民登録制度</mark>" in html


def test_copy_text_is_the_answer_with_its_sources_listed() -> None:
    from bot.state.conversations import Exchange
    from bot.web.transcript import plain_text

    a = Answer(question="q", answer="額は計0.8億円+事項要求です[1]。", citations=[_citation()])
    assert plain_text(Exchange(key="k", question="予算は？", answer=a)).splitlines() == [
        "質問：予算は？",
        "回答：額は計0.8億円+事項要求です[1]。",
        "",
        "出典",
        "[1] 「ふるさと住民登録制度」の創設（資料の3–4行、計0.8億円+事項要求）",
    ]
