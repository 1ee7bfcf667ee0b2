"""The scale benchmark's world-shaped generator writes seed data the loader accepts beside the
curated graph, the same for the same seed, scaled by its factor. No database needed."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pycountry

from graph.seed.seedset import SeedSet
from graph.settings import SEED_DIR

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from world_graph import write  # noqa: E402


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_the_world_validates_beside_the_curated_graph(tmp_path: Path) -> None:
    counts = write(tmp_path / "a", factor=0.002)
    validated = SeedSet([SEED_DIR, tmp_path / "a"]).validate()
    curated_states = sum(1 for _, r in SeedSet().records("nodes") if r.get("label") == "State")
    assert counts["State"] + curated_states >= len(pycountry.countries) and counts["Organization"] == 60
    assert validated["VISITED"] > 0 and validated["MEMBER_OF"] > 1_000
    assert validated["WITHDRAWS_FROM"] > 0 and validated["disputes"] > 32


def test_the_world_is_deterministic_and_scales(tmp_path: Path) -> None:
    small, again, larger = (
        write(tmp_path / name, factor) for name, factor in (("a", 0.002), ("b", 0.002), ("c", 0.004))
    )
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b") and small == again
    assert larger["Person"] == 2 * small["Person"]  # what the factor scales; the states stay the world's
    assert larger["relationships"] > small["relationships"] and larger["State"] == small["State"]
