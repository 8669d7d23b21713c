"""Test servers are reached on loopback directly, as in production: no proxy from the environment.

HTTP clients (httpx, slack_sdk, the OpenAI and Ollama clients) read HTTP(S)_PROXY, and some ignore NO_PROXY.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

PROXY_VARS = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy")


@contextmanager
def without_proxy() -> Iterator[None]:
    """The proxy variables unset for the duration."""
    with pytest.MonkeyPatch.context() as mp:
        for var in PROXY_VARS:
            mp.delenv(var, raising=False)
        yield
