"""End to end in headless Chromium, with every request off this machine refused: log in to the
test instance's Neo4j Browser, see the guide open on connect (browser.post_connect_cmd), run a
canned query from one of its slides, apply the style and read the rendered captions, and render
the API's /docs.

Needs Debian's chromium (`.ci/run` installs it); without it these tests skip and say why.
Screenshots are saved under test-artifacts/ (and one named after a test that fails).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from graph.settings import Settings
from tests.conftest import ServedApi

if TYPE_CHECKING:
    from playwright.sync_api import Page, Route

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (apt-get install chromium)"
)


@dataclass
class LocalPage:
    """A page of headless Chromium that may reach this machine only; `refused` lists every
    request it made elsewhere (refused, so a page that needs the internet shows it)."""

    page: Page
    refused: list[str] = field(default_factory=list)


@pytest.fixture
def local(settings: Settings, request: pytest.FixtureRequest) -> Iterator[LocalPage]:
    """Saves a screenshot under test-artifacts/ (named after the test) when the test fails."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        try:
            local = LocalPage(browser.new_page(viewport={"width": 1400, "height": 1000}))

            def local_only(route: Route) -> None:
                if urlsplit(route.request.url).hostname in ("127.0.0.1", "localhost"):
                    route.continue_()
                else:
                    local.refused.append(route.request.url)
                    route.abort()

            local.page.route("**/*", local_only)
            failures_before = request.session.testsfailed
            yield local
            if request.session.testsfailed > failures_before:  # the test's own report comes first
                local.page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-failure.png"))
        finally:
            browser.close()


def _log_in(page: Page, settings: Settings) -> None:
    assert settings.password is not None
    page.goto(settings.browser_url or "", wait_until="networkidle")
    page.fill("[data-testid=username]", settings.neo4j_user)
    page.fill("[data-testid=password]", settings.password)
    page.click("[data-testid=connect]")
    page.get_by_text("A geopolitical alignment knowledge graph").wait_for(timeout=60_000)


def _run(page: Page, command: str) -> None:
    """Type a command or query into Browser's editor and run it."""
    page.locator("[data-testid=activeEditor]").first.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(command)
    page.click("[data-testid=editor-Run]")


def test_style_captions_relationships_by_type_and_no_usage_banner(
    api_server: ServedApi, settings: Settings, local: LocalPage
) -> None:
    page = local.page
    _log_in(page, settings)
    _run(page, f":style {api_server.base}/browser/style.grass")
    page.get_by_text("PARTNERS_WITH {when}").first.wait_for(timeout=30_000)
    _run(page, "MATCH (s:State {id: 'mali'})-[r:PARTNERS_WITH]->(w {id: 'wagner-group'}) RETURN s, r, w")
    captions = page.locator("svg g.relationship text")
    captions.first.wait_for(timeout=60_000)
    texts = [t.strip() for t in captions.all_text_contents()]
    # The type in full, then the dates (Browser shortens a caption to the length of its arrow).
    assert any(t.startswith("PARTNERS_WITH 20") for t in texts), texts
    assert not any("<type>" in t for t in texts), texts
    assert page.get_by_text("we collect information on product usage").count() == 0
    page.screenshot(path=str(ARTIFACTS / "browser-styled-graph.png"))


def test_api_docs_render_with_no_network(api_server: ServedApi, local: LocalPage) -> None:
    page = local.page
    page.goto(f"{api_server.base}/docs", wait_until="networkidle")
    page.locator(".swagger-ui .info .title").filter(has_text="geoalign").wait_for(timeout=30_000)
    page.get_by_text("/queries/withdrawals/run").first.wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "api-docs.png"))
    assert local.refused == [], "the docs page asked for files from the internet"


def test_guide_opens_on_login_and_a_click_runs_a_query(
    api_server: ServedApi, settings: Settings, local: LocalPage
) -> None:
    page = local.page
    _log_in(page, settings)
    assert page.get_by_text(f":play {api_server.base}/browser/guide").first.is_visible()
    page.screenshot(path=str(ARTIFACTS / "browser-guide.png"))

    target = page.get_by_text("Canned query members-as-of")
    for _ in range(40):
        if target.is_visible():
            break
        page.locator("button.next-slide").first.click()
    assert target.is_visible(), "the guide has a slide for members-as-of"

    slide = page.locator("slide, .slide, [class*=slide]").filter(has_text="Canned query members-as-of")
    blocks = slide.locator("pre.runnable")
    parameters_set = page.get_by_text("Successfully set your parameters.")
    for index in range(blocks.count()):  # set each parameter, then run the query
        blocks.nth(index).click()
        page.click("[data-testid=editor-Run]")
        if index < blocks.count() - 1:  # `:param x => ...` is evaluated by Neo4j: wait for it
            parameters_set.nth(index).wait_for(timeout=30_000)
    # A member's name appears only in the query's result, never in the guide's own text.
    page.get_by_text("Nigeria").first.wait_for(timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / "browser-query.png"))
    assert (ARTIFACTS / "browser-guide.png").stat().st_size > 10_000
