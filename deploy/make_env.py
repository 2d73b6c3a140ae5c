"""Write the compose's `.env`: secrets every service must share, generated here, never committed.

`python deploy/make_env.py [--celery] [--path .env]` (what `make compose-env` runs). An existing file is
kept: regenerating the Fernet key would make the stored connections unreadable.
"""

from __future__ import annotations

import argparse
import secrets
import sys
from pathlib import Path

from cryptography.fernet import Fernet


def env_lines(celery: bool) -> list[str]:
    lines = [
        "AIRFLOW_UID=50000",
        f"AIRFLOW_JWT_SECRET={secrets.token_urlsafe(48)}",
        f"AIRFLOW_FERNET_KEY={Fernet.generate_key().decode()}",
        f"AIRFLOW_API_SECRET_KEY={secrets.token_urlsafe(32)}",
        f"WIRE_DB_PASSWORD={secrets.token_urlsafe(18)}",
    ]
    if celery:  # the profile and the executor go together: a celery profile on LocalExecutor runs nothing there
        lines += ["COMPOSE_PROFILES=celery", "AIRFLOW_EXECUTOR=CeleryExecutor"]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--celery", action="store_true", help="Redis and Celery workers (CeleryExecutor)")
    parser.add_argument("--path", type=Path, default=Path(__file__).resolve().parent.parent / ".env")
    args = parser.parse_args(argv)
    if args.path.exists():
        print(f"{args.path} exists: kept (delete it to generate new secrets)", file=sys.stderr)
        return 0
    args.path.write_text("\n".join(env_lines(args.celery)) + "\n", encoding="utf-8")
    args.path.chmod(0o600)
    print(f"wrote {args.path}" + (" (celery profile)" if args.celery else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
