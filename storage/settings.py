"""Settings from the environment (and an optional .env file), read once.

Every setting is listed with a comment in ``.env.example``. Storage is the lowest
layer, so the settings live here where every other package may import them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # Storage
    planbot_data_dir: Path = Field(default=Path("data"))
    database_url: str | None = None  # any SQLAlchemy URL; default: SQLite in the data dir

    # Search index
    chroma_host: str | None = None  # a Chroma server; default: a local directory in the data dir
    chroma_port: int = 8000
    embedding_backend: str = "default"  # "default" (packaged model), "hash", "openai", "none"
    embedding_model: str | None = None
    embedding_api_base: str | None = None
    embedding_api_key: str | None = None
    retrieval_mode: str = "keyword"  # measured best on our QA set; "hybrid" | "vector"

    # Optional LLM
    llm_provider: str = "none"  # "none" | "openai" | "ollama"
    llm_base_url: str | None = None
    llm_api_key: str | None = None
    llm_model: str | None = None
    llm_timeout_seconds: float = 20.0

    # Time
    planbot_timezone: str = "Asia/Ho_Chi_Minh"

    # Place: the home province ("Nghệ An", "nghe an", "TP.HCM"). A bare unit name ("Sở Nội
    # vụ") means this province's unit; empty: the province most loaded plans come from.
    planbot_province: str = ""

    # Channels
    telegram_bot_token: str | None = None
    telegram_api_base_url: str = "https://api.telegram.org"
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: str | None = None
    zalo_bot_token: str | None = None
    zalo_bot_api_base_url: str = "https://bot-api.zaloplatforms.com"  # current documented root
    zalo_bot_webhook_url: str | None = None
    zalo_bot_webhook_secret: str | None = None
    zalo_oa_app_id: str | None = None
    zalo_oa_secret_key: str | None = None
    zalo_oa_access_token: str | None = None
    zalo_oa_refresh_token: str | None = None
    zalo_oa_api_base_url: str = "https://openapi.zalo.me"
    zalo_oa_oauth_base_url: str = "https://oauth.zaloapp.com"
    zalo_oa_app_secret: str | None = None  # the app's secret key, for access-token refresh
    zalo_oa_window_hours: int = 168  # OA may message a person this long after they wrote
    telegram_poll_timeout: int = 25  # getUpdates long-poll seconds
    zalo_bot_poll_timeout: int = 25
    telegram_send_rate: float = 30.0  # messages/s overall per sending process (Telegram: 30)
    telegram_chat_rate: float = 1.0  # messages/s per private chat (Telegram: about 1)
    telegram_send_timeout: float = 30.0  # seconds; a send that times out is "uncertain"
    webhook_host: str = "0.0.0.0"
    webhook_port: int = 8080
    webhook_max_body_bytes: int = 1_000_000  # larger webhook bodies get 413, unstored
    # Download links for files Zalo cannot carry (exports, charts), served by the webhook app
    planbot_public_url: str | None = None  # e.g. https://bot.example.gov.vn (the webhook host)
    planbot_download_secret: str | None = None  # HMAC key; default: a key kept in the data dir
    planbot_link_minutes: int = 30  # a download link expires after this many minutes

    # Access
    invite_valid_days: int = 7  # a one-time invite code expires after this many days

    # Input limits (knowledge/limits.py): larger files, longer parses, longer questions
    # are refused with a Vietnamese message.
    max_upload_mb: float = 50.0
    max_document_pages: int = 1000
    max_document_chars: int = 1_000_000
    parse_timeout_seconds: float = 120.0
    max_question_chars: int = 1000
    # On SIGTERM, how long a worker lets in-flight turns finish before cancelling them
    # (a cancelled turn's update stays stored and the next run answers it).
    shutdown_grace_seconds: float = 10.0

    # Deadline alerts
    alerts_coordinating_office: str = ""  # unit name(s), ";"-separated: escalations go there
    alerts_tick_seconds: int = 60  # how often the scheduler plans and drains

    @property
    def data_dir(self) -> Path:
        return self.planbot_data_dir

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.planbot_data_dir / 'planbot.sqlite3').resolve()}"

    @property
    def chroma_dir(self) -> Path:
        return self.planbot_data_dir / "chroma"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
