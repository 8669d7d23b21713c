"""Start the web chat, JSON API and (when configured) Slack HTTP endpoint: ``python app.py``.

Thin on purpose: settings come from ``BOT_*`` variables (see docs/WEB.md); everything else is in ``bot/``.
"""

from __future__ import annotations

import argparse
import logging


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="地方創生2.0 予算QA: web chat on http://127.0.0.1:7860")
    parser.add_argument("--host", default=None, help="default: BOT_HOST (127.0.0.1)")
    parser.add_argument("--port", type=int, default=None, help="default: BOT_PORT (7860)")
    args = parser.parse_args(argv)

    # bot.web.server imports Gradio only inside its functions, so this import comes before Gradio's.
    from bot.config import Settings
    from bot.web.server import offline_environment, serve

    # Before Gradio is imported: no analytics, and localhost calls must bypass any HTTP(S)_PROXY.
    offline_environment()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")

    serve(Settings(), host=args.host, port=args.port)


if __name__ == "__main__":
    main()
