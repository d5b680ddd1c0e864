"""Start-up checks for ``planbot run``, in one place, before any channel starts.

A webhook without its secret accepts forged updates (anyone could claim to be the
admin), so webhook mode without one refuses to start, naming the setting. The
secret masks for logs are installed here too, so nothing logged from then on
carries a token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot import logmask, texts
from storage.settings import Settings

# Telegram: 1-256 characters of A-Z a-z 0-9 _ - (Bot API setWebhook secret_token).
_TELEGRAM_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


@dataclass(frozen=True)
class SecretRule:
    setting: str
    low: int
    high: int
    charset: re.Pattern[str] | None = None


TELEGRAM_SECRET = SecretRule("TELEGRAM_WEBHOOK_SECRET", 1, 256, _TELEGRAM_SECRET)
ZALO_BOT_SECRET = SecretRule("ZALO_BOT_WEBHOOK_SECRET", 8, 256)  # Zalo Bot setWebhook
ZALO_OA_SECRET = SecretRule("ZALO_OA_SECRET_KEY", 1, 1024)  # signs every OA webhook


class StartupRefused(SystemExit):
    """Exits ``planbot run`` with the list of settings to fix (no traceback)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join([texts.PREFLIGHT_REFUSED, *problems]))
        self.problems = problems


def secret_problems(rule: SecretRule, value: str | None) -> list[str]:
    if not value:
        return [texts.PREFLIGHT_SECRET_MISSING.format(setting=rule.setting)]
    if not rule.low <= len(value) <= rule.high:
        return [
            texts.PREFLIGHT_SECRET_LENGTH.format(
                setting=rule.setting, low=rule.low, high=rule.high, length=len(value)
            )
        ]
    if rule.charset is not None and not rule.charset.match(value):
        return [texts.PREFLIGHT_SECRET_CHARS.format(setting=rule.setting)]
    return []


def url_problems(setting: str, url: str) -> list[str]:
    if not url.lower().startswith("https://"):
        return [texts.PREFLIGHT_URL_HTTPS.format(setting=setting, url=url)]
    return []


def problems(settings: Settings) -> list[str]:
    """What keeps the configured channels from starting safely (empty: all good)."""
    from bot.runtime import configured_channels

    channels = configured_channels(settings)
    found: list[str] = []
    if "telegram" in channels and settings.telegram_webhook_url:
        found += url_problems("TELEGRAM_WEBHOOK_URL", settings.telegram_webhook_url)
        found += secret_problems(TELEGRAM_SECRET, settings.telegram_webhook_secret)
    if "zalo_bot" in channels and settings.zalo_bot_webhook_url:
        found += url_problems("ZALO_BOT_WEBHOOK_URL", settings.zalo_bot_webhook_url)
        found += secret_problems(ZALO_BOT_SECRET, settings.zalo_bot_webhook_secret)
    if "zalo_oa" in channels:  # the OA only ever delivers by webhook
        found += secret_problems(ZALO_OA_SECRET, settings.zalo_oa_secret_key)
    return found


def secrets_of(settings: Settings) -> list[str | None]:
    return [
        settings.telegram_bot_token,
        settings.telegram_webhook_secret,
        settings.zalo_bot_token,
        settings.zalo_bot_webhook_secret,
        settings.zalo_oa_secret_key,
        settings.zalo_oa_app_secret,
        settings.zalo_oa_access_token,
        settings.zalo_oa_refresh_token,
        settings.llm_api_key,
        settings.embedding_api_key,
    ]


def prepare(settings: Settings) -> None:
    """Mask secrets in logs, then refuse to start (``StartupRefused``) on unsafe settings."""
    logmask.install(secrets_of(settings))
    found = problems(settings)
    if found:
        raise StartupRefused(found)
