"""Writing an eval report: report.json, report.md (tables), chart.png, the stdout table and --compare deltas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.eval.metrics import HEADLINE, LOWER_IS_BETTER

TABLE_METRICS = (
    "pass_rate", "recall@1", "recall@3", "recall@5", "mrr", "ndcg@5", "fact_recall", "citation_precision",
    "citation_recall", "numeric_grounding", "refusal_precision", "refusal_recall", "false_refusal_rate",
    "latency_p50_ms", "latency_p95_ms",
)
SHORT_METRICS = (*HEADLINE, "latency_p50_ms")
JUDGE_METRICS = ("faithfulness", "answer_relevancy")
CHART_METRICS = ("pass_rate", "recall@3", "fact_recall", "citation_precision", "citation_recall", "refusal_recall")


def fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:.1f}" if abs(value) >= 10 else f"{value:.3f}"
    return str(value)


def _table(header: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] * len(header)) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def _groups(report: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, key) of each metric group to show: the selection, then each split in it when several."""
    first = report["metrics"][report["systems"][0]]
    splits = sorted(first["by_split"])
    if len(splits) == 1:
        return [(splits[0], splits[0])]
    return [("all", "all"), *[(s, s) for s in splits]]


def _metrics(report: dict[str, Any], system: str, key: str) -> dict[str, Any]:
    m = report["metrics"][system]
    return m["all"] if key == "all" else m["by_split"].get(key, {})


def _target(report: dict[str, Any], name: str) -> str:
    t = report.get("targets", {}).get(name)
    if t is None:
        return ""
    if name in LOWER_IS_BETTER:
        return f"≤ {t}"
    return f"= {t}" if t == 1.0 else f"≥ {t}"


def metric_table(report: dict[str, Any], key: str, metrics: tuple[str, ...] = TABLE_METRICS) -> str:
    systems = report["systems"]
    judged = tuple(m for m in JUDGE_METRICS if any(m in _metrics(report, s, key) for s in systems))
    metrics = (*metrics, *judged)
    header = ["metric", *systems] + (["target (test)"] if key == "test" else [])
    rows = []
    for name in metrics:
        row = [name, *[fmt(_metrics(report, s, key).get(name)) for s in systems]]
        if key == "test":
            row.append(_target(report, name))
        rows.append(row)
    return _table(header, rows)


def category_table(report: dict[str, Any]) -> str:
    systems = report["systems"]
    cats = sorted(report["metrics"][systems[0]]["by_category"])
    rows = []
    for c in cats:
        first = report["metrics"][systems[0]]["by_category"][c]
        rows.append([c, str(first["n"]), *[fmt(report["metrics"][s]["by_category"][c]["pass_rate"]) for s in systems]])
    return _table(["category", "n", *[f"{s} pass" for s in systems]], rows)


def detail_table(report: dict[str, Any], system: str) -> str:
    cols = ("n", "pass_rate", "recall@3", "fact_recall", "citation_recall", "refusal_recall", "latency_p50_ms")
    by_cat = report["metrics"][system]["by_category"]
    return _table(["category", *cols], [[c, *[fmt(m.get(k)) for k in cols]] for c, m in sorted(by_cat.items())])


def failures(report: dict[str, Any], system: str) -> str:
    rows = [
        [q["id"], q["why"], q["answer"].replace("\n", " ").replace("|", "\\|")[:90]]
        for q in report["questions"][system] if not q["passed"]
    ]
    return _table(["id", "why", "answer (start)"], rows) if rows else "None."


def markdown(report: dict[str, Any], chart: str | None = "chart.png") -> str:
    systems = report["systems"]
    parts = [
        "# Eval report",
        f"{report['created']} — split `{report['split']}` — systems {', '.join(systems)} — "
        f"{report['metrics'][systems[0]]['all']['n']} questions. Definitions: evals/README.md.",
    ]
    for label, key in _groups(report):
        parts += [f"## Metrics: {label}", metric_table(report, key)]
    parts += ["## Pass rate per category", category_table(report)]
    if chart:
        parts.append(f"![pass rate per category and system]({chart})")
    if "ours" in systems:
        parts += ["## ours per category", detail_table(report, "ours"), "## ours: failed questions",
                  failures(report, "ours")]
    return "\n\n".join(parts) + "\n"


def stdout_table(report: dict[str, Any]) -> str:
    """The short table printed after a run: headline metrics per system, per split."""
    systems = report["systems"]
    lines = []
    for label, key in _groups(report):
        lines.append(f"[{label}]  " + "".join(f"{s:>10}" for s in systems))
        for name in SHORT_METRICS:
            lines.append(f"  {name:20}" + "".join(f"{fmt(_metrics(report, s, key).get(name)):>10}" for s in systems))
    return "\n".join(lines)


def chart(report: dict[str, Any], path: Path) -> None:
    """Two panels: pass rate per category for each system; headline metrics per system."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    systems = report["systems"]
    cats = sorted(report["metrics"][systems[0]]["by_category"])
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(12, 9))
    width = 0.8 / len(systems)
    x = np.arange(len(cats))
    for i, s in enumerate(systems):
        vals = [report["metrics"][s]["by_category"][c]["pass_rate"] or 0.0 for c in cats]
        ax1.bar(x + i * width, vals, width, label=s)
    ax1.set_xticks(x + width * (len(systems) - 1) / 2, cats, rotation=30, ha="right")
    ax1.set_ylim(0, 1.2)
    ax1.set_title("Pass rate per category")
    ax1.legend(ncols=len(systems), loc="upper center")
    x2 = np.arange(len(CHART_METRICS))
    for i, s in enumerate(systems):
        vals = [report["metrics"][s]["all"].get(m) or 0.0 for m in CHART_METRICS]
        ax2.bar(x2 + i * width, vals, width, label=s)
    ax2.set_xticks(x2 + width * (len(systems) - 1) / 2, CHART_METRICS)
    ax2.set_ylim(0, 1.2)
    ax2.set_title(f"Systems compared (split: {report['split']})")
    ax2.legend(ncols=len(systems), loc="upper center")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_report(report: dict[str, Any], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    chart(report, out / "chart.png")
    (out / "report.md").write_text(markdown(report), encoding="utf-8")


def compare(new: dict[str, Any], old: dict[str, Any]) -> str:
    """Deltas of every table metric, per system present in both reports, for the selection and each split."""
    lines = [f"compared with the report of {old.get('created', '?')} (split {old.get('split', '?')})"]
    for system in new["systems"]:
        if system not in old.get("metrics", {}):
            lines.append(f"{system}: not in the earlier report")
            continue
        for label, key in _groups(new):
            cur, prev = _metrics(new, system, key), _metrics(old, system, key)
            if not prev:
                continue
            lines.append(f"[{system} / {label}]{'before':>14}{'now':>10}{'delta':>10}")
            for name in TABLE_METRICS:
                a, b = prev.get(name), cur.get(name)
                delta = "" if a is None or b is None else f"{b - a:+.3f}"
                worse = delta and ((b - a) > 1e-9 if name in LOWER_IS_BETTER else (b - a) < -1e-9)
                lines.append(f"  {name:20}{fmt(a):>10}{fmt(b):>10}{delta:>10}{'  ▼' if worse else ''}")
    return "\n".join(lines)
