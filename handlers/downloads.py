"""Short-lived download links for files a channel cannot carry (Zalo: exports, charts).

A link names a file under the data directory, the person it is for and an expiry,
signed with HMAC-SHA256: ``/tai/<name>?f=<path>&u=<who>&e=<unix>&s=<sig>``. The
webhook app (``bot.webhooks``) serves it only while the signature matches and
the time has not passed, so a forwarded link made out to another person, or an
old one, is refused. The key is ``PLANBOT_DOWNLOAD_SECRET`` or, by default, a
random key kept in the data directory (stable across restarts and workers).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from storage.settings import Settings

PATH = "/tai"
KEY_FILE = "download.key"
SERVED_DIRS = ("exports", "charts")  # only these folders of the data dir are ever served


@dataclass(frozen=True)
class Link:
    url: str
    expires_at: float  # unix seconds


def _key(settings: Settings) -> bytes:
    if settings.planbot_download_secret:
        return settings.planbot_download_secret.encode()
    path = settings.data_dir / KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{secrets.token_hex(4)}")
        tmp.write_text(secrets.token_hex(32))
        try:
            tmp.rename(path) if not path.exists() else tmp.unlink()
        except OSError:
            tmp.unlink(missing_ok=True)
    return path.read_text().strip().encode()


def _sign(settings: Settings, rel: str, who: str, expires: int) -> str:
    msg = f"{rel}\n{who}\n{expires}".encode()
    return hmac.new(_key(settings), msg, hashlib.sha256).hexdigest()


def available(settings: Settings) -> bool:
    return bool(settings.planbot_public_url)


def make_link(settings: Settings, file: Path, who: str, now: float | None = None) -> Link | None:
    """A signed link to ``file`` (under the data dir) for ``who``; None without a public URL."""
    if not settings.planbot_public_url:
        return None
    rel = file.resolve().relative_to(settings.data_dir.resolve()).as_posix()
    expires = int((now or time.time()) + settings.planbot_link_minutes * 60)
    query = urlencode({"f": rel, "u": who, "e": expires, "s": _sign(settings, rel, who, expires)})
    base = settings.planbot_public_url.rstrip("/")
    return Link(f"{base}{PATH}/{quote(file.name)}?{query}", float(expires))


def resolve(
    settings: Settings, rel: str, who: str, expires: str, sig: str, now: float | None = None
) -> Path | None:
    """The file a link names, or None when it is forged, made out to another, or expired."""
    if not expires.isdigit() or int(expires) < (now or time.time()):
        return None
    if not hmac.compare_digest(_sign(settings, rel, who, int(expires)), sig):
        return None
    root = settings.data_dir.resolve()
    path = (root / rel).resolve()
    if not path.is_relative_to(root) or path.relative_to(root).parts[0] not in SERVED_DIRS:
        return None
    return path if path.is_file() else None
