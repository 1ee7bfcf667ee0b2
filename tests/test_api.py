"""The HTTP API on the seeded test Neo4j: every endpoint, every error class, an injection try."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.catalog.registry import QUERY_DIR, Catalog
from graph.db.database import Database
from graph.model import load_model
from graph.settings import Settings
from graph.values import INTERNAL_PROPERTIES

SLOW_QUERIES = Path(__file__).resolve().parent / "fixtures" / "slow_queries"
REQUIRED = {
    "left-org-partnered-with",
    "members-as-of",
    "withdrawals",
    "warrants",
    "partners-of",
    "timeline",
    "connections",
}
INJECTION = '"}) DETACH DELETE n //'


@pytest.fixture(scope="module")
def client(seeded: Database, settings: Settings) -> Iterator[TestClient]:
    quick = settings.model_copy(update={"geoalign_query_timeout": 1.0})
    with TestClient(create_app(quick, Catalog.load(QUERY_DIR, SLOW_QUERIES))) as test_client:
        yield test_client


def graph_size(db: Database) -> tuple[int, int]:
    _, nodes = db.read("MATCH (n) RETURN count(n) AS c")
    _, rels = db.read("MATCH ()-[r]->() RETURN count(r) AS c")
    return nodes[0]["c"], rels[0]["c"]


def test_catalog_lists_every_required_query(client: TestClient) -> None:
    names = {q["name"] for q in client.get("/queries").json()}
    assert names >= REQUIRED and len(names - REQUIRED) >= 5


def test_one_query_with_its_cypher(client: TestClient) -> None:
    body = client.get("/queries/withdrawals").json()
    assert body["cypher"].startswith("// name: withdrawals")
    assert {p["name"] for p in body["parameters"]} == {"org", "as_of"}


def test_run_by_get_and_post_agree(client: TestClient) -> None:
    got = client.get("/queries/withdrawals/run", params={"org": "icc", "as_of": "2025-10-01"})
    posted = client.post("/queries/withdrawals/run", json={"params": {"org": "icc", "as_of": "2025-10-01"}})
    assert got.status_code == posted.status_code == 200
    assert got.json() == posted.json()
    body = got.json()
    assert body["query"] == "withdrawals" and body["row_count"] == len(body["rows"]) > 0
    assert body["params"] == {"org": "icc", "as_of": "2025-10-01"}
    assert body["columns"][0] == "state_id"
    assert all(isinstance(row["announced_on"], str) for row in body["rows"])


def test_defaults_are_filled_in(client: TestClient) -> None:
    body = client.get("/queries/members-as-of/run").json()
    assert body["params"]["org"] == "ecowas" and len(body["params"]["date"]) == 10


def test_csv_format(client: TestClient) -> None:
    params = {"org": "organisation-of-african-unity", "date": "1990-06-01", "format": "csv"}
    response = client.get("/queries/members-as-of/run", params=params)
    assert response.headers["content-type"].startswith("text/csv")
    lines = response.text.splitlines()
    assert lines[0].startswith("# coverage: organisation-of-african-unity not complete"), "it may be partial"
    rows = list(csv.DictReader(line for line in lines if not line.startswith("#")))
    assert "mali" in {row["member_id"] for row in rows}


def test_graph_format(client: TestClient) -> None:
    body = client.get("/queries/members-as-of/run", params={"date": "2024-06-01", "format": "graph"}).json()
    assert "ecowas" in {n["id"] for n in body["nodes"]}
    assert all(r["target"] == "ecowas" and r["type"] == "MEMBER_OF" for r in body["relationships"])
    paths = client.get("/paths", params={"from_id": "mali", "to_id": "russia", "format": "graph"}).json()
    assert {"mali", "russia"} <= {n["id"] for n in paths["nodes"]}
    by_id = {node["id"]: node for node in body["nodes"]}  # drawn nodes can be captioned and coloured
    assert by_id["ecowas"]["name"] and "Organization" in by_id["ecowas"]["labels"]
    assert by_id["mali"] == {"id": "mali", "name": "Mali", "labels": ["State"]}


def test_entity_search_ignores_case_and_accents(client: TestClient) -> None:
    assert "assimi-goita" in {e["id"] for e in client.get("/entities", params={"q": "goita"}).json()}
    assert client.get("/entities", params={"q": "BURKINA"}).json()[0]["id"] == "burkina-faso"
    states = client.get("/entities", params={"q": "a", "label": "State", "limit": 3}).json()
    assert len(states) == 3 and all(e["labels"] == ["State"] for e in states)


def test_entity_with_its_relationships(client: TestClient) -> None:
    body = client.get("/entities/mali").json()
    assert body["properties"]["iso3"] == "MLI"
    ecowas = [
        r for r in body["relationships"] if r["type"] == "WITHDRAWS_FROM" and r["other"]["id"] == "ecowas"
    ]
    assert ecowas and ecowas[0]["direction"] == "out" and ecowas[0]["announced_on"] == "2024-01-28"
    assert all(r["sources"] for r in body["relationships"])


def test_timeline_paths_and_sources(client: TestClient) -> None:
    timeline = client.get("/entities/niger/timeline").json()
    dates = [row["date"] for row in timeline["rows"]]
    assert dates == sorted(dates) and dates
    paths = client.get("/paths", params={"from_id": "mali", "to_id": "vladimir-putin"}).json()
    assert paths["rows"] and all(row["length"] <= 4 for row in paths["rows"])
    sources = client.get("/sources").json()
    assert "euronews-2025-09-sahel-icc" in {s["id"] for s in sources}
    article = client.get("/sources/euronews-2025-09-sahel-icc").json()
    assert article["source"]["publisher"] == "Euronews"
    assert any(f["object_id"] == "wagner-group" for f in article["facts"])


@pytest.mark.parametrize(
    "path",
    [
        "/queries/nope",
        "/queries/nope/run",
        "/entities/atlantis",
        "/entities/atlantis/timeline",
        "/sources/nope",
        "/paths?from_id=mali&to_id=atlantis",
    ],
)
def test_unknown_things_are_404(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "Traceback" not in response.text and response.json()["detail"]


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/queries/timeline/run", "entity"),
        ("/queries/members-as-of/run?date=2024-13-45", "date"),
        ("/queries/members-as-of/run?colour=red", "colour"),
        ("/queries/connections/run?from_id=mali&to_id=russia&max_hops=9", "max_hops"),
        ("/paths?from_id=mali&to_id=russia&max_hops=9", "max_hops"),
        ("/entities?q=", "q"),
        ("/queries/members-as-of/run?format=xml", "format"),
        ("/queries/coups/run?format=graph&state=mali&entity=x", "entity"),
        ("/queries/disputes/run?format=graph", "format"),
    ],
)
def test_bad_parameters_are_422_naming_the_parameter(client: TestClient, path: str, parameter: str) -> None:
    response = client.get(path)
    assert response.status_code == 422, response.text
    assert response.json()["parameter"] == parameter
    assert parameter in response.json()["detail"]


def test_a_query_past_its_time_limit_is_504(client: TestClient) -> None:
    response = client.get("/queries/count-to/run")
    assert response.status_code == 504
    assert "time limit" in response.json()["detail"]


def test_injection_is_just_an_odd_string(client: TestClient, seeded: Database) -> None:
    before = graph_size(seeded)
    assert client.get("/entities", params={"q": INJECTION}).json() == []
    assert client.get(f"/entities/{INJECTION}").status_code == 404
    response = client.post("/queries/members-as-of/run", json={"params": {"org": INJECTION}})
    assert response.status_code == 404 and INJECTION in response.json()["detail"]
    assert client.get("/queries/timeline/run", params={"entity": INJECTION}).status_code == 404
    assert graph_size(seeded) == before


def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path, operations in spec["paths"].items():
        for operation in operations.values():
            assert operation.get("summary"), path
            for parameter in operation.get("parameters", []):
                assert parameter.get("description"), (path, parameter["name"])


def test_a_path_from_an_entity_to_itself_is_empty_not_an_error(client: TestClient) -> None:
    response = client.get("/paths", params={"from_id": "mali", "to_id": "mali"})
    assert response.status_code == 200 and response.json()["rows"] == []


# ----- what a person sees when a request is not quite right ---------------------------------


def test_a_malformed_body_says_it_is_not_json_and_where(client: TestClient) -> None:
    response = client.post(
        "/queries/withdrawals/run",
        content=b'{"params": {"org": "icc",}}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 422
    body = response.json()
    assert (
        body["parameter"] == "body"
        and "not valid JSON" in body["detail"]
        and "at character" in body["detail"]
    )


def test_parameters_outside_params_are_refused_with_the_right_form(client: TestClient) -> None:
    response = client.post("/queries/withdrawals/run", json={"as_of": "2025-01-01"})
    assert response.status_code == 422
    body = response.json()
    assert body["parameter"] == "as_of" and '{"params": {"as_of": ...}}' in body["detail"]


def test_an_unknown_label_lists_the_labels(client: TestClient) -> None:
    response = client.get("/entities", params={"q": "mali", "label": "state"})
    assert response.status_code == 422
    assert response.json()["parameter"] == "label"
    assert all(label in response.json()["detail"] for label in load_model().labels)
    assert client.get("/entities", params={"q": "mali", "label": "State"}).status_code == 200


def test_an_unknown_entity_is_404_with_the_id_meant(client: TestClient) -> None:
    response = client.get("/queries/timeline/run", params={"entity": "Mali"})
    assert response.status_code == 404
    assert "did you mean 'mali'" in response.json()["detail"]
    response = client.get("/queries/withdrawals/run", params={"org": "Burkina Faso"})
    assert response.status_code == 404 and "'burkina-faso'" in response.json()["detail"]


def test_internal_properties_stay_internal(client: TestClient) -> None:
    source = client.get("/sources/euronews-2025-09-sahel-icc").json()["source"]
    kamissoko = client.get("/entities/seydou-kamissoko").json()
    warrant = client.get("/entities/icc-warrant-rodrigo-duterte").json()  # a fact node: settled_by
    for properties in (source, kamissoko["properties"], warrant["properties"]):
        assert not INTERNAL_PROPERTIES & properties.keys()
        assert not [k for k in properties if k.startswith("alt_")]
    assert [a["value"] for a in kamissoko["alternatives"]] == ["Seydou Camara"]


def test_api_documents_no_fixed_port(client: TestClient) -> None:
    assert ":8000" not in client.get("/openapi.json").text


def test_the_api_docs_need_no_network(client: TestClient) -> None:
    for page, asset in (("/docs", "swagger-ui-bundle.js"), ("/redoc", "redoc.standalone.js")):
        html = client.get(page).text
        scripts = re.findall(r'src="([^"]+)"', html)
        assert scripts and all(src.startswith("/") for src in scripts), scripts  # nothing from a CDN
        assert any(src.endswith(asset) for src in scripts)
        for src in scripts:
            assert client.get(src).status_code == 200, src
