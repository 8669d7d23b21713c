"""The eval harness: the whole-set gate against evals/thresholds.json, the CLI, and the report pieces."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.config import Settings
from bot.eval.metrics import HEADLINE, Outcome
from bot.eval.report import compare, markdown, stdout_table, write_report
from bot.eval.run import (
    SPLITS,
    EvalItem,
    Response,
    beat_sample,
    build_report,
    build_systems,
    check_thresholds,
    gated_items,
    load_items,
    load_thresholds,
    main,
    run_eval,
    score,
)
from bot.qa.grounding import title_spans


@pytest.mark.slow
def test_whole_set_meets_thresholds(service, tmp_path: Path) -> None:
    """Ours on every dev and test question, the baselines it must beat on a fixed sample; fails below any floor."""
    thresholds = load_thresholds()
    assert thresholds.get("gates"), "evals/thresholds.json has no gates"
    ours, *baselines = build_systems(["ours", *thresholds.get("beat_on_pass_rate", [])], service.settings, service=service)
    items = gated_items(thresholds)
    always = title_spans(service.records)
    results = run_eval(items, [ours], service.lines, progress=False, always=always)
    results |= run_eval(beat_sample(items, thresholds), baselines, service.lines, progress=False, always=always)
    report = build_report(results, "gated", service.settings)
    write_report(report, tmp_path)
    assert (tmp_path / "chart.png").stat().st_size > 10_000
    failures = check_thresholds(report, thresholds)
    assert not failures, "below evals/thresholds.json:\n" + "\n".join(failures) + "\n\n" + stdout_table(report)


def test_items_load_and_validate() -> None:
    splits = {s: load_items(s) for s in SPLITS}
    dev, test = splits["dev"], splits["test"]
    assert len(dev) >= 300 and len(test) == 100 and all(len(v) >= 100 for v in splits.values())
    assert all({i.split for i in items} == {name} for name, items in splits.items())
    ids = [i.id for items in splits.values() for i in items]
    assert len(ids) == len(set(ids))  # no question in two splits
    assert all(i.gold_lines and i.facts for i in test if not i.should_refuse)
    assert len(load_items("all", limit=3)) == 3


def test_score_uses_document_lines(settings: Settings) -> None:
    from bot.document.parser import corpus_lines

    lines = corpus_lines(settings.corpus_path)
    item = EvalItem(id="x", question="総額は？", category="amount", gold_lines=[12], facts=["2,444億円"], split="test")
    good = score(item, Response("総額は2,444億円＋事項要求です[1]。", False, [(12, 13)], [(12, 13)], 5.0), lines, 1)
    assert good.passed and good.numbers == 1 and good.ungrounded == []
    invented = score(item, Response("総額は2,444億円、前年比120%です[1]。", False, [(12, 13)], [], 5.0), lines, 1)
    assert invented.ungrounded == ["120"] and invented.passed  # grounding is its own metric, not part of pass
    refused = score(item, Response("記載がありません。", True, [], [], 5.0), lines, 1)
    assert not refused.passed and refused.facts_ok == [False]


def _tiny_report(pass_ours: bool) -> dict:
    def outs(passed: bool) -> list[Outcome]:
        return [Outcome(id="q1", category="amount", split="test", should_refuse=False, gold_lines=[12],
                        refused=False, facts_ok=[passed], cited=[(12, 13)], retrieved=[(12, 13)], n_relevant=1,
                        numbers=1, ungrounded=[], latency_ms=3.0, answer="2,444億円[1]")]

    return build_report({"ours": outs(pass_ours), "naive": outs(True)}, "test", Settings())


def test_check_thresholds() -> None:
    gates = {"gates": {"test": {"min": {"pass_rate": 0.9}, "max": {"false_refusal_rate": 0.0}}},
             "beat_on_pass_rate": ["naive"]}
    failures = check_thresholds(_tiny_report(True), gates)
    assert failures == ["test pass_rate 1.000 does not beat naive 1.000"]
    failures = check_thresholds(_tiny_report(False), gates)
    assert "test pass_rate = 0.0 < 0.9" in failures


def test_baselines_are_beaten_on_the_questions_they_answered() -> None:
    def out(qid: str, passed: bool) -> Outcome:
        return Outcome(id=qid, category="amount", split="dev", should_refuse=False, gold_lines=[12], refused=False,
                       facts_ok=[passed], cited=[(12, 13)], retrieved=[(12, 13)], n_relevant=1, numbers=1,
                       ungrounded=[], latency_ms=3.0, answer="2,444億円[1]")

    ours = [out("q1", True), out("q2", True), out("q3", False), out("q4", False)]  # 0.5 on all four
    naive = [out("q1", True), out("q2", False)]  # 0.5 on the two it answered, where ours has 1.0
    gates = {"gates": {"dev": {"min": {}}}, "beat_on_pass_rate": ["naive"]}
    assert check_thresholds(build_report({"ours": ours, "naive": naive}, "dev", Settings()), gates) == []
    naive = [out("q1", True), out("q2", True)]
    assert check_thresholds(build_report({"ours": ours, "naive": naive}, "dev", Settings()), gates) == [
        "dev pass_rate 1.000 does not beat naive 1.000"]


def test_beat_sample_takes_every_nth_of_the_named_split_in_file_order() -> None:
    items = [EvalItem(id=f"{split}{k}", question="総額は？", category="amount", gold_lines=[12], facts=[], split=split)
             for split in ("dev", "test") for k in range(6)]
    sample = beat_sample(items, {"beat_sample_every": {"dev": 4}})
    assert [i.id for i in sample] == ["dev0", "dev4", "test0", "test1", "test2", "test3", "test4", "test5"]
    assert beat_sample(items, {}) == items


def test_the_gate_reads_only_the_gated_splits() -> None:
    thresholds = load_thresholds()
    assert {i.split for i in gated_items(thresholds)} == set(thresholds["gates"]) == {"dev", "test"}


def test_thresholds_gate_every_headline_metric() -> None:
    t = load_thresholds()
    gate = t["gates"]["test"]
    assert gate["min"]["numeric_grounding"] == 1.0
    assert set(gate["min"]) | set(gate["max"]) >= set(HEADLINE)
    assert set(t["targets"]) == set(HEADLINE)


def test_report_text_and_compare() -> None:
    new, old = _tiny_report(True), _tiny_report(False)
    md = markdown(new)
    assert "| pass_rate | 1.000 | 1.000 |" in md and "target (test)" in md
    assert "pass_rate" in stdout_table(new)
    delta = compare(new, old)
    assert "+1.000" in delta


def test_cli_runs_a_small_eval(settings: Settings, service, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("BOT_DATA_DIR", str(settings.data_dir))
    out = tmp_path / "r1"
    args = ["--split", "test", "--systems", "ours,lexical", "--limit", "4", "--no-progress", "--judge"]
    assert main([*args, "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "pass_rate" in captured.out and "skipping the judge" in captured.err
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["systems"] == ["ours", "lexical"] and report["metrics"]["ours"]["all"]["n"] == 4
    assert (out / "report.md").exists() and (out / "chart.png").exists()
    assert main([*args[:-1], "--out", str(tmp_path / "r2"), "--compare", str(out)]) == 0
    assert "compared with the report" in capsys.readouterr().out


def test_cli_rejects_unknown_system(settings: Settings, service, monkeypatch) -> None:
    monkeypatch.setenv("BOT_DATA_DIR", str(settings.data_dir))
    assert main(["--systems", "ours,gpt5", "--no-progress"]) == 2
