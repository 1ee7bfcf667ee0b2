"""What Neo4j Browser shows of geoalign: a guide generated from the query catalog, and a GraSS
stylesheet generated from the model, so neither drifts from what the API runs."""

from __future__ import annotations

import html
from datetime import date

from graph import cypher
from graph.catalog.parameters import Parameter
from graph.catalog.queries import Query
from graph.catalog.registry import Catalog
from graph.model import Model

# One colour and size per label; captions by name. Colours are readable on Browser's white canvas.
LABEL_STYLE = {
    "State": ("#4C8EDA", 65),
    "Government": ("#8DCC93", 55),
    "Person": ("#F79767", 50),
    "Organization": ("#C990C0", 70),
    "ArmedGroup": ("#DA4C4C", 60),
    "Place": ("#57C7E3", 45),
    "Document": ("#FFC454", 45),
    "Event": ("#A5ABB6", 50),
    "Warrant": ("#6B4C9A", 45),
    "Source": ("#D9C8AE", 30),
    "Dispute": ("#ECB5C9", 35),
    "Dataset": ("#CCCCCC", 30),
    "FactIndex": ("#CCCCCC", 20),
}
DEFAULT_STYLE = ("#A5ABB6", 50)
CAPTIONS = {"Source": "{title}", "Dispute": "{id}", "Dataset": "{id}", "FactIndex": "{key}"}

GUIDE_MODEL = """
<p>Every node has an <code>id</code> and a <code>name</code>. States, governments (a junta is a
Government of kind <code>military-junta</code>), people, organisations, armed groups, places,
documents, events and warrants are linked by dated relationships.</p>
<ul>
  <li><b>When</b>: <code>since</code>/<code>until</code>, or for acts with stages
  <code>announced_on</code>, <code>notified_on</code>, <code>effective_on</code>,
  <code>revoked_on</code>, each with a <code>_precision</code> (day, month, year).</li>
  <li><b>Who says so</b>: <code>source_ids</code> name <code>(:Source)</code> nodes; facts from the
  article keep the sentence they rest on as <code>quote</code>.</li>
  <li><b>Whether it happened</b>: every fact carries a <code>claim_status</code> (confirmed,
  reported, alleged, disputed, denied); a denied fact never counts as a fact.</li>
  <li><b>How sure</b>: each <code>(:Source)</code> has an Admiralty <code>reliability</code>
  (A to F) and each fact a <code>credibility</code> (1 to 6) and the day it was last checked,
  <code>checked_on</code>; the <code>stale-facts</code> query lists what to check again.</li>
  <li><b>Disagreement</b>: a fact is stored once. Where sources give other values for it, the
  fact holds the preferred one and lists the others in <code>alt_field</code>,
  <code>alt_value</code>, <code>alt_claim_status</code> and <code>alt_sources</code> (the i-th
  entries go together); the canned queries show them in an <code>alternatives</code> column,
  and facts about one disagreement name its <code>(:Dispute)</code>.</li>
</ul>
"""


def _cypher_literal(parameter: Parameter, example: str | None) -> str:
    """A Browser `:param` value: the example or the default (from the catalog, never user input)."""
    default = example if example is not None else parameter.default
    if parameter.type == "date":
        return "date()" if default in (None, "today") else f"date('{date.fromisoformat(str(default))}')"
    if parameter.type in ("integer", "boolean"):
        return str(default).lower() if default is not None else "null"
    return "'" + str(default or "").replace("\\", "\\\\").replace("'", "\\'") + "'"


def runnable_blocks(query: Query) -> list[str]:
    """What a slide offers to click: one `:param` per parameter (its default or example; the
    `=>` form has Neo4j evaluate the value, so dates are dates), then the query itself."""
    settings = [
        f":param {p.name} => {_cypher_literal(p, query.examples.get(p.name))}" for p in query.parameters
    ]
    return [*settings, query.cypher.strip()]


def _example(name: str) -> str:
    return cypher.statement(f"browser/{name}").strip()


def _runnable(text: str) -> str:
    return f"<pre class='code runnable'>{html.escape(text)}</pre>"


