"""Upkeep of the analyst views that are stored rather than computed on read (sql/014_views_at_scale.sql)."""

from __future__ import annotations

import psycopg


def refresh_speaker_statements(conn: psycopg.Connection) -> None:
    """Recompute statements per speaker from the published statements; readers keep reading meanwhile."""
    # CONCURRENTLY: readers see the previous contents until the new ones commit (needs the unique index).
    conn.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY speaker_statements")
    conn.commit()
