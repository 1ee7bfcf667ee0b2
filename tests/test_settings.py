"""Every setting is documented in the README's table."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from graph.settings import Settings

README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_setting_is_in_the_readme_table() -> None:
    text = README.read_text()
    missing = [name.upper() for name in Settings.model_fields if f"| `{name.upper()}` |" not in text]
    assert missing == []


def test_instance_name_must_be_a_plain_folder_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEOALIGN_INSTANCE", "../elsewhere")
    with pytest.raises(ValidationError, match="GEOALIGN_INSTANCE|geoalign_instance"):
        Settings()


def test_external_uri_means_no_local_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j://db.example:7687")
    settings = Settings()
    assert not settings.manages_local_server
    assert settings.bolt_uri == "neo4j://db.example:7687"
    assert settings.browser_url is None