def guide_html(catalog: Catalog, model: Model, api_base: str) -> str:
    # The base address comes from the request (its Host header): escape it like any other text.
    api_base = html.escape(api_base, quote=True)
    slides = [
        (
            "geoalign",
            "A geopolitical alignment knowledge graph",
            "<p>Dated, sourced facts about how states realign: the juntas of Mali, Burkina Faso and "
            "Niger leaving ECOWAS and the ICC, their ties to Russia and the Wagner Group, ICC arrest "
            "warrants, and the states that left the court before them. Where sources disagree, "
            "the graph keeps every version.</p>"
            f"<p>The same questions are served over HTTP at <a href='{api_base}/docs' "
            f"target='_blank'>{api_base}/docs</a>. Load the style with "
            f"<code>:style {api_base}/browser/style.grass</code>.</p>" + _runnable(_example("schema")),
        ),
        (
            "The model",
            f"{len(model.labels)} labels, {len(model.relationships)} relationship types",
            GUIDE_MODEL + _runnable(_example("neighbourhood")),
        ),
        (
            "Where the facts come from",
            "Sources and disagreements",
            "<p>Every relationship cites at least one source; the sources, most recent first:</p>"
            + "".join(map(_runnable, runnable_blocks(catalog.get("sources"))))
            + "<p>And every fact on which sources disagree, with each version's claim status:</p>"
            + "".join(map(_runnable, runnable_blocks(catalog.get("disputes")))),
        ),
    ]
    for query in catalog.queries.values():
        params = "".join(
            f"<li><code>{html.escape(p.name)}</code> ({p.type}, default "
            f"<code>{html.escape(str(p.default))}</code>): {html.escape(p.description)}</li>"
            for p in query.parameters
        )
        slides.append(
            (
                query.title,
                f"Canned query <code>{html.escape(query.name)}</code>",
                f"<p>{html.escape(query.description)}</p>"
                + (f"<ul>{params}</ul>" if params else "")
                + f"<p>Columns: <code>{html.escape(', '.join(query.columns))}</code>. Over HTTP: "
                f"<code>GET {api_base}/queries/{html.escape(query.name)}/run</code>. "
                "Click to set the parameters, then to load the query, and run each.</p>"
                + "".join(map(_runnable, runnable_blocks(query))),
            )
        )
    body = "\n".join(
        "<slide class='row-fluid'>\n"
        f"  <div class='col-sm-3'><h3>{html.escape(title)}</h3>"
        f"<p class='lead'>{lead}</p></div>\n"
        f"  <div class='col-sm-9'>{content}</div>\n"
        "</slide>"
        for title, lead, content in slides
    )
    return (
        f"<article class='guide'>\n<carousel class='deck container-fluid'>\n{body}\n</carousel>\n</article>\n"
    )


def grass_stylesheet(model: Model) -> str:
    """Node colour, size and caption per label; relationships captioned by type and dates.

    Browser 5 substitutes `<type>` only when it is the whole caption, and `{property}` anywhere;
    so each type of the model gets a rule of its own, whose caption spells the type out beside
    `{when}` (the fact's dates as text at their precision, written by the loader). Relationships
    made by hand keep the plain `<type>` caption."""
    blocks = [
        "node {\n  diameter: 50px;\n  color: #A5ABB6;\n  border-color: #9AA1AC;\n  border-width: 2px;\n"
        "  text-color-internal: #FFFFFF;\n  font-size: 10px;\n  caption: '{name}';\n}",
        "relationship {\n  color: #A5ABB6;\n  shaft-width: 1px;\n  font-size: 8px;\n  padding: 3px;\n"
        "  text-color-external: #000000;\n  text-color-internal: #FFFFFF;\n  caption: '<type>';\n}",
    ]
    blocks += [f"relationship.{kind} {{\n  caption: '{kind} {{when}}';\n}}" for kind in model.relationships]
    for label in [*model.labels, "Source", "Dispute", "Dataset", "FactIndex"]:
        colour, size = LABEL_STYLE.get(label, DEFAULT_STYLE)
        caption = CAPTIONS.get(label, "{name}")
        blocks.append(
            f"node.{label} {{\n  color: {colour};\n  border-color: {colour};\n  diameter: {size}px;\n"
            f"  caption: '{caption}';\n}}"
        )
    return "\n\n".join(blocks) + "\n"
