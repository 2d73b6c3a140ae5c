"""Upkeep of the analyst views that are stored rather than computed on read (sql/014_views_at_scale.sql)."""

from __future__ import annotations

import psycopg


def refresh_speaker_statements(conn: psycopg.Connection) -> None:
    """Recompute statements per speaker from the published statements; readers keep reading meanwhile."""
    # CONCURRENTLY: readers see the previous contents until the new ones commit (needs the unique index). It
    # refuses a view that holds no data yet (after REFRESH … WITH NO DATA): that one is filled plainly.
    (populated,) = conn.execute(
        "SELECT ispopulated FROM pg_matviews WHERE matviewname = 'speaker_statements'").fetchone()
    how = "CONCURRENTLY " if populated else ""
    conn.execute(f"REFRESH MATERIALIZED VIEW {how}speaker_statements")
    conn.commit()
