"""The Slack bot: mentions, DMs, assistant threads, the Home tab, thread follow-ups and a slash command.

``build_app`` makes the Bolt app, ``register`` wires its listeners, ``mount_http`` adds
``POST /slack/events`` to the web chat's FastAPI app and ``run_socket_mode`` is ``python -m bot slack``.
The platform-neutral part (``bot.slack.chat``) is what a LINE or Teams adapter would reuse.
"""

from bot.slack.listeners import register
from bot.slack.runner import (
    SlackSettingsMissing,
    SlackStartupError,
    build_app,
    check_settings,
    mount_http,
    run_socket_mode,
)

__all__ = ["SlackSettingsMissing", "SlackStartupError", "build_app", "check_settings", "mount_http", "register", "run_socket_mode"]
