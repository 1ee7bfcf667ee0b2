"""The one settings object, read from the environment (see the README's settings table)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_DIR = Path(__file__).resolve().parent
# Where the Cypher files (cypher/) and the curated facts (seed_data/) are: an installed wheel
# carries them in graph/data/ (pyproject.toml, force-include); in a checkout, and so in an editable
# install, they are the folders beside the package. Nothing else decides it.
_BUNDLED = PACKAGE_DIR / "data"
CHECKOUT: Path | None = None if _BUNDLED.is_dir() else PACKAGE_DIR.parent
DATA_ROOT = CHECKOUT or _BUNDLED
CYPHER_DIR = DATA_ROOT / "cypher"
SEED_DIR = DATA_ROOT / "seed_data"
# The local server's state: beside the code in a checkout (make clean removes it), in the user's
# data folder for an installed geoalign (~/.local/share/geoalign on Linux).
DEFAULT_STATE_DIR = CHECKOUT / ".geoalign" if CHECKOUT else user_data_path("geoalign")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore", frozen=True)

    neo4j_uri: str | None = Field(
        default=None,
        description="Bolt or neo4j:// address of an existing Neo4j; when set, no local server is managed.",
    )
    neo4j_user: str = Field(default="neo4j", description="Neo4j user name.")
    neo4j_password: SecretStr | None = Field(
        default=None,
        description="Neo4j password; for the local server, generated on first start when unset.",
    )
    neo4j_database: str = Field(default="neo4j", description="Database that holds the graph.")

    geoalign_state_dir: Path = Field(
        default=DEFAULT_STATE_DIR,
        description="Folder for the local Neo4j: jars, config, data, logs, pid, password; default: "
        "`.geoalign/` in a checkout, the user's data folder (~/.local/share/geoalign) when installed.",
    )
    geoalign_instance: str = Field(
        default="local", description="Name of the local Neo4j instance (the tests use their own)."
    )
    geoalign_bolt_port: int = Field(default=7687, description="Bolt port of the local Neo4j.")
    geoalign_http_port: int = Field(default=7474, description="HTTP port (Neo4j Browser) of the local Neo4j.")
    geoalign_neo4j_heap: str = Field(default="512m", description="JVM heap of the local Neo4j.")
    geoalign_neo4j_pagecache: str = Field(default="256m", description="Page cache of the local Neo4j.")
    geoalign_java: str = Field(default="java", description="Java 17+ executable for the local Neo4j.")
    geoalign_start_timeout: float = Field(
        default=120.0, description="Seconds `neo4j start` waits for Bolt to answer."
    )

    geoalign_query_timeout: float = Field(
        default=10.0, gt=0, description="Seconds a canned (read) query may run before it is cancelled."
    )
    geoalign_result_cache_seconds: float = Field(
        default=5.0,
        ge=0,
        description="Seconds the API may answer a repeated read from memory; 0 turns this off.",
    )
    geoalign_api_host: str = Field(default="127.0.0.1", description="Address the API binds to.")
    geoalign_api_port: int = Field(default=8000, description="Port the API listens on.")
    geoalign_public_url: str = Field(
        default="",
        description="The API's address as its users reach it, for the absolute links of the Browser "
        "guide; default: http://GEOALIGN_API_HOST:GEOALIGN_API_PORT. Never taken from a request's Host.",
    )
    geoalign_request_timeout: float = Field(
        default=15.0,
        gt=0,
        description="Seconds one API request may take, from start to end, analytics included; "
        "then it stops and answers 504.",
    )
    geoalign_max_body_bytes: int = Field(
        default=65_536,
        gt=0,
        description="Largest request body the API reads, in bytes; a larger one gets 413.",
    )
    geoalign_body_timeout: float = Field(
        default=10.0, gt=0, description="Seconds a request body may take to arrive; then the API answers 408."
    )
    geoalign_max_param_chars: int = Field(
        default=1_000, gt=0, description="Longest value (or name) of any API parameter, in characters."
    )
    geoalign_heavy_concurrency: int = Field(
        default=2,
        gt=0,
        description="How many heavy requests (alignment, paths) the API computes at once; the others "
        "wait their turn, so that light requests and /health stay quick.",
    )
    geoalign_result_cache_bytes: int = Field(
        default=64_000_000, gt=0, description="Most memory the API's result cache may hold, in bytes."
    )
    geoalign_cors_origins: str = Field(
        default="",
        description="Comma-separated origins allowed to fetch the guide and style; "
        "default: the local Neo4j Browser's (http://127.0.0.1 and localhost on GEOALIGN_HTTP_PORT).",
    )
    geoalign_source_archive: Path | None = Field(
        default=None,
        description="Folder of the source archive (texts that seed quotes are checked against); "
        "default: `sources/` in GEOALIGN_STATE_DIR.",
    )
    geoalign_source_texts: Path | None = Field(
        default=CHECKOUT.parent / "shared" / "sources" if CHECKOUT else None,
        description="A folder of source texts the archive also reads (a source's `text_file`); "
        "default: `../shared/sources` beside a checkout, none when installed; it need not exist.",
    )
    geoalign_fetch_timeout: float = Field(
        default=20.0, gt=0, description="Seconds `sources fetch` allows one download, start to end."
    )
    geoalign_fetch_max_bytes: int = Field(
        default=5_000_000, gt=0, description="Largest page `sources fetch` downloads, in bytes."
    )
    geoalign_ingest_max_bytes: int = Field(
        default=500_000, gt=0, description="Longest text `geoalign ingest` reads, in bytes."
    )

    geoalign_export_timeout: float = Field(
        default=3600.0,
        gt=0,
        description="Seconds `geoalign export` may read the graph (one transaction) before it stops.",
    )

    @field_validator("geoalign_instance")
    @classmethod
    def _instance_is_a_plain_name(cls, value: str) -> str:
        if not value or not all(c.isalnum() or c in "-_" for c in value):
            raise ValueError("must be letters, digits, '-' or '_' (it names a folder)")
        return value

    @property
    def cors_origins(self) -> list[str]:
        given = [origin.strip() for origin in self.geoalign_cors_origins.split(",") if origin.strip()]
        port = self.geoalign_http_port
        return given or [f"http://127.0.0.1:{port}", f"http://localhost:{port}"]

    @property
    def api_base(self) -> str:
        return f"http://{self.geoalign_api_host}:{self.geoalign_api_port}"

    @property
    def public_url(self) -> str:
        return self.geoalign_public_url.rstrip("/") or self.api_base

    @property
    def manages_local_server(self) -> bool:
        return self.neo4j_uri is None

    @property
    def bolt_uri(self) -> str:
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.geoalign_bolt_port}"

    @property
    def browser_url(self) -> str | None:
        return None if self.neo4j_uri else f"http://127.0.0.1:{self.geoalign_http_port}/browser/"

    @property
    def instance_dir(self) -> Path:
        return self.geoalign_state_dir / "instances" / self.geoalign_instance

    @property
    def source_archive_dir(self) -> Path:
        return self.geoalign_source_archive or self.geoalign_state_dir / "sources"

    @property
    def imported_dir(self) -> Path:
        """Where `geoalign votes import` keeps the data sets it prepared, each a seed folder that
        every later load of this instance takes in beside the project's own."""
        return self.instance_dir / "imported"

    def imported_folders(self) -> list[Path]:
        if not self.imported_dir.is_dir():
            return []
        return sorted(p for p in self.imported_dir.iterdir() if (p / "dataset.yaml").is_file())

    @property
    def password_file(self) -> Path:
        return self.instance_dir / "password"

    @property
    def password(self) -> str | None:
        """The password to log in with: the environment's, or the local server's stored one."""
        if self.neo4j_password is not None:
            return self.neo4j_password.get_secret_value()
        if self.manages_local_server and self.password_file.exists():
            return self.password_file.read_text().strip()
        return None


def get_settings() -> Settings:
    return Settings()
