"""Every notebook runs top to bottom in a real Jupyter kernel against the test Neo4j.

The kernel inherits this process's environment, so the notebooks' `%load_ext graph.notebook`
connects to the suite's own instance, never a user's graph.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from graph.db.database import Database

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"  # the figures, to look at


def test_there_are_notebooks() -> None:
    assert len(NOTEBOOKS) >= 2


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_stored_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, "clear outputs before committing"


# Run after the story notebook, in its kernel: what its three figures show, as JSON.
FIGURE_REPORT = """
import json
import matplotlib.dates as mdates
from matplotlib.colors import to_hex

def _day(x):  # an axvline keeps the Timestamp it was given; a float is a Matplotlib date
    return str((pd.Timestamp(x) if not isinstance(x, float) else mdates.num2date(x)).date())

def _shape(collection):
    return [[round(float(x), 3) for x in vertex] for vertex in collection.get_paths()[0].vertices]

_timeline = timeline_fig.axes[0]
_legend = _timeline.get_legend()
_network = network_fig.axes[0]
_relations = [data['relation'] for _, _, data in network.edges(data=True)]
print(json.dumps({
    'timeline': {
        'title': _timeline.get_title(),
        'legend': [
            {'label': text.get_text(), 'colour': to_hex(handle.get_facecolor()[0]), 'shape': _shape(handle)}
            for handle, text in zip(_legend.legend_handles, _legend.get_texts())
        ],
        'markers': [{'colour': to_hex(colour), 'shape': _shape(collection)}
                    for collection in _timeline.collections for colour in collection.get_facecolor()],
    },
    'network': {
        'title': _network.get_title(),
        'directed': network.is_directed(),
        'multigraph': network.is_multigraph(),
        'edges': network.number_of_edges(), 'arrows': len(_network.patches),
        'relations': sorted(_relations),
        'edge_labels': sorted(t.get_text() for t in _network.texts if t.get_text() in set(_relations)),
    },
    'alignment': [
        {'title': panel.get_title(),
         'lines': [
             {'label': line.get_label(), 'colour': to_hex(line.get_color()), 'marker': line.get_marker(),
              'style': line.get_linestyle(), 'points': len(line.get_xdata())}
             for line in panel.get_lines() if not line.get_label().startswith('_')
         ]}
        for panel in alignment_fig.axes
    ],
    'votes': [
        {'title': panel.get_title(),
         'lines': [
             {'label': line.get_label(), 'colour': to_hex(line.get_color()), 'marker': line.get_marker(),
              'style': line.get_linestyle(),
              'years': [int(str(x)[:4]) for x, y in zip(line.get_xdata(), line.get_ydata()) if y == y],
              'values': [round(float(y), 4) for y in line.get_ydata() if y == y]}
             for line in panel.get_lines() if line.get_marker() not in ('None', '', None)
         ],
         'coups': sorted(_day(line.get_xdata()[0]) for line in panel.get_lines()
                         if line.get_marker() in ('None', '', None)),
         'legend': [text.get_text() for text in panel.get_legend().get_texts()]}
        for panel in votes_fig.axes
    ],
}))
"""


def _executed(path: Path, extra: str | None = None) -> nbformat.NotebookNode:
    notebook = nbformat.read(path, as_version=4)
    if extra:
        notebook.cells.append(nbformat.v4.new_code_cell(extra))
    client = NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()  # raises CellExecutionError, naming the cell, on any error
    return notebook


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_executes(seeded: Database, path: Path) -> None:
    if path.stem == "sahel-realignment":
        return  # run, and its figures inspected, below
    _executed(path)


def test_the_story_notebook_draws_what_its_legends_say(seeded: Database) -> None:
    path = next(p for p in NOTEBOOKS if p.stem == "sahel-realignment")
    notebook = _executed(path, FIGURE_REPORT)
    images = [
        o for cell in notebook.cells for o in cell.get("outputs", []) if "image/png" in o.get("data", {})
    ]
    assert len(images) == 4, "the timeline, the network, the alignment chart and the votes chart"
    ARTIFACTS.mkdir(exist_ok=True)
    for name, image in zip(("timeline", "network", "alignment", "votes"), images, strict=True):
        (ARTIFACTS / f"notebook-{name}.png").write_bytes(base64.b64decode(image["data"]["image/png"]))
    printed = [output["text"] for output in notebook.cells[-1].outputs if output.get("name") == "stdout"]
    report = json.loads("".join(printed))

    timeline = report["timeline"]
    assert timeline["title"] and len(timeline["legend"]) == 4
    assert len({entry["colour"] for entry in timeline["legend"]}) == 4, "one colour per kind"
    for marker in timeline["markers"]:  # its kind is known by its shape; its colour must be the kind's
        kinds = [entry for entry in timeline["legend"] if entry["shape"] == marker["shape"]]
        assert len(kinds) == 1, "each kind has a shape of its own"
        assert marker["colour"] == kinds[0]["colour"], (kinds[0]["label"], marker["colour"])

    network = report["network"]
    assert network["title"] and network["directed"] and network["multigraph"]
    assert network["arrows"] == network["edges"] > 3, "every tie is its own arrow"
    assert network["edge_labels"] == network["relations"], "every arrow says its relation"

    panels = report["alignment"]
    assert [panel["title"] for panel in panels] == ["mali", "burkina-faso", "niger"]
    for panel in panels:
        styles = {(line["colour"], line["marker"], line["style"]) for line in panel["lines"]}
        assert len(panel["lines"]) == len(styles) == 3, "three targets, each drawn in its own way"
        assert all(line["points"] >= 7 for line in panel["lines"]), "a point a year, 2019 to 2026"
    assert len({tuple(sorted(line["label"] for line in panel["lines"])) for panel in panels}) == 1


YEARLY_AGREEMENT = """
MATCH (a:State {id: $state})-[va:VOTED]->(d:Document)<-[vb:VOTED]-(b:State {id: $partner})
WHERE va.vote <> 'absent' AND vb.vote <> 'absent' AND d.voted_on >= date('2010-01-01')
  AND d.voted_on <= date('2025-12-31')
