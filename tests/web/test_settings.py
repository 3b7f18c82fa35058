"""The operator's settings: where the token comes from, and that a weak one is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from foedus.errors import UsageError
from foedus.web.settings import Settings, read_token


def test_token_from_file_then_environment(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "token"
    f.write_text("a-long-enough-token-123\nignored second line\n")
    monkeypatch.setenv("FOEDUS_WEB_TOKEN", "from-the-environment-456")
    assert read_token(f) == "a-long-enough-token-123"
    assert read_token() == "from-the-environment-456"
    monkeypatch.delenv("FOEDUS_WEB_TOKEN")
    assert read_token() is None  # no token: read-only


def test_weak_token_refused(tmp_path: Path) -> None:
    f = tmp_path / "token"
    f.write_text("short\n")
    with pytest.raises(UsageError, match="16 characters"):
        read_token(f)


def test_defaults_are_closed() -> None:
    s = Settings()
    assert s.token is None and s.cors_origins == () and s.max_draws == 100_000
    assert s.last_day.year >= 2035


def test_serve_help_and_bad_token_file(tmp_path: Path) -> None:
    from foedus.cli import main

    runner = CliRunner()
    out = runner.invoke(main, ["serve", "--help"])
    assert out.exit_code == 0 and "--token-file" in out.output and "127.0.0.1" in out.output
    f = tmp_path / "token"
    f.write_text("short\n")
    bad = runner.invoke(main, ["serve", "--token-file", str(f)])
    assert bad.exit_code == 1 and "16 characters" in bad.output


def test_worker_processes_read_the_settings_from_the_environment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from foedus.web.app import SETTINGS_ENV, from_environment

    monkeypatch.setenv(SETTINGS_ENV, json.dumps({
        "store": str(tmp_path / "s.duckdb"), "token": "t" * 20,
        "cors_origins": ["https://example.org"], "scenarios_dir": str(tmp_path / "sc")}))
    settings = from_environment().state.settings
    assert settings.token == "t" * 20 and settings.cors_origins == ("https://example.org",)
    assert settings.scenarios_dir == tmp_path / "sc"
