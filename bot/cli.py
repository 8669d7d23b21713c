"""The command line: ``python -m bot ingest | ask | eval | serve | slack | feedback export``.

Answers go to stdout; logs and progress go to stderr only (other tools parse stdout).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Optional

import typer

from bot.config import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help="地方創生2.0 予算QAボット")
feedback_app = typer.Typer(no_args_is_help=True, help="👍/👎 feedback from the web chat and Slack")
app.add_typer(feedback_app, name="feedback")


def _cli_settings() -> Settings:
    """Settings for a one-user CLI process: the embedder may use every core unless told otherwise.

    Servers keep the default of one thread (see bot.search.embeddings): there, concurrent requests share the cores.
    """
    if "BOT_EMBEDDING_THREADS" in os.environ:
        return Settings()
    return Settings(embedding_threads=max(1, min(4, os.cpu_count() or 1)))


def _setup_logging(verbose: bool = False) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        stream=sys.stderr,
        format="%(levelname)s %(name)s: %(message)s",
    )
    for noisy in ("bm25s", "chromadb", "httpx", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


@app.callback()
def _main(verbose: bool = typer.Option(False, "--verbose", "-v", help="debug logs on stderr")) -> None:
    _setup_logging(verbose)


@app.command()
def ingest() -> None:
    """(Re)build the index from corpus/ (atomic: readers never see a half-written index).

    One at a time: a second ingest waits up to BOT_INGEST_WAIT_S seconds, then exits 3. A running server
    switches to the new index by itself (BOT_INDEX_RELOAD_S).
    """
    from bot.errors import BotError
    from bot.search.index import IngestBusy, build_index

    settings = _cli_settings()
    try:
        manifest = build_index(settings)
    except IngestBusy as exc:
        typer.echo(f"エラー: {exc}", err=True)
        raise typer.Exit(3) from None
    except BotError as exc:
        typer.echo(f"エラー: {exc}", err=True)
        raise typer.Exit(2) from None
    except OSError as exc:  # disk full, permissions: one line, not a traceback
        where = f"{exc.filename}: " if exc.filename else ""
        typer.echo(f"エラー: インデックスを作成できません / cannot build the index: {where}{exc.strerror or exc}",
                   err=True)
        raise typer.Exit(2) from None
    typer.echo(
        f"indexed {manifest['records']} records from {settings.corpus_path} in {manifest['build_s']}s "
        f"→ {settings.index_dir} ({manifest.get('build', '')}, digest {manifest['digest'][:12]})",
        err=True,
    )


def _print_readable(answer) -> None:
    typer.echo(answer.answer)
    if answer.citations:
        typer.echo("\n出典:")
        for c in answer.citations:
            amount = f" — {c.amount_text}" if c.amount_text else ""
            ministries = f" — {'、'.join(c.ministries)}" if c.ministries else ""
            typer.echo(f"  [{c.n}] {c.title}{amount}{ministries}（{c.line_start}–{c.line_end}行）")


UNREADABLE_LINE = "質問を文字として読めませんでした（UTF-8 でお送りください）。"
"""The answer for a stdin line that is not valid UTF-8: its own line in the output, never a lost batch."""


def _stdin_lines() -> Iterator[tuple[str, bool]]:
    """Each stdin line decoded as UTF-8 with replacement, and whether it decoded cleanly.

    Bytes, not the locale's text stream: under a UTF-8 locale one bad byte raises and ends the batch,
    under others it comes back as a surrogate that cannot be written out again.
    """
    for raw in sys.stdin.buffer:
        yield _decoded(raw.rstrip(b"\r\n"))


def _decoded(raw: bytes) -> tuple[str, bool]:
    try:
        return raw.decode("utf-8"), True
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace"), False


def _argument(arg: str) -> tuple[str, bool]:
    """A command-line argument like a stdin line: Python keeps its undecodable bytes as lone surrogates."""
    return _decoded(arg.encode("utf-8", errors="surrogateescape"))


def _write_json(obj: dict) -> None:
    """One JSON object per line on stdout, always valid UTF-8 whatever the locale."""
    line = json.dumps(obj, ensure_ascii=False) + "\n"
    sys.stdout.buffer.write(line.encode("utf-8", errors="replace"))
    sys.stdout.buffer.flush()


def _failed(question: str, error: str, message: str = "") -> dict:
    return {"question": question, "answer": message, "refused": True, "citations": [], "timings_ms": {}, "error": error}


@app.command()
def ask(
    question: Optional[str] = typer.Argument(None, help="質問。省略すると標準入力から1行1問で読みます"),
    as_json: bool = typer.Option(False, "--json", help="JSON object(s) on stdout"),
) -> None:
    """Answer a question with cited sources (or answer stdin questions, one per line)."""
    from bot.errors import BotError
    from bot.qa.service import get_service

    try:
        service = get_service(_cli_settings())
    except BotError as exc:
        typer.echo(f"エラー: {exc}", err=True)
        raise typer.Exit(2) from exc

    def one(q: str) -> dict:
        try:
            return service.ask(q).model_dump(exclude_none=True)
        except Exception as exc:  # noqa: BLE001 - batch mode must write a line for every question
            logging.getLogger(__name__).exception("question failed")
            return _failed(q, type(exc).__name__)

    for q, readable in [_argument(question)] if question is not None else _stdin_lines():
        if as_json:
            _write_json(one(q) if readable else _failed(q, "not_text", UNREADABLE_LINE))
            continue
        if readable:
            _print_readable(service.ask(q))
        else:
            typer.echo(UNREADABLE_LINE)
        if question is None:
            typer.echo("")


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def eval(ctx: typer.Context) -> None:  # noqa: A001 - the command is called "eval"
    """Run the eval question set (see evals/README.md; --help for options)."""
    from bot.eval.run import main as eval_main

    raise typer.Exit(eval_main(list(ctx.args)))


@app.command()
def serve(
    host: Optional[str] = typer.Option(None, help="default: BOT_HOST (127.0.0.1)"),
    port: Optional[int] = typer.Option(None, help="default: BOT_PORT (7860)"),
) -> None:
    """Serve the web chat, JSON API and Slack HTTP endpoint."""
    from bot.web.server import serve as web_serve

    web_serve(Settings(), host=host, port=port)


@app.command()
def slack() -> None:
    """Run the Slack bot over Socket Mode (SLACK_BOT_TOKEN, SLACK_APP_TOKEN)."""
    from bot.slack import run_socket_mode

    # slack_sdk logs each failed request before raising it; the bot reports failures itself, in one line.
    logging.getLogger("slack_sdk.web.base_client").setLevel(logging.CRITICAL)

    run_socket_mode(Settings())


@feedback_app.command("export")
def feedback_export(
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="JSONL file (default: stdout)"),
    force: bool = typer.Option(False, "--force", help="overwrite --out if it exists"),
) -> None:
    """Write feedback as candidate eval questions (JSONL; gold left for a person to fill)."""
    from bot.state.feedback import FeedbackStore

    store = FeedbackStore(Settings().state_url)
    rows = [json.dumps(r, ensure_ascii=False) for r in store.export_eval_candidates()]
    text = "".join(r + "\n" for r in rows)
    if not out:
        sys.stdout.buffer.write(text.encode("utf-8", errors="replace"))
        return
    try:
        # "x" refuses an existing file in the same call that creates it: no window between check and write.
        with out.open("w" if force else "x", encoding="utf-8", errors="replace") as f:
            f.write(text)
    except OSError as exc:
        typer.echo(f"エラー: {_export_problem(out, exc)}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"wrote {len(rows)} feedback rows to {out}", err=True)


def _export_problem(out: Path, exc: OSError) -> str:
    """One Japanese line saying why ``out`` could not be written."""
    if isinstance(exc, IsADirectoryError) or out.is_dir():
        return f"{out} はディレクトリです。書き出すファイルの名前を指定してください。"
    if isinstance(exc, FileExistsError):
        return f"{out} はすでにあります。上書きするときは --force を付けてください。"
    if not out.parent.is_dir():
        return f"{out.parent} というディレクトリはありません。先に作成するか、別の場所を指定してください。"
    return f"{out} に書き込めません（{exc.strerror or type(exc).__name__}）。"


def main() -> None:
    app()
