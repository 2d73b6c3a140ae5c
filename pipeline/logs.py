"""Structured logs: every pipeline record can carry the stage and the document ids it concerns.

`PIPELINE_LOG_FORMAT=json` prints one JSON object per record (for log shippers); the default is one readable
line. Inside Airflow, the task logger captures the same records.
"""

from __future__ import annotations

import json
import logging
import os
import sys

_FIELDS = ("stage", "document_id", "document_ids", "batch_id", "source")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"), "level": record.levelname.lower(),
               "logger": record.name, "message": record.getMessage()}
        out.update({k: getattr(record, k) for k in _FIELDS if hasattr(record, k)})
        return json.dumps(out, ensure_ascii=False, default=str)


class LineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        context = " ".join(f"{k}={getattr(record, k)}" for k in _FIELDS if hasattr(record, k))
        return f"pipeline: {record.levelname.lower()}: {record.getMessage()}" + (f" [{context}]" if context else "")


def configure(stream=sys.stderr) -> None:
    """Set up the `pipeline` logger for command-line use (level from PIPELINE_LOG_LEVEL, default WARNING)."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter() if os.environ.get("PIPELINE_LOG_FORMAT") == "json" else LineFormatter())
    logger = logging.getLogger("pipeline")
    logger.handlers[:] = [handler]
    logger.setLevel(os.environ.get("PIPELINE_LOG_LEVEL", "WARNING").upper())
    logger.propagate = False
