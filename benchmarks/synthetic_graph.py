"""Write a large synthetic seed folder in the project's own format (CSV nodes and relationships).

python benchmarks/synthetic_graph.py OUT_DIR --nodes 100000 --relationships 1000000
"""

from __future__ import annotations

import argparse
import csv
import random
from datetime import date, timedelta
from pathlib import Path

# End labels allowed by graph/model.yaml for each type used here.
TYPES = (("SERVES_UNDER", "person", "person"), ("LEADS", "person", "org"), ("CRITICISES", "person", "org"))
EPOCH = date(1990, 1, 1)


def write(out: Path, nodes: int, relationships: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    for sub in ("sources", "nodes", "relationships"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    (out / "sources" / "synthetic.yaml").write_text(
        "sources:\n"
        "  - {id: synthetic, title: Synthetic benchmark data, publisher: geoalign, kind: reference}\n"
    )
    people = nodes // 2
    orgs = nodes - people
    with (out / "nodes" / "nodes.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "label", "name", "kind"])
        for i in range(people):
            writer.writerow([f"person-{i}", "Person", f"Person {i}", ""])
        for i in range(orgs):
            writer.writerow([f"org-{i}", "Organization", f"Organization {i}", "synthetic"])
    with (out / "relationships" / "relationships.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["type", "from", "to", "key", "since", "source_ids"])
        for i in range(relationships):
            kind, _, target = TYPES[i % len(TYPES)]
            to = f"person-{rng.randrange(people)}" if target == "person" else f"org-{rng.randrange(orgs)}"
            since = EPOCH + timedelta(days=rng.randrange(12000))
            writer.writerow(
                [kind, f"person-{rng.randrange(people)}", to, str(i), since.isoformat(), "synthetic"]
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--relationships", type=int, default=1_000_000)
    args = parser.parse_args()
    write(args.out, args.nodes, args.relationships)


if __name__ == "__main__":
    main()
