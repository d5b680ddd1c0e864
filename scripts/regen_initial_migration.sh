#!/usr/bin/env bash
# Development only (no release yet): rebuild storage/migrations/versions/0001 from storage/models.py.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f storage/migrations/versions/0001_*.py /tmp/planbot-regen.sqlite3
.venv/bin/python - <<'PY'
from alembic import command
from storage.migrate import alembic_config
command.revision(alembic_config("sqlite:////tmp/planbot-regen.sqlite3"), message="initial schema", autogenerate=True, rev_id="0001")
PY
