"""Bot tokens and secrets never reach a log line or a printed traceback.

Telegram and Zalo Bot put the token in every request path (``/bot<token>/getMe``),
so httpx's request log and a wrong token's exception carry it. The mask works at
the source: a log-record factory rewrites each record's message and traceback
before any handler sees it (uvicorn's and PTB's loggers included), and
``sys.excepthook`` masks a traceback that ends the process.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback
from collections.abc import Iterable
from types import TracebackType
from typing import Any

MASK = "***"
MIN_SECRET = 4  # shorter values are too common to replace safely
# "/bot<token>/" in API and file URLs, whatever the token looks like.
_BOT_PATH = re.compile(r"(/bot)[^/\s\"'?#]+")
# Telegram- and Zalo-style tokens ("123456:AAE…") anywhere in the text.
_TOKEN_SHAPE = re.compile(r"\b\d{3,}:[A-Za-z0-9_-]{8,}")


class SecretMask:
    """Replaces known secrets and token-shaped strings in text."""

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        self._secrets: set[str] = set()
        self.add(*secrets)

    def add(self, *secrets: str | None) -> None:
        for secret in secrets:
            if secret and len(secret) >= MIN_SECRET:
                self._secrets.add(secret)
                if ":" in secret:  # a token's secret half may appear alone
                    tail = secret.split(":", 1)[1]
                    if len(tail) >= MIN_SECRET:
                        self._secrets.add(tail)

    def __call__(self, text: str) -> str:
        for secret in sorted(self._secrets, key=len, reverse=True):
            text = text.replace(secret, MASK)
        text = _BOT_PATH.sub(r"\1" + MASK, text)
        return _TOKEN_SHAPE.sub(MASK, text)

    def record(self, record: logging.LogRecord) -> None:
        """Mask a log record in place: its message (args merged) and its traceback."""
        try:
            message = record.getMessage()
        except Exception:  # a malformed call; keep what there is
            message = str(record.msg)
        record.msg, record.args = self(message), None
        if record.exc_info and record.exc_info[0] is not None:
            text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
            record.exc_text = self(text)
        if record.stack_info:
            record.stack_info = self(record.stack_info)


_active = SecretMask()
_installed = False


def install(secrets: Iterable[str | None]) -> SecretMask:
    """Mask these secrets (and any token shape) in every log record and fatal traceback."""
    global _installed
    _active.add(*secrets)
    if not _installed:
        _installed = True
        previous = logging.getLogRecordFactory()

        def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
            record = previous(*args, **kwargs)
            _active.record(record)
            return record

        logging.setLogRecordFactory(factory)
        sys.excepthook = _excepthook
    return _active


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    sys.stderr.write(_active("".join(traceback.format_exception(kind, exc, tb))))
