"""What handlers work with: the database, settings, the answer engine, the clock,
and the adapter's per-turn I/O (progress messages, file download).

The database session of a turn is not here: the runtime opens one per turn (and
per job) and hands it over as ``Turn.session``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from handlers import texts
from handlers.errors import BadFile
from handlers.messages import Attachment, Outgoing, Reply
from knowledge.answer.api import AnswerEngine
from storage.db import Database
from storage.settings import Settings

# (db, path, display name, progress callback) -> a summary with ``render()``
IngestFn = Callable[[Database, Path, str | None, Callable[[str], None]], Any]


class TurnIO(Protocol):
    """Adapter hooks usable from (blocking) handler code."""

    def progress(self, text: str) -> None:
        """Show an interim status ("đang nạp…"); later calls may replace it."""

    def download(self, attachment: Attachment) -> Path:
        """Fetch the attachment to a local file and return its path."""


class NullIO:
    """For channels (and tests) with nothing to show while work runs."""

    def __init__(self) -> None:
        self.progress_messages: list[str] = []

    def progress(self, text: str) -> None:
        self.progress_messages.append(text)

    def download(self, attachment: Attachment) -> Path:
        if attachment.path is None:
            raise BadFile(texts.CHAT_FILE_BAD_TYPE.format(name=attachment.file_name))
        return attachment.path


def _default_ingest(
    db: Database, path: Path, display_name: str | None, progress: Callable[[str], None]
) -> Any:
    from knowledge.ingest import ingest_file

    return ingest_file(db, path, display_name=display_name, progress=progress)


@dataclass
class Services:
    db: Database
    settings: Settings
    ingest: IngestFn = _default_ingest
    clock: Callable[[], datetime] | None = None
    _engine: AnswerEngine | None = field(default=None, repr=False)

    def now(self) -> datetime:
        if self.clock is not None:
            return self.clock()
        return datetime.now(ZoneInfo(self.settings.planbot_timezone))

    @property
    def engine(self) -> AnswerEngine:
        if self._engine is None:
            self._engine = AnswerEngine(self.db, self.settings)
        return self._engine


@dataclass
class Result:
    """What one incoming message produced: replies to the sender, pushes to others."""

    replies: list[Reply] = field(default_factory=list)
    pushes: list[Outgoing] = field(default_factory=list)
    # Set when the turn hit an unexpected error: its writes were rolled back and
    # ``replies`` is the apology; the runtime records ``error`` on the update.
    error: str | None = None
