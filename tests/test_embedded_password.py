"""The embedded PostgreSQL asks every connection for a password, generated at initialisation and kept under the
data directory; a cluster made before that (trust for every local connection) is given one on its next start."""

from __future__ import annotations

import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from pipeline import db


@pytest.fixture
def data_dir() -> Iterator[Path]:
    # Not under pytest's tmp_path, which pytest keeps private to root (see test_fault_tolerance).
    path = Path(tempfile.mkdtemp(prefix="wire-pw-pg-"))
    yield path / "pgdata"
    db.stop_embedded(path / "pgdata", "immediate")
    shutil.rmtree(path, ignore_errors=True)


def _refused_without_password(port: int) -> str:
    with pytest.raises(psycopg.OperationalError) as caught:
        psycopg.connect(f"postgresql://postgres@127.0.0.1:{port}/postgres", connect_timeout=5).close()
    return str(caught.value)


def test_a_new_cluster_needs_its_generated_password(data_dir):
    port = db.start_embedded(data_dir)
    password_file = data_dir / db.PASSWORD_FILE
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    assert len(db.embedded_password(data_dir)) >= 32
    assert "password" in _refused_without_password(port)
    with psycopg.connect(db.embedded_url(data_dir, port, "postgres")) as conn:
        assert conn.execute("SELECT current_user").fetchone() == ("postgres",)
    assert db.start_embedded(data_dir) == port  # idempotent, same password
    assert "password" in _refused_without_password(port)


def test_a_trust_cluster_from_before_is_given_a_password_on_start(data_dir):
    data_dir.mkdir(parents=True)
    db._prepare_owner(data_dir)
    db._run_as_owner([db._bin("initdb"), "-D", str(data_dir), "--auth=trust", "-U", "postgres",
                      "--encoding=UTF8", "--locale=C.UTF-8"], data_dir)
    assert db.embedded_password(data_dir) is None
    port = db.start_embedded(data_dir)
    assert db.embedded_password(data_dir)
    assert "password" in _refused_without_password(port)
    with psycopg.connect(db.embedded_url(data_dir, port, "postgres")) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
