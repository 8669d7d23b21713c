"""The command line: ``python -m bot ingest | ask | eval | serve | slack | feedback export``.

Answers go to stdout; logs and progress go to stderr only (other tools parse stdout).
"""

from __future__ import annotations

import json
import logging
import os
import sys
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
            return {"question": q, "answer": "", "refused": True, "citations": [], "timings_ms": {},
                    "error": type(exc).__name__}

    if question is not None:
        if as_json:
            typer.echo(json.dumps(one(question), ensure_ascii=False))
        else:
            _print_readable(service.ask(question))
        return
    for line in sys.stdin:
        q = line.rstrip("\r\n")
        if as_json:
            sys.stdout.write(json.dumps(one(q), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            _print_readable(service.ask(q))
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
) -> None:
    """Write feedback as candidate eval questions (JSONL; gold left for a person to fill)."""
    from bot.state.feedback import FeedbackStore

    store = FeedbackStore(Settings().state_url)
    rows = [json.dumps(r, ensure_ascii=False) for r in store.export_eval_candidates()]
    text = "".join(r + "\n" for r in rows)
    if out:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {len(rows)} feedback rows to {out}", err=True)
    else:
        sys.stdout.write(text)


def main() -> None:
    app()