WITH d.voted_on.year AS year,
     CASE va.vote WHEN 'yes' THEN 1.0 WHEN 'abstain' THEN 0.5 ELSE 0.0 END AS x,
     CASE vb.vote WHEN 'yes' THEN 1.0 WHEN 'abstain' THEN 0.5 ELSE 0.0 END AS y
RETURN year, avg(1.0 - abs(x - y)) AS agreement ORDER BY year
"""
COUPS = "MATCH (e:Event {kind: 'coup'})-[:TOOK_PLACE_IN]->(s:State {id: $state}) RETURN e.date AS day"


def test_the_votes_chart_shows_each_years_agreement_and_the_coups(seeded: Database) -> None:
    path = next(p for p in NOTEBOOKS if p.stem == "sahel-realignment")
    report = json.loads(
        "".join(
            output["text"]
            for output in _executed(path, FIGURE_REPORT).cells[-1].outputs
            if output.get("name") == "stdout"
        )
    )
    panels = report["votes"]
    assert [panel["title"] for panel in panels] == ["mali", "burkina-faso", "niger"]
    drawn = set()
    for panel in panels:
        state = panel["title"]
        assert [line["label"] for line in panel["lines"]] == ["with russia", "with united-states"]
        assert len({(line["colour"], line["marker"], line["style"]) for line in panel["lines"]}) == 2
        assert panel["legend"] == ["with russia", "with united-states", "coup"], "each thing drawn is named"
        for line in panel["lines"]:
            partner = line["label"].removeprefix("with ")
            _, rows = seeded.read(YEARLY_AGREEMENT, {"state": state, "partner": partner})
            assert line["years"] == [row["year"] for row in rows], (state, partner)
            assert line["values"] == [round(row["agreement"], 4) for row in rows], (state, partner)
            drawn.update(line["years"])
        _, coups = seeded.read(COUPS, {"state": state})
        assert coups and panel["coups"] == sorted(str(row["day"]) for row in coups), state
    assert {2014, 2023} <= drawn, "the curated roll calls of 2014 and 2023 are drawn"
