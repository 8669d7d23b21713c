"""Measure the web chat: launch-to-ready, /api/ask latency (sequential and 20 at once), browser answer time.

    .venv/bin/python -m bench.web_latency [--launches 3] [--requests 50] [--browser-questions 8]

Uses the index in BOT_DATA_DIR (built first if missing). Prints figures only; nothing here is a test.
Targets from the issues: launch to ready ≤ 8 s; Enter → answer with its sources shown in Chromium ≤ 300 ms p50.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from bench.servers import LOCAL, ROOT, free_port, pct, stop

QUESTIONS = [
    "ふるさと住民登録制度の予算は？",
    "地方創生2.0予算の概算要求額はいくらですか？",
    "「交通空白」の解消に向けた取組の担当省庁は？",
    "国土交通省が担当する施策を教えてください。",
    "地方創生伴走支援事業の予算は？",
    "デジタルライフラインの整備の担当省庁は？",
    "GX産業立地の推進の概算要求額は？",
    "地方大学・地域産業創生交付金はいくら？",
]
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


def launch(port: int) -> tuple[subprocess.Popen, float]:
    """Start ``python app.py`` and time it until /healthz and the page both answer."""
    env = dict(os.environ, **LOCAL)
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "app.py"), "--port", str(port)], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    with httpx.Client(timeout=2, trust_env=False) as client:
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"app.py exited with {proc.returncode}")
            try:
                if client.get(base + "/healthz").status_code == 200 and client.get(base + "/").status_code == 200:
                    return proc, time.perf_counter() - t0
            except httpx.HTTPError:
                pass
            time.sleep(0.05)


def bench_api(base: str, n: int) -> None:
    with httpx.Client(base_url=base, timeout=60, trust_env=False) as client:
        client.post("/api/ask", json={"question": QUESTIONS[0]})  # first-question lazy loads
        wall, server = [], []
        for i in range(n):
            t0 = time.perf_counter()
            r = client.post("/api/ask", json={"question": QUESTIONS[i % len(QUESTIONS)]})
            wall.append((time.perf_counter() - t0) * 1000)
            server.append(r.json()["timings_ms"]["total"])
    print(f"/api/ask sequential, {n} requests: p50 {pct(wall, 50):.0f} ms, p95 {pct(wall, 95):.0f} ms, "
          f"max {max(wall):.0f} ms (server-side answer p50 {pct(server, 50):.0f} ms)")

    def one(q: str) -> float:
        with httpx.Client(base_url=base, timeout=120, trust_env=False) as c:
            t0 = time.perf_counter()
            c.post("/api/ask", json={"question": q}).raise_for_status()
            return (time.perf_counter() - t0) * 1000

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=20) as pool:
        times = list(pool.map(one, [QUESTIONS[i % len(QUESTIONS)] for i in range(20)]))
    print(f"/api/ask 20 at once: all done in {(time.perf_counter() - t0) * 1000:.0f} ms; "
          f"per request p50 {pct(times, 50):.0f} ms, p95 {pct(times, 95):.0f} ms")


def bench_browser(base: str, n: int) -> None:
    from playwright.sync_api import sync_playwright

    done = """() => document.querySelectorAll('#conversation article.ex:not(.ex-pending) .ex-sources').length === 1"""
    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for i in range(n + 1):
            page = browser.new_page(locale="ja-JP", viewport={"width": 1400, "height": 1000})
            page.goto(base + "/", wait_until="load")
            box = page.locator("#question textarea")
            box.wait_for()
            box.fill(QUESTIONS[i % len(QUESTIONS)])
            t0 = time.perf_counter()
            box.press("Enter")
            page.wait_for_function(done, polling="raf", timeout=30_000)
            if i:  # the first page load warms the browser's caches: not counted
                times.append((time.perf_counter() - t0) * 1000)
            page.close()
        browser.close()
    print(f"browser, Enter → answer and sources fully shown, {n} questions: p50 {pct(times, 50):.0f} ms, "
          f"p95 {pct(times, 95):.0f} ms, max {max(times):.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--launches", type=int, default=3)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--browser-questions", type=int, default=8)
    args = parser.parse_args()

    from bot.config import Settings
    from bot.search.index import open_index

    open_index(Settings())  # builds the index if it is missing, so launches below measure a built one
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")

    ready = []
    for _ in range(args.launches):
        proc, seconds = launch(free_port())
        ready.append(seconds)
        stop(proc)
    print(f"launch → ready (/healthz and / answer), {len(ready)} launches: "
          + ", ".join(f"{s:.2f} s" for s in ready) + f" (median {statistics.median(ready):.2f} s)")

    port = free_port()
    proc, _ = launch(port)
    base = f"http://127.0.0.1:{port}"
    try:
        time.sleep(2)  # let the server's warm-up thread finish
        bench_api(base, args.requests)
        if args.browser_questions and shutil.which("/usr/bin/chromium"):
            bench_browser(base, args.browser_questions)
    finally:
        stop(proc)


if __name__ == "__main__":
    main()
