"""What the server allows: write token, remote readers, request size limits, CORS origins."""
from __future__ import annotations

import os
from dataclasses import dataclass

TOKEN_ENV = "SPINSCOPE_SERVE_TOKEN"


@dataclass(frozen=True)
class Settings:
    """Server settings; the defaults are the safe ones (no writes, loopback readers only, no CORS)."""

    token: str | None = None  # writes (POST /api/analyze with store) need `Authorization: Bearer <token>`
    allow_remote: bool = False  # serve readers that are not on the loopback interface
    max_body: int = 2_000_000  # bytes of a request body (413 above)
    max_query: int = 2_000  # characters of a query string (414 above)
    cors_origins: tuple[str, ...] = ()  # origins allowed to read the API from a browser; none by default
    max_results: int = 500  # the largest `limit` a list route accepts

    @classmethod
    def from_env(cls, **overrides) -> Settings:
        """Settings with the write token read from the environment (never from the command line, where `ps` shows it)."""
        token = os.environ.get(TOKEN_ENV) or None
        return cls(**{"token": token, **{k: v for k, v in overrides.items() if v is not None}})
