"""Zalo OA webhook signatures.

Zalo signs each webhook with ``X-ZEvent-Signature: mac=<hex>`` where the hex is
SHA-256 over app id + raw JSON body + the body's ``timestamp`` + the OA secret key
(the Official Account's key, not the app secret).
"""

from __future__ import annotations

import hashlib
import hmac
import json


def compute(app_id: str, body: bytes, timestamp: str, oa_secret_key: str) -> str:
    material = app_id.encode() + body + timestamp.encode() + oa_secret_key.encode()
    return "mac=" + hashlib.sha256(material).hexdigest()


def verify(app_id: str, oa_secret_key: str, body: bytes, header: str | None) -> bool:
    if not header:
        return False
    try:
        timestamp = str(json.loads(body).get("timestamp", ""))
    except (ValueError, AttributeError):
        return False
    expected = compute(app_id, body, timestamp, oa_secret_key)
    given = header.strip()
    if not given.startswith("mac="):
        given = "mac=" + given
    return hmac.compare_digest(expected.encode(), given.encode())
