"""`geoalign ingest`'s reading time against the length of the text, and how fast a text over
`GEOALIGN_INGEST_MAX_BYTES` is refused. No Neo4j and no network: the extractor reads the seed
files' names and the project's own gold texts, repeated to each size; every run ends by itself.

    .venv/bin/python benchmarks/ingest_benchmark.py                # 50 to 400 kB, and a 10 MB refusal
    .venv/bin/python benchmarks/ingest_benchmark.py --sizes 50 100
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

import yaml

from graph.errors import BadParameter
from graph.ingest.extract import Extractor
from graph.ingest.reading import read_article
from graph.seed.seedset import SeedSet
from graph.settings import Settings

GOLD = Path(__file__).resolve().parent.parent / "tests" / "ingest_gold"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 200, 400], help="kB of text")
    args = parser.parse_args()
    seeds = SeedSet()
    extractor = Extractor.of(seeds)
    base = "\n".join(yaml.safe_load(p.read_text())["text"] for p in sorted(GOLD.glob("*.yaml")))
    rates = []
    for kb in args.sizes:
        text = (base * (kb * 1000 // len(base) + 1))[: kb * 1000]
        start = time.perf_counter()
        found = len(extractor.candidates(text, date(2025, 9, 23)))
        seconds = time.perf_counter() - start
        rates.append(seconds / kb * 1000)
        print(f"{kb:6,} kB  {seconds:7.2f} s  {rates[-1]:6.2f} ms/kB  {found} candidates")
    print(f"ms per kB from the smallest to the largest: {rates[0]:.2f} -> {rates[-1]:.2f} (flat is linear)")
    settings = Settings()
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.txt"
        big.write_bytes(b"Mali left ECOWAS on 28 January 2024. " * 270_000)  # about 10 MB
        start = time.perf_counter()
        try:
            read_article(str(big), settings)
            outcome = "read (raise the bound's default?)"
        except BadParameter as error:
            outcome = f"refused: {error.problem[:70]}..."
        print(f"{big.stat().st_size / 1e6:.1f} MB text, {time.perf_counter() - start:.3f} s: {outcome}")


if __name__ == "__main__":
    main()
