"""Local processes the benchmarks start: a Chroma server and app replicas, on 127.0.0.1 only, always stopped.

Shared by bench/growth.py, bench/load.py and bench/web_latency.py so each starts and stops them the same way.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
LOCAL = {"NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100); 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))]


def stop(proc: subprocess.Popen) -> None:
    """Terminates a process this benchmark started (by its own handle), killing it after 10 s."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def wait_until(url: str, proc: subprocess.Popen, timeout_s: float = 60) -> float:
    """Seconds until ``url`` answers 200; raises if the process exits or the time runs out."""
    t0 = time.perf_counter()
    with httpx.Client(timeout=2, trust_env=False) as client:
        while time.perf_counter() - t0 < timeout_s:
            if proc.poll() is not None:
                raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode} before {url} answered")
            with contextlib.suppress(httpx.HTTPError):
                if client.get(url).status_code == 200:
                    return time.perf_counter() - t0
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {timeout_s:g} s")


@contextlib.contextmanager
def chroma_server(path: Path, port: int | None = None) -> Iterator[int]:
    """``chroma run`` on loopback with its data in ``path``; yields the port."""
    port = port or free_port()
    chroma = Path(sys.executable).parent / "chroma"
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **LOCAL},
    )
    try:
        wait_until(f"http://127.0.0.1:{port}/api/v2/heartbeat", proc, timeout_s=30)
        yield port
    finally:
        stop(proc)


@contextlib.contextmanager
def app_server(env: dict[str, str], port: int | None = None, timeout_s: float = 120) -> Iterator[str]:
    """``python app.py`` on loopback with extra ``BOT_*`` settings in ``env``; yields its base URL once /healthz answers."""
    port = port or free_port()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "app.py"), "--host", "127.0.0.1", "--port", str(port)], cwd=ROOT,
        env={**os.environ, **LOCAL, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(base + "/healthz", proc, timeout_s)
        yield base
    finally:
        stop(proc)


def du(path: Path) -> int:
    """Bytes of the regular files under ``path`` (links not followed)."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())
