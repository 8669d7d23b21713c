"""Two replicas for real: deploy/replicas.sh starts a Chroma server and two web servers on one PostgreSQL.

The fleet is started exactly as the README's "Replicas" section documents: by running the recipe itself, in
its own process group, which every finalizer kills. Slack's Web API is the stand-in; requests are real HTTP.
Select with ``-m replicas``; it runs in the default suite too.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.config import Settings
from bot.state.feedback import FeedbackStore
from tests.loopback import PROXY_VARS
from tests.slack_standin import BOT_USER_ID, SlackStandIn
from tests.test_slack import SECRET, SignedRequests, click, mention, new_channel, new_user, responses_to
from tests.test_slack_busy import nth_reply

pytestmark = [pytest.mark.replicas, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
RECIPE = ROOT / "deploy" / "replicas.sh"
START_S = 420  # both replicas load the index, Gradio and the models on 2 shared cores
QUESTION = "地方大学・地域産業創生交付金の予算は？"
OLD_AMOUNT, NEW_AMOUNT = "地方大学・地域産業創生交付金 17億円", "地方大学・地域産業創生交付金 23億円"


def _free_ports(n: int) -> int:
    """The first of ``n`` consecutive free loopback ports (the recipe numbers replicas from it)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            first = s.getsockname()[1]
        if first + n > 65535:
            continue
        try:
            held = []
            for port in range(first, first + n):
                s = socket.socket()
                held.append(s)
                s.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
        finally:
            for s in held:
                s.close()
    raise RuntimeError("no consecutive free ports")


@dataclass
class Replica(SignedRequests):
    """One app process, as the Slack helpers of tests/test_slack.py expect an environment to look."""

    url: str
    standin: SlackStandIn
    http: httpx.Client

    @property
    def base_url(self) -> str:
        return self.url

    def ask(self, question: str) -> dict[str, Any]:
        response = self.http.post(f"{self.url}/api/ask", json={"question": question})
        assert response.status_code == 200, response.text
        return response.json()

    def serving(self) -> dict[str, Any]:
        return self.http.get(f"{self.url}/healthz").json()["serving"]


@dataclass
class Fleet:
    replicas: list[Replica]
    env: dict[str, str]
    root: Path
    database_url: str


