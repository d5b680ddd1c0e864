"""Telegram adapter (python-telegram-bot 22)."""

import os

# Opt in to PTB's future behaviour (time periods as timedelta) so it does not warn;
# ``adapter.retry_seconds`` accepts both forms.
os.environ.setdefault("PTB_TIMEDELTA", "1")
