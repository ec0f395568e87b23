"""`spinscope serve --config FILE`: the [serve] section's token guards writes, the environment overrides it, and
a file that others may read cannot hold it."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from spinscope.cli import cli
from spinscope.config import Config
from spinscope.errors import ConfigError
from spinscope.pipeline import Pipeline
from spinscope.serve import settings as serve_settings

from .serve_corpus import build, encode

TEXT = "Ministers met in Lisbon on Monday. They agreed on a plan called marrowquill."


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build(tmp_path_factory.mktemp("serve_config"), n=4)[0]


def config(tmp_path, body: str, mode: int = 0o600):
    path = tmp_path / "spinscope.toml"
    path.write_text(body, encoding="utf-8")
    path.chmod(mode)
    return str(path)


@pytest.fixture
def served_by_cli(monkeypatch):
    """Runs `spinscope serve ARGS` up to uvicorn and returns (exit code, output, the app it would serve)."""
    import uvicorn
    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    monkeypatch.delenv(serve_settings.TOKEN_ENV, raising=False)

    def run(*args):
        r = CliRunner().invoke(cli, ["serve", *args])
        app = seen.pop("app", None)
        if app is not None:  # the small stand-ins of the other serve tests, not the packaged model and pipeline
            app.state.corpus.encode = encode
            app.state.pipeline_factory = lambda: Pipeline(stages=["clean"])
        return r.exit_code, r.output, app
    yield run
    if seen.get("app"):
        seen["app"].state.corpus.close()


def writes(app, **headers) -> int:
    client = TestClient(app, client=("127.0.0.1", 4000))
    return client.post("/api/analyze", json={"text": TEXT, "store": True, "outlet": "Config Wire"},
                       headers=headers).status_code


def test_a_token_in_the_config_file_is_required_for_writes_and_accepted(db, tmp_path, served_by_cli):
    cfg = config(tmp_path, '[serve]\ntoken = "file-token-7"\nmax_query = 300\n')
    code, out, app = served_by_cli("--db", db, "--config", cfg)
    assert code == 0, out
    assert writes(app) == 401
    assert writes(app, authorization="Bearer wrong") == 401
    assert writes(app, authorization="Bearer file-token-7") == 200
    client = TestClient(app, client=("127.0.0.1", 4000))
    assert client.get("/api/documents", params={"outlet": "Config Wire"}).json()["items"]
    assert client.get("/api/documents", params={"outlet": "x" * 400}).status_code == 414  # max_query from the file
    app.state.corpus.close()


def test_the_environment_token_wins_over_the_file(db, tmp_path, monkeypatch, served_by_cli):
    cfg = config(tmp_path, '[serve]\ntoken = "file-token-7"\n')
    monkeypatch.setenv(serve_settings.TOKEN_ENV, "env-token-9")
    code, out, app = served_by_cli("--db", db, "--config", cfg)
    assert code == 0, out
    assert writes(app, authorization="Bearer file-token-7") == 401
    assert writes(app, authorization="Bearer env-token-9") == 200
    app.state.corpus.close()


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o620])
def test_a_file_others_may_read_or_change_cannot_hold_the_token(db, tmp_path, mode, served_by_cli):
    cfg = config(tmp_path, '[serve]\ntoken = "file-token-7"\n', mode)
    code, out, app = served_by_cli("--db", db, "--config", cfg)
    assert code == 2 and app is None and "chmod 600" in out and "file-token-7" not in out
    readable = config(tmp_path, "[serve]\nallow_remote = true\n", mode)  # no token: nothing to keep secret
    code, out, app = served_by_cli("--db", db, "--config", readable, "--host", "0.0.0.0")
    assert code == 0 and app is not None and app.state.settings.allow_remote and not app.state.settings.token
    app.state.corpus.close()


def test_the_serve_section_is_typed_kept_out_of_the_hash_and_hides_the_token(monkeypatch):
    with pytest.raises(ConfigError, match="'tokn'.*\\[serve\\]"):
        Config.from_dict({"serve": {"tokn": "x"}})
    with pytest.raises(ConfigError, match="max_body"):
        Config.from_dict({"serve": {"max_body": "big"}})
    cfg = Config.from_dict({"serve": {"token": "s3cret-xyz", "cors_origins": ["http://localhost:3000"]}})
    assert cfg.serve.cors_origins == ("http://localhost:3000",) and cfg.serve.token == "s3cret-xyz"
    assert cfg.hash() == Config().hash()  # server settings change no analysis, and the token reaches no record
    assert "s3cret-xyz" not in repr(cfg) and "s3cret-xyz" not in repr(cfg.serve)
    with pytest.raises(ConfigError, match="\\[serve\\] token"):
        Config.from_dict({"serve": {"token": 7}})
    monkeypatch.delenv(serve_settings.TOKEN_ENV, raising=False)
    assert serve_settings.load(None) == serve_settings.Settings()  # no file: the safe defaults, no token
