"""The OpenAPI document is a contract the API keeps: schemathesis, with all its checks, sends
requests generated from the document (valid ones, and ones that break it on purpose) to the API
served on this machine, and every answer must be what the document says: status, content type,
body shape. A bounded run is part of the suite; `make fuzz` runs the same for ten minutes
(FUZZ_SECONDS) and prints what schemathesis found."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ServedApi

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


def test_the_api_keeps_its_openapi_contract(api_server: ServedApi) -> None:
    seconds = int(os.environ.get("FUZZ_SECONDS", "0"))
    bounds = ["--max-time", str(seconds), "--max-examples", "100000"] if seconds else ["--max-examples", "20"]
    command = [
        str(SCHEMATHESIS),
        "run",
        f"{api_server.base}/openapi.json",
        "--checks",
        "all",
        "--seed",
        "1",
        "--workers",
        "1",  # the API is one process on two cores; more workers would time requests out
        "--no-color",
        *bounds,
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 600)
    summary = run.stdout[run.stdout.rfind("SUMMARY") :]
    print(summary)
    assert run.returncode == 0, run.stdout[-20_000:]
    assert "generated" in summary and "failure" not in summary.split("Test cases:")[-1], summary
