"""Core figures on this machine: ingest time, warm answer latency, cold CLI, batch, peak RSS.

Prints figures; asserts nothing. Usage: .venv/bin/python bench/core.py [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _questions() -> list[str]:
    rows = [json.loads(x) for x in (ROOT / "evals" / "dev.jsonl").open(encoding="utf-8")]
    return [r["question"] for r in rows if not r.get("history")]


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=2, help="passes over the dev questions for warm latency")
    parser.add_argument("--threads", type=int, default=1, help="embedding threads in this process (servers use 1)")
    args = parser.parse_args()

    from bot.config import Settings
    from bot.qa.service import QAService
    from bot.search.index import build_index

    data = Path(tempfile.mkdtemp(prefix="bot-bench-"))
    settings = Settings(data_dir=data, embedding_threads=args.threads)
    print(f"embedding threads in this process: {args.threads}; the CLI subprocesses use the CLI default")
    t0 = time.perf_counter()
    build_index(settings)
    cold_ingest = time.perf_counter() - t0
    t0 = time.perf_counter()
    build_index(settings)
    cached_ingest = time.perf_counter() - t0
    print(f"ingest (no embedding cache): {cold_ingest:.2f} s")
    print(f"ingest (embedding cache warm): {cached_ingest:.2f} s")

    t0 = time.perf_counter()
    service = QAService(settings)
    print(f"service start (index built): {time.perf_counter() - t0:.2f} s")
    questions = _questions()
    service.ask(questions[0])
    for rnd in range(args.rounds):
        latencies = []
        for q in questions:
            t0 = time.perf_counter()
            service.ask(q)
            latencies.append((time.perf_counter() - t0) * 1000)
        label = "first time each question" if rnd == 0 else "repeated questions (query vector cached)"
        print(f"warm ask, {label}, n={len(latencies)}: p50 {statistics.median(latencies):.1f} ms, "
              f"p95 {_pct(latencies, 95):.1f} ms, max {max(latencies):.1f} ms")

    env = {**os.environ, "BOT_DATA_DIR": str(data)}
    cold = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bot", "ask", "ふるさと住民登録制度の予算は？"], env=env,
                       check=True, capture_output=True)
        cold.append(time.perf_counter() - t0)
    print(f"cold CLI ask (index built): median {statistics.median(cold):.2f} s, max {max(cold):.2f} s")

    batch = "\n".join(questions[:50]) + "\n"
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "bot", "ask", "--json"], env=env, input=batch, text=True,
                          check=True, capture_output=True)
    wall = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"batch of {len(proc.stdout.splitlines())} questions (cold process): {wall:.2f} s")
    print(f"peak RSS of a CLI process while answering: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
