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
        app = configured_app(db, settings, config_file)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"spinscope: serving {db} on http://{host}:{port}/ (API docs at /docs"
               f"{'; writes need the token' if settings.token else '; read-only'})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


def configured_app(db, settings, config_file=None):
    """The app of `spinscope serve`: with a configuration file, POST /api/analyze runs its pipeline ([kb],
    [narratives], [pipeline] sections, as `ingest --config` does: a store fed by the API is analyzed as one fed by
    ingest) and the outlet profiles show the ratings its [kb] files import."""
    from .app import create_app
    factory = kb = None
    if config_file:
        from ..cli import build_pipeline, checked_config
        from ..kb import load_kb
        cfg = checked_config(config_file)

        def factory():
            return build_pipeline(config_file)
        if cfg.kb.files:
            try:
                kb = load_kb(list(cfg.kb.files))
            except Exception as exc:  # noqa: BLE001 - a bad file is said in one line, before the server starts
                raise click.UsageError(f"{config_file}: [kb] files: {exc}") from None
    return create_app(db, settings, pipeline_factory=factory, kb=kb)
