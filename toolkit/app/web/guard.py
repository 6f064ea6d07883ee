"""What the server refuses before any page runs: other sites and oversized bodies.

- Another site's page must not drive this one (a form posted to 127.0.0.1 from a web page, or a
  DNS-rebinding name pointing at it): a request whose ``Host`` is not the server's own address, or
  whose ``Origin`` is another, or that the browser marks as cross-site (``Sec-Fetch-Site``) other than
  the user opening a page from a link, gets 403.
- A body larger than the limit gets 413 as soon as it is announced or received, never stored.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.exceptions import HTTPException
from starlette.responses import HTMLResponse, JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .uploads import Limits

OTHER_SITE = "拒绝了来自其他网站的请求：团文只接受本机网页自己发出的操作"
WRONG_HOST = "拒绝了这个请求：请用 tuanwen serve 显示的地址打开本页"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def refusal(scope: Scope, status: int, message: str):
    """The refusal as JSON for the page's scripts and API clients, as a page for a person."""
    headers = dict(scope.get("headers") or [])
    if b"text/html" in headers.get(b"accept", b""):
        page = (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>未处理</title></head>'
                f'<body><h1>未处理</h1><p class="error">{message}</p><p><a href="/">返回首页</a></p></body></html>')
        return HTMLResponse(page, status_code=status)
    return JSONResponse({"error": message}, status_code=status)


class Guard:
    """ASGI middleware: host and origin checks, body size limit (see the module's doc)."""

    def __init__(self, app: ASGIApp, hosts: set[str] | None, limits: Limits) -> None:
        self.app = app
        self.hosts = None if hosts is None else {h.lower().strip("[]") for h in hosts}  # None: any
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers") or []}
        problem = self._foreign(scope, headers)
        if problem:
            await refusal(scope, 403, problem)(scope, receive, send)
            return
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.limits.max_bytes:
            await refusal(scope, 413, self.limits.too_large())(scope, receive, send)
            return
        received = 0

        async def limited() -> Message:  # a body sent without its length is counted as it comes
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limits.max_bytes:
                    raise HTTPException(413, self.limits.too_large())
            return message

        await self.app(scope, limited, send)

    def _foreign(self, scope: Scope, headers: dict[str, str]) -> str | None:
        host = urlsplit("//" + headers.get("host", "")).hostname or ""
        if self.hosts is not None and host.lower() not in self.hosts:
            return WRONG_HOST
        origin = headers.get("origin")
        if origin is not None and (origin == "null" or urlsplit(origin).netloc.lower() != headers["host"].lower()):
            return OTHER_SITE
        site = headers.get("sec-fetch-site", "")
        navigation = scope["method"] == "GET" and headers.get("sec-fetch-mode") == "navigate"
        if site in ("cross-site", "same-site") and not navigation:
            return OTHER_SITE
        return None
