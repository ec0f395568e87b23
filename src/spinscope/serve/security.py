"""Request guards and response headers: loopback-only readers, size limits, a strict Content-Security-Policy."""
from __future__ import annotations

import hmac
import ipaddress
import json

from .settings import Settings

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY"),
           (b"cross-origin-opener-policy", b"same-origin"), (b"cross-origin-resource-policy", b"same-origin")]


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return host == "localhost"


def token_ok(settings: Settings, header: str | None) -> bool:
    """Whether an `Authorization: Bearer <token>` header carries the configured token (compared in constant time)."""
    if not settings.token or not header or not header.startswith("Bearer "):
        return False
    return hmac.compare_digest(header[7:].strip().encode(), settings.token.encode())


class Guard:
    """ASGI middleware: refuse remote clients, long query strings and large bodies; add the security headers."""

    def __init__(self, app, settings: Settings):
        self.app = app
        self.settings = settings

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        client = (scope.get("client") or (None, None))[0]
        if not self.settings.allow_remote and not is_loopback(client):
            return await _error(send, 403, "this server answers loopback clients only (see --allow-remote)")
        if len(scope.get("query_string") or b"") > self.settings.max_query:
            return await _error(send, 414, f"query string longer than {self.settings.max_query} characters")
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.settings.max_body):
            return await _error(send, 413, f"request body larger than {self.settings.max_body} bytes")
        if length is None and scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            body = await _read_body(receive, self.settings.max_body)  # chunked: count before the app parses
            if body is None:
                return await _error(send, 413, f"request body larger than {self.settings.max_body} bytes")
            receive = _replay(body)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in HEADERS if h[0] not in names]
            await send(message)
        await self.app(scope, receive, send_with_headers)


async def _read_body(receive, limit: int) -> bytes | None:
    """The whole request body, or None as soon as it grows past `limit`."""
    parts, seen = [], 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(parts)
        chunk = message.get("body", b"")
        seen += len(chunk)
        if seen > limit:
            return None
        parts.append(chunk)
        if not message.get("more_body"):
            return b"".join(parts)


def _replay(body: bytes):
    sent = False

    async def receive():
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}
    return receive


async def _error(send, status: int, message: str) -> None:
    body = json.dumps({"error": {"status": status, "message": message}}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *HEADERS]})
    await send({"type": "http.response.body", "body": body})
