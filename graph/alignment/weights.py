"""The alignment index's weights (weights.yaml, beside this file: a signed weight per
relationship type, anchored on the Goldstein scale, and the factors of claim status, credibility,
hops and age) and its named blocs (blocs.yaml), each checked against the model when read: a bad
table stops the program at its start, never a request."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from graph.errors import BadParameter
from graph.model import load_model

WEIGHTS_FILE = Path(__file__).with_name("weights.yaml")
BLOCS_FILE = Path(__file__).with_name("blocs.yaml")
MAX_HOPS = 3
UNGRADED = 6  # the credibility grade of a claim that carries none: "cannot be judged"


@dataclass(frozen=True)
class VoteWeight:
    """How agreement in the UN General Assembly's votes counts (weights.yaml, `votes`)."""

    weight: float
    window_years: int
    min_votes: int

    @property
    def window_days(self) -> int:
        return round(self.window_years * 365.25)


@dataclass(frozen=True)
class WeightTable:
    weights: dict[str, float]
    one_off: frozenset[str]
    claim_factors: dict[str, float | str]  # a number, or "disputed_fraction"
    credibility_factors: dict[int, float]  # Admiralty credibility 1 .. 6 -> factor
    disputed_fraction: float
    hop_discount: float
    max_hops: int
    half_life_years: float
    votes: VoteWeight

    @classmethod
    def load(cls, path: Path = WEIGHTS_FILE) -> WeightTable:
        raw = yaml.safe_load(path.read_text())
        known = load_model().relationships
        problems = [
            f"{path}: unknown relationship type {name!r}" for name in raw["weights"] if name not in known
        ]
        table = cls(
            weights={name: float(spec["weight"]) for name, spec in raw["weights"].items()},
            one_off=frozenset(name for name, spec in raw["weights"].items() if spec.get("one_off")),
            claim_factors=dict(raw["claim_factors"]),
            credibility_factors={int(k): float(v) for k, v in raw["credibility_factors"].items()},
            disputed_fraction=float(raw["disputed_fraction"]),
            hop_discount=float(raw["hop_discount"]),
            max_hops=int(raw["max_hops"]),
            half_life_years=float(raw["half_life_years"]),
            votes=VoteWeight(
                float(raw["votes"]["weight"]),
                int(raw["votes"]["window_years"]),
                int(raw["votes"]["min_votes"]),
            ),
        )
        if not 1 <= table.max_hops <= MAX_HOPS:
            problems.append(f"{path}: max_hops must be between 1 and {MAX_HOPS}")
        if not (
            0 <= table.votes.weight <= 1 and table.votes.window_years >= 1 and table.votes.min_votes >= 1
        ):
            problems.append(
                f"{path}: votes needs a weight between 0 and 1, window_years and min_votes of 1 or more"
            )
        if any(abs(w) > 1 for w in table.weights.values()):
            problems.append(f"{path}: weights lie between -1 and 1")
        grades = load_model().credibilities
        factors = table.credibility_factors
        if set(factors) != set(grades) or any(not 0 <= f <= 1 for f in factors.values()):
            problems.append(f"{path}: credibility_factors gives each grade {grades} a factor between 0 and 1")
        if problems:
            raise BadParameter("weights", "; ".join(problems))
        return table

    def claim_factor(self, status: str, disputed_fraction: float) -> float:
        factor = self.claim_factors.get(status, 0.0)
        return disputed_fraction if factor == "disputed_fraction" else float(factor)

    def credibility_factor(self, credibility: int | None) -> float:
        """A claim graded by no one counts as one whose truth cannot be judged."""
        return self.credibility_factors[credibility if credibility in self.credibility_factors else UNGRADED]


@cache
def default_table() -> WeightTable:
    """The project's table, read once: the API and `geoalign serve` read it as they start."""
    return WeightTable.load(WEIGHTS_FILE)


@cache
def load_blocs(path: Path = BLOCS_FILE) -> dict[str, list[str]]:
    raw = yaml.safe_load(path.read_text())
    return {name: list(spec["members"]) for name, spec in raw["blocs"].items()}
