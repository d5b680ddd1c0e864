"""Evidence files: stored once under the data directory by content hash.

Two reports citing the same scanned decision share one stored file; the
original name and type stay with each report (``report_evidence``).
"""

from __future__ import annotations

import hashlib
import mimetypes
import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from knowledge import texts
from knowledge.progress.reporting import ReportError
from storage import progress as store
from storage.models import ReportEvidence

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024  # Telegram bots download at most 20 MB
EVIDENCE_DIR = "evidence"


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    relative_path: str
    size: int


def store_file(data_dir: Path, source: Path, limit: int = MAX_EVIDENCE_BYTES) -> StoredFile:
    """Copy ``source`` to ``data_dir/evidence/ab/<sha256>`` unless already there."""
    size = source.stat().st_size
    if size > limit:
        raise ReportError(texts.EVIDENCE_TOO_LARGE.format(size=_mb(size), limit=_mb(limit)))
    digest = hashlib.sha256()
    with source.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    sha = digest.hexdigest()
    relative = f"{EVIDENCE_DIR}/{sha[:2]}/{sha}"
    target = data_dir / relative
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".part")
        shutil.copyfile(source, tmp)
        tmp.replace(target)  # atomic: a crash never leaves a half file under the hash
    return StoredFile(sha256=sha, relative_path=relative, size=size)


def attach(
    session: Session,
    data_dir: Path,
    report_id: int,
    source: Path,
    file_name: str,
    mime_type: str | None = None,
) -> ReportEvidence:
    stored = store_file(data_dir, source)
    return store.add_evidence(
        session,
        report_id,
        sha256=stored.sha256,
        file_name=file_name,
        mime_type=mime_type or mimetypes.guess_type(file_name)[0],
        size=stored.size,
        stored_path=stored.relative_path,
    )


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")
