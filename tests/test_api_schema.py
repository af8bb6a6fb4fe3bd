"""schemathesis against the API's own OpenAPI schema: generated requests (bounded) never get a
5xx, and every response (errors included) matches the schema.

schemathesis needs the app when the module is collected, so this module builds its own small
store (the excerpt and the seeds) in a temporary folder then.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from centralfiles import Archive
from centralfiles.web import create_app

from .conftest import EXCERPT, SEEDS_DIR

_FOLDER = Path(tempfile.mkdtemp(prefix="centralfiles-schema-"))
atexit.register(shutil.rmtree, _FOLDER, True)
with Archive(_FOLDER / "archive.db") as _archive:
    _archive.ingest([EXCERPT, SEEDS_DIR])
schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(_FOLDER / "archive.db"))


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_fails_and_matches_its_schema(case) -> None:  # type: ignore[no-untyped-def]
    # a query the schema admits may still not parse ("(" is a string): that is a 400 with its
    # column, by design, so "schema-valid data must be accepted" does not apply here
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