def _stop_group(proc: subprocess.Popen) -> None:
    """SIGTERM to the recipe's whole process group (it stops its children too), SIGKILL after 30 s."""
    for sig, wait_s in ((signal.SIGTERM, 30), (signal.SIGKILL, 10)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            proc.poll()  # reap the recipe itself (a zombie still counts as a member of the group)
            try:
                os.killpg(proc.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.2)


@pytest.fixture(scope="module")
def standin() -> Iterator[SlackStandIn]:
    s = SlackStandIn().start()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def fleet(postgres: Any, standin: SlackStandIn, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fleet]:
    root = tmp_path_factory.mktemp("replicas")
    first_port, chroma_port = _free_ports(2), _free_ports(1)
    env = {k: v for k, v in os.environ.items() if k not in PROXY_VARS and not k.startswith(("BOT_", "SLACK_"))}
    env.update({
        "PYTHON": sys.executable, "PYTHONPATH": str(ROOT), "CHROMA_PORT": str(chroma_port),
        "CHROMA_PATH": str(root / "chroma"), "RUN_DIR": str(root / "run"), "READY_TIMEOUT_S": str(START_S),
        "BOT_DATABASE_URL": postgres.database(), "BOT_INDEX_RELOAD_S": "0.5", "BOT_API_RATE_LIMIT": "",
        "SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": "xoxb-test-token", "BOT_SLACK_API_BASE_URL": standin.api_url,
    })
    proc = subprocess.Popen(["bash", str(RECIPE), "2", str(first_port)], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        for line in proc.stdout:  # type: ignore[union-attr]
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    try:
        seen, deadline = [], time.monotonic() + START_S + 120
        while not (seen and seen[-1].startswith("ready:")):
            line = lines.get(timeout=max(1.0, deadline - time.monotonic()))
            if line is None or time.monotonic() > deadline:
                pytest.fail("the recipe stopped before it was ready:\n" + "".join(seen) + _logs(root))
            seen.append(line)
        with httpx.Client(trust_env=False, timeout=60) as http:
            urls = [f"http://127.0.0.1:{first_port + i}" for i in range(2)]
            yield Fleet([Replica(u, standin, http) for u in urls], env, root, env["BOT_DATABASE_URL"])
    finally:
        _stop_group(proc)


def _logs(root: Path) -> str:
    return "".join(f"\n--- {p.name}\n{p.read_text(errors='replace')[-3000:]}" for p in sorted((root / "run").glob("*.log")))


def _comparable(answer: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in answer.items() if k != "timings_ms"}


def test_the_same_question_gets_the_same_answer_from_both(fleet: Fleet) -> None:
    one, two = (r.ask(QUESTION) for r in fleet.replicas)
    assert _comparable(one) == _comparable(two)
    assert "17億円" in one["answer"] and not one["refused"]
    assert one["citations"][0]["line_start"] == 42


def test_a_slack_retry_reaching_the_other_replica_is_answered_once_and_a_vote_lands_once(fleet: Fleet) -> None:
    first, second = fleet.replicas
    standin = first.standin
    message = standin.user_message(new_channel(), new_user(), f"<@{BOT_USER_ID}> {QUESTION}")
    first.send_event(mention(message), event_id="EvREPLICAS1")
    retry = second.send_event(mention(message), event_id="EvREPLICAS1", extra_headers={"X-Slack-Retry-Num": "1"})
    assert retry.headers.get("x-slack-no-retry") == "1", "the other replica saw the claim in the shared store"
    update = nth_reply(standin, message["channel"], message["ts"], 0)
    assert "17億円" in update.params["text"]
    assert len(standin.calls_to("chat.postMessage", channel=message["channel"])) == 1

    up = next(e for blk in update.params["blocks"] if blk["type"] == "actions" for e in blk["elements"])
    for replica in (first, second, first):
        responses_to(replica, click(replica, up, user=message["user"], channel=message["channel"],
                                    message={"ts": update.params["ts"], "text": update.params["text"]}))
    rows = [r for r in FeedbackStore(fleet.database_url).rows() if r["answer_key"] == up["value"]]
    assert [(r["rating"], r["question"], r["voter"]) for r in rows] == [("up", QUESTION, message["user"])]


def test_an_ingest_for_one_replica_is_served_by_the_other_without_a_restart(fleet: Fleet) -> None:
    """The new version is published on the Chroma server; the other replica's own corpus file is unchanged."""
    second = fleet.replicas[1]
    before = second.serving()
    changed = fleet.root / "changed.md"
    text = Settings().corpus_path.read_text(encoding="utf-8")
    assert text.count(OLD_AMOUNT) == 1 and "23億円" not in text
    changed.write_text(text.replace(OLD_AMOUNT, NEW_AMOUNT), encoding="utf-8")
    env = {**fleet.env, "BOT_DATA_DIR": str(fleet.root / "run" / "replica-0"), "BOT_CORPUS_PATH": str(changed),
           "BOT_CHROMA_MODE": "server", "BOT_CHROMA_HOST": "127.0.0.1", "BOT_CHROMA_PORT": fleet.env["CHROMA_PORT"]}
    done = subprocess.run([sys.executable, "-m", "bot", "ingest"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    deadline = time.monotonic() + 120
    while second.serving()["digest"] == before["digest"]:
        assert time.monotonic() < deadline, "the other replica never switched: " + json.dumps(second.serving())
        time.sleep(0.5)
    answer = second.ask(QUESTION)
    assert "23億円" in answer["answer"] and "17億円" not in answer["answer"]
    assert answer["citations"][0]["quote"].count("23億円") == 1 and answer["citations"][0]["line_start"] == 42
    lexical = second.ask("23億円の事業は？")  # only the new corpus has the figure: BM25 follows the same version
    assert any(c["line_start"] == 42 for c in lexical["citations"]), lexical
    assert "reload_error" not in second.serving()
