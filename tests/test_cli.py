"""The CLI contract other tools rely on (DESIGN.md): ingest, ask, ask --json, batch ask --json."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _run(args: list[str], data_dir: Path, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin, capture_output=True, text=True, timeout=120,
        env={**os.environ, "BOT_DATA_DIR": str(data_dir), **env},
    )


@pytest.fixture(scope="module")
def data_dir(service) -> Path:
    return service.settings.data_dir


def test_ask_json_is_one_object_with_the_contract_fields(data_dir: Path) -> None:
    proc = _run(["ask", "ふるさと住民登録制度の予算は？", "--json"], data_dir)
    assert proc.returncode == 0, proc.stderr
    [line] = proc.stdout.splitlines()
    obj = json.loads(line)
    assert {"question", "answer", "refused", "citations", "timings_ms"} <= obj.keys()
    assert obj["refused"] is False and "0.8億円" in obj["answer"]
    cite = obj["citations"][0]
    assert {"id", "title", "line_start", "line_end", "quote"} <= cite.keys()
    assert (cite["line_start"], cite["line_end"]) == (190, 192)


def test_readable_answer_lists_sources(data_dir: Path) -> None:
    proc = _run(["ask", "交通空白の解消はいつまで？"], data_dir)
    assert proc.returncode == 0
    assert "2027年度" in proc.stdout and "出典" in proc.stdout and "100–104行" in proc.stdout


def test_batch_writes_one_line_per_question_in_order(data_dir: Path) -> None:
    questions = [
        "ふるさと住民登録制度の予算は？",
        "",
        "明日の天気は？",
        "予算" * 6000,
        "\x00\x01制御文字",
        "国土交通省が担当する施策は？",
    ]
    proc = _run(["ask", "--json"], data_dir, stdin="\n".join(questions) + "\n")
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert len(lines) == len(questions)
    assert "0.8億円" in lines[0]["answer"]
    assert lines[1]["refused"] and "error" in lines[1]
    assert lines[2]["refused"] and "error" not in lines[2]
    assert lines[3]["refused"] and "error" in lines[3]
    assert "国土交通省" in lines[5]["answer"]


def test_logs_go_to_stderr_only(data_dir: Path) -> None:
    proc = _run(["-v", "ask", "明日の天気は？", "--json"], data_dir)
    assert proc.returncode == 0
    json.loads(proc.stdout)  # stdout is exactly the JSON object
    assert "refused" in proc.stderr or "DEBUG" in proc.stderr or "INFO" in proc.stderr


def test_ingest_reports_on_stderr(tmp_path: Path, data_dir: Path) -> None:
    (tmp_path / "d").mkdir()
    cache = data_dir / "embedding_cache.sqlite3"
    (tmp_path / "d" / "embedding_cache.sqlite3").write_bytes(cache.read_bytes())
    proc = _run(["ingest"], tmp_path / "d")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "" and "indexed" in proc.stderr


def test_missing_corpus_is_named(tmp_path: Path) -> None:
    proc = _run(["ask", "予算は？"], tmp_path, BOT_CORPUS_PATH=str(tmp_path / "missing.md"))
    assert proc.returncode == 2
    assert "missing.md" in proc.stderr and "Traceback" not in proc.stderr


def _run_bytes(args: list[str | bytes], data_dir: Path, stdin: bytes = b"", **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, timeout=120,
        env={**os.environ, "BOT_DATA_DIR": str(data_dir), **env},
    )


UNREADABLE = {
    "answer": "質問を文字として読めませんでした（UTF-8 でお送りください）。",
    "refused": True, "citations": [], "timings_ms": {}, "error": "not_text",
}


@pytest.mark.parametrize("locale", [{"PYTHONIOENCODING": "utf-8"}, {"LC_ALL": "C", "LANG": "C"}])
def test_batch_with_a_bad_byte_writes_every_line_as_utf8(data_dir: Path, locale: dict[str, str]) -> None:
    stdin = "ふるさと住民登録制度の予算は？\n".encode() + b"\xff\xfe\x8a\n" + "明日の天気は？\r\n".encode()
    proc = _run_bytes(["ask", "--json"], data_dir, stdin, **locale)
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(x) for x in proc.stdout.decode("utf-8").splitlines()]  # strict: valid UTF-8 only
    assert len(lines) == 3
    assert "0.8億円" in lines[0]["answer"]
    assert lines[1] == {"question": "\ufffd\ufffd\ufffd", **UNREADABLE}
    assert lines[2]["question"] == "明日の天気は？" and lines[2]["refused"] and "error" not in lines[2]


def test_a_bad_byte_argument_is_answered_not_a_crash(data_dir: Path) -> None:
    proc = _run_bytes(["ask", b"\xff", "--json"], data_dir)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.decode("utf-8")) == {"question": "\ufffd", **UNREADABLE}


def test_feedback_export_never_overwrites_silently(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("前のデータ\n", encoding="utf-8")
    refused = _run(["feedback", "export", "-o", str(target)], tmp_path)
    assert refused.returncode == 2 and target.read_text(encoding="utf-8") == "前のデータ\n"
    assert refused.stderr.splitlines() == [f"エラー: {target} はすでにあります。上書きするときは --force を付けてください。"]
    forced = _run(["feedback", "export", "-o", str(target), "--force"], tmp_path)
    assert forced.returncode == 0 and target.read_text(encoding="utf-8") == ""


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("", "{out} はディレクトリです。書き出すファイルの名前を指定してください。"),
        ("missing/out.jsonl", "{parent} というディレクトリはありません。先に作成するか、別の場所を指定してください。"),
    ],
)
def test_feedback_export_bad_path_is_one_line(tmp_path: Path, where: str, message: str) -> None:
    out = tmp_path / where if where else tmp_path
    proc = _run(["feedback", "export", "-o", str(out)], tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.splitlines() == ["エラー: " + message.format(out=out, parent=out.parent)]
