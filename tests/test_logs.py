"""Structured logs carry the stage and ids, as JSON when asked."""

import io
import json
import logging

from pipeline import logs


def test_json_logs_carry_stage_and_document_ids(monkeypatch):
    monkeypatch.setenv("PIPELINE_LOG_FORMAT", "json")
    monkeypatch.setenv("PIPELINE_LOG_LEVEL", "info")
    stream = io.StringIO()
    logs.configure(stream)
    logging.getLogger("pipeline").info("extracted %d documents", 2,
                                       extra={"stage": "extract", "document_ids": [4, 5], "batch_id": 7})
    record = json.loads(stream.getvalue())
    assert record["message"] == "extracted 2 documents"
    assert (record["stage"], record["document_ids"], record["batch_id"]) == ("extract", [4, 5], 7)


def test_line_logs_are_one_readable_line(monkeypatch):
    monkeypatch.delenv("PIPELINE_LOG_FORMAT", raising=False)
    stream = io.StringIO()
    logs.configure(stream)
    logging.getLogger("pipeline").warning("fetch of x failed: timeout", extra={"stage": "fetch", "source": "x"})
    assert stream.getvalue() == "pipeline: warning: fetch of x failed: timeout [stage=fetch source=x]\n"
