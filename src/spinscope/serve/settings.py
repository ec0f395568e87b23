"""What the server allows: the `[serve]` section of the configuration, its write token overridable by the environment."""
from __future__ import annotations

import dataclasses
import os
import stat
from pathlib import Path

from ..config import Config, ServeConfig
from ..errors import ConfigError

TOKEN_ENV = "SPINSCOPE_SERVE_TOKEN"
Settings = ServeConfig  # token, allow_remote, max_body, max_query, cors_origins (docs/config.md)


def load(config_file: str | os.PathLike | None = None, **overrides) -> Settings:
    """The `[serve]` section of `config_file` (the safe defaults without one); $SPINSCOPE_SERVE_TOKEN, when set,
    replaces its token; then the `overrides` that are not None (command-line options).

    A file that sets a token must be readable by its owner alone (ConfigError otherwise), as ssh asks of a
    private key: a token that every account on the machine can read guards nothing."""
    settings = Config.from_toml(config_file).serve if config_file else Settings()
    if settings.token and config_file and os.name == "posix":
        mode = Path(config_file).stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise ConfigError(f"{config_file}: sets [serve] token but other accounts may read or change it "
                              f"(mode {stat.filemode(mode)}); run `chmod 600 {config_file}`, or set the token in "
                              f"${TOKEN_ENV} instead")
    token = os.environ.get(TOKEN_ENV) or None
    changes = {**({"token": token} if token else {}), **{k: v for k, v in overrides.items() if v is not None}}
    return dataclasses.replace(settings, **changes)
