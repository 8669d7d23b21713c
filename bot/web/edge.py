"""What the server changes at Gradio's edge: the page's ``<html lang>`` and preview metadata, and no uploads.

Gradio's page template hard-codes ``lang="en"`` and ``og:title "Gradio"`` with no option to change them,
so the one HTML response of the page is rewritten on its way out. The page has no file inputs, so
Gradio's upload endpoint (open to anyone, files served back) is answered with 404 before Gradio sees it.
"""

from __future__ import annotations

import html
import json
import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

UPLOAD_PATHS = ("/gradio_api/upload", "/upload")
NO_UPLOAD = {"error": "not_found", "message": "このサーバーはファイルのアップロードを受け付けていません。", "fields": []}
_META = re.compile(r'<meta\s+(property|name)="(og:[a-z]+|twitter:[a-z]+)"\s+content="[^"]*"\s*/?>', re.DOTALL)


def rewrite_head(page: str, title: str, description: str) -> str:
    """``lang="ja"``, and our title and description in the preview tags; remote preview images dropped."""
    values = {"title": html.escape(title), "description": html.escape(description)}

    def meta(m: re.Match[str]) -> str:
        field = m.group(2).split(":")[1]
        if field not in values:
            return "" if field in ("image", "creator") else m.group(0)
        return f'<meta {m.group(1)}="{m.group(2)}" content="{values[field]}" />'

    return _META.sub(meta, page.replace('lang="en"', 'lang="ja"', 1))


class PageEdge:
    """ASGI middleware: the page at ``root`` gets :func:`rewrite_head`; upload paths get a 404."""

    def __init__(self, app: ASGIApp, title: str, description: str, root: str = "/") -> None:
        self.app = app
        self.title = title
        self.description = description
        self.root = root

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        if any(path == p or path.startswith(p + "/") for p in UPLOAD_PATHS):
            await _json(send, 404, NO_UPLOAD)
            return
        if scope["method"] != "GET" or path != self.root:
            await self.app(scope, receive, send)
            return
        # Uncompressed, so that the HTML can be rewritten.
        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"accept-encoding"]
        await self._rewritten({**scope, "headers": headers}, receive, send)

    async def _rewritten(self, scope: Scope, receive: Receive, send: Send) -> None:
        start: Message = {}
        body: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body":
                await send(message)  # e.g. Starlette's test-client debug message
                return
            body.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            content = b"".join(body)
            if any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in headers):
                content = rewrite_head(content.decode("utf-8"), self.title, self.description).encode("utf-8")
            headers.append((b"content-length", str(len(content)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": content})

        await self.app(scope, receive, capture)


async def _json(send: Send, status: int, body: dict) -> None:
    content = json.dumps(body, ensure_ascii=False).encode("utf-8")
    headers = [(b"content-type", b"application/json; charset=utf-8"), (b"content-length", str(len(content)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": content})
