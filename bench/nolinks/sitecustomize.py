"""Loaded at start-up by every process of the benchmark's ``*-nolinks`` phases (this folder is
put on their PYTHONPATH): switches pointer extraction and resolution off, reader processes
included, so what links cost is measured against the same ingest without them."""

import centralfiles.enrich as enrich
import centralfiles.pipeline.ingest as pipeline

enrich.ENRICHERS = (enrich.cable.enrich,)
pipeline.resolve_pointers = lambda store, ids, **_: None
