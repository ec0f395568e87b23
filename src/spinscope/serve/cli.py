"""`spinscope serve`: the web UI and the REST API over a corpus database, on uvicorn."""
from __future__ import annotations

import click

from ..corpus.store import DEFAULT_DB


@click.command("serve")
@click.option("--db", "db", type=click.Path(dir_okay=False), default=DEFAULT_DB, show_default=True,
              help="The corpus database file.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True),
              help="A TOML configuration; its [serve] section sets the write token, remote readers, limits, CORS.")
@click.option("--allow-remote", is_flag=True,
              help="Answer clients that are not on this machine (off: loopback clients only).")
def serve_command(db, host, port, config_file, allow_remote):
    """Serve the web UI and the REST API (OpenAPI at /docs) over the corpus database.

    Writes (POST /api/analyze with "store": true) need the token of the configuration's [serve] section
    or of the SPINSCOPE_SERVE_TOKEN environment variable (which wins); without one the database is
    opened read-only."""
    import uvicorn

    from ..corpus.store import StoreError
    from ..errors import ConfigError
    from .app import create_app
    from .security import is_loopback
    from .settings import load
    try:
        settings = load(config_file, allow_remote=allow_remote or None)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    if not settings.allow_remote and not is_loopback(host) and host != "localhost":
        raise click.UsageError(f"--host {host} listens beyond this machine; add --allow-remote (or allow_remote "
                               "in [serve]) to mean it")
    try:
        app = create_app(db, settings)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"spinscope: serving {db} on http://{host}:{port}/ (API docs at /docs"
               f"{'; writes need the token' if settings.token else '; read-only'})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
