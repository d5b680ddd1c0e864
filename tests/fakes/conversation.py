"""One way to talk to the bot on every channel, for the shared conversation suite.

A ``Conversation`` runs the real adapter of one channel against its fake platform
(Telegram: python-telegram-bot polling the fake Bot API; Zalo Bot: our client
polling the fake Zalo Bot API; Zalo OA: signed webhooks into the real webhook app,
answers through the fake OA API). The suite says what a person does (``say``,
``press`` a button by its label — typed as its number where a channel has no
buttons) and reads what came back, the same way on every channel.

Deadline alerts: ``send_alerts(now)`` is one scheduler tick at a fixed local
``now`` (``handlers.alerts.queue_due``) and the outbox sender draining it with the
send window as at ``now`` (``bot.scheduler.alert_hold``); what arrived is read
with ``received(user)``. Conversations made on the same ``tmp_path`` share one
database, so a person can be linked on two channels (``also=`` routes through
both adapters).
"""

from __future__ import annotations

import asyncio
import itertools
import re
import time
from collections.abc import Callable
from contextlib import AsyncExitStack
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from bot.webhooks import build_app
from fakes.channel import polling
from fakes.chat import stubbed_services
from fakes.telegram_api import TOKEN as TG_TOKEN
from fakes.telegram_api import FakeTelegram
from fakes.zalo_bot_api import TOKEN as ZB_TOKEN
from fakes.zalo_bot_api import FakeZaloBot
from fakes.zalo_oa_api import APP_ID, APP_SECRET, OA_SECRET, FakeZaloOA, oa_event, sign
from handlers.dispatcher import Dispatcher
from handlers.services import Services

if TYPE_CHECKING:
    from handlers.alerts import QueueResult

PUBLIC_URL = "https://bot.test"
SETTLE = 0.05  # seconds without a new message once no turn or reply is pending
CHANNELS = ("telegram", "zalo_bot", "zalo_oa")


class Conversation:
    channel = ""
    fake_class: type[Any] = object

    def __init__(self, tmp_path: Path, clock: Callable[[], Any]) -> None:
        self.fake: Any = self.fake_class()
        self.fake.__enter__()
        self.tmp_path = tmp_path
        self.clock = clock
        self.stack = AsyncExitStack()
        self.services: Services
        self.adapter: Any = None
        self._ids = itertools.count(1)
        self.seen: dict[str, int] = {}

    # --- to implement per channel ---------------------------------------------------

    def settings(self) -> dict[str, Any]:
        raise NotImplementedError

    async def _run(self, services: Services) -> None:
        """Start the adapter (its exit registered on ``self.stack``)."""
        raise NotImplementedError

    async def _push(self, user: str, text: str) -> None:
        raise NotImplementedError

    def chat(self, user: str) -> str:
        """The person's chat id on this channel."""
        raise NotImplementedError

    async def _press(self, user: str, label: str) -> None:
        """Buttonless channels: type the number of the labelled line of the last menu."""
        for text in self.messages(user)[-1:]:  # typed numbers pick from the latest menu only
            found = re.search(rf"^(\d+)\. {re.escape(label)}", text, re.M)
            if found:
                await self._push(user, found.group(1))
                return
        raise AssertionError(f"no menu line {label!r} for {user}")

    def messages(self, user: str) -> list[str]:
        raise NotImplementedError

    def options(self, user: str) -> list[str]:
        """The labels of the last menu (buttons, or numbered lines)."""
        last = self.messages(user)[-1]
        return re.findall(r"^\d+\. (.*)$", last, re.M)

    def photos(self, user: str) -> list[Any]:
        return []

    def documents(self, user: str) -> list[tuple[str, bytes]]:
        return []

    # --- shared -----------------------------------------------------------------------

    def make_services(self) -> Services:
        services = stubbed_services(self.tmp_path, planbot_public_url=PUBLIC_URL, **self.settings())
        services.clock = self.clock
        return services

    async def __aenter__(self) -> Conversation:
        self.services = self.make_services()
        await self._run(self.services)
        return self

    async def __aexit__(self, *exc: object) -> None:
        try:
            await self.stack.aclose()
        finally:
            self.fake.__exit__(None, None, None)

    async def restart(self) -> None:
        """Stop the adapter and start a new process's worth of objects on the same data."""
        await self.stack.aclose()
        self.stack = AsyncExitStack()
        self.services = self.make_services()
        await self._run(self.services)

    async def say(self, user: str, text: str) -> list[str]:
        await self._push(user, text)
        return await self._new(user)

    async def press(self, user: str, label: str) -> list[str]:
        await self._press(user, label)
        return await self._new(user)

    async def _new(self, user: str, timeout: float = 10) -> list[str]:
        """The messages this turn produced: wait for the first, then for quiet."""
        before = self.seen.get(user, 0)
        deadline = time.monotonic() + timeout
        count, quiet_since = before, time.monotonic()
        while time.monotonic() < deadline:
            now = len(self.messages(user)) + len(self.photos(user)) + len(self.documents(user))
            if now != count:
                count, quiet_since = now, time.monotonic()
            elif count > before and time.monotonic() - quiet_since >= SETTLE and not self._busy():
                break
            await asyncio.sleep(0.02)
        else:
            raise AssertionError(f"no reply for {user} on {self.channel}")
        texts = self.messages(user)
        new = texts[self.seen.get(f"t:{user}", 0) :]
        self.seen[user] = count
        self.seen[f"t:{user}"] = len(texts)
        return new

    def _busy(self) -> bool:
        """An update not yet answered, or a reply not yet sent, on this channel."""
        from sqlalchemy import func, select

        from storage.models import ChannelUpdate, OutboxMessage

        with self.services.db.session() as session:
            updates = session.scalar(
                select(func.count())
                .select_from(ChannelUpdate)
                .where(
                    ChannelUpdate.channel == self.channel,
                    ChannelUpdate.status.in_(("received", "handling")),
                )
            )
            replies = session.scalar(
                select(func.count())
                .select_from(OutboxMessage)
                .where(
                    OutboxMessage.channel == self.channel,
                    OutboxMessage.kind == "reply",
                    OutboxMessage.status.in_(("pending", "sending")),
                )
            )
        return bool(updates or replies)

    def received(self, user: str) -> list[str]:
        """The messages that arrived since the last read, without waiting (after a
        synchronous drain such as ``send_alerts``)."""
        texts = self.messages(user)
        new = texts[self.seen.get(f"t:{user}", 0) :]
        self.seen[user] = len(texts) + len(self.photos(user)) + len(self.documents(user))
        self.seen[f"t:{user}"] = len(texts)
        return new

    async def send_alerts(self, now: datetime, *also: Conversation) -> QueueResult:
        """One scheduler tick at ``now`` (local, naive; a scheduler that ticked a
        minute before, so nothing is caught up), then the outbox drained by a sender
        through this channel's adapter and those of ``also``, holding alerts outside
        their send window as at ``now``."""
        from bot.ratelimit import Pacer
        from bot.routing import DeliveryRouter
        from bot.scheduler import alert_hold
        from bot.sender import OutboxSender
        from handlers.alerts import queue_due

        settings = self.services.settings
        with self.services.db.session() as session:
            office = settings.alerts_coordinating_office
            result = queue_due(session, now, coordinating_office=office, since=now)
        base = self.adapter._sender()  # its worker id: our replies are never "recovered"
        adapters = {self.channel: self.adapter, **{c.channel: c.adapter for c in also}}
        window = timedelta(hours=settings.zalo_oa_window_hours)
        sender = OutboxSender(
            self.services.db,
            DeliveryRouter(self.services.db, adapters, window),
            base.worker,
            base.alive,
            pacer=Pacer(per_chat_interval=0.01),
            hold=alert_hold(self.services.db, lambda: now),
        )
        busy = True
        while busy:  # held messages queue notes to the admins' channels: drain those too
            busy = False
            for channel in adapters:
                while await sender.drain_once(channel):
                    busy = True
        return result

    async def wait_for(self, user: str) -> list[str]:
        """Messages pushed to ``user`` outside their own turn (a review's outcome): the
        outbox drained as the runtime's sender loop would."""
        sender = self.adapter._sender()
        while await sender.drain_once(self.channel):
            pass
        return await self._new(user)

    async def fetch(self, url: str) -> httpx.Response:
        """GET a download link through the real webhook app."""
        app = build_app(self.services.settings, {})
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=PUBLIC_URL) as client:
            return await client.get(url.removeprefix(PUBLIC_URL))


class TelegramConversation(Conversation):
    channel = "telegram"
    fake_class = FakeTelegram

    def __init__(self, tmp_path: Path, clock: Callable[[], Any]) -> None:
        super().__init__(tmp_path, clock)
        self.users: dict[str, int] = {}

    def settings(self) -> dict[str, Any]:
        return {
            "telegram_bot_token": TG_TOKEN,
            "telegram_api_base_url": self.fake.url,
            "telegram_poll_timeout": 1,
            "telegram_chat_rate": 50,  # per-chat pacing has its own tests: keep turns quick
        }

    async def _run(self, services: Services) -> None:
        from bot.telegram.adapter import TelegramAdapter

        adapter = TelegramAdapter(services.db, Dispatcher(services), services.settings)
        self.adapter = adapter
        await self.stack.enter_async_context(polling(adapter))

    def uid(self, user: str) -> int:
        return self.users.setdefault(user, 1000 + len(self.users))

    def chat(self, user: str) -> str:
        return str(self.uid(user))

    async def _push(self, user: str, text: str) -> None:
        self.fake.push_text(self.uid(user), text, name=user)

    async def _press(self, user: str, label: str) -> None:
        for params in reversed(self.fake.sent("sendMessage", self.uid(user))):
            markup = params.get("reply_markup") or {}
            for row in markup.get("inline_keyboard", []) if isinstance(markup, dict) else []:
                for button in row:
                    if button.get("text") == label:
                        self.fake.push_callback(self.uid(user), button["callback_data"], user)
                        return
        raise AssertionError(f"no button {label!r} for {user}")

    def options(self, user: str) -> list[str]:
        last = self.fake.sent("sendMessage", self.uid(user))[-1].get("reply_markup") or {}
        return [b["text"] for row in last.get("inline_keyboard", []) for b in row]

    def messages(self, user: str) -> list[str]:
        uid = self.uid(user)
        out = self.fake.texts(uid)
        out += [str(p.get("caption") or "") for p in self.fake.sent("sendDocument", uid)]
        return out

    def photos(self, user: str) -> list[Any]:
        return [p["photo"] for p in self.fake.sent("sendPhoto", self.uid(user))]

    def documents(self, user: str) -> list[tuple[str, bytes]]:
        docs = self.fake.sent("sendDocument", self.uid(user))
        return [(str(d.get("document_name") or ""), d["document"]) for d in docs]


class ZaloBotConversation(Conversation):
    channel = "zalo_bot"
    fake_class = FakeZaloBot

    def settings(self) -> dict[str, Any]:
        return {
            "zalo_bot_token": ZB_TOKEN,
            "zalo_bot_api_base_url": self.fake.url,
            "zalo_bot_poll_timeout": 1,
        }

    async def _run(self, services: Services) -> None:
        from bot.zalo_bot.adapter import ZaloBotAdapter

        adapter = ZaloBotAdapter(services.db, Dispatcher(services), services.settings)
        self.adapter = adapter
        await self.stack.enter_async_context(polling(adapter))

    async def _push(self, user: str, text: str) -> None:
        self.fake.push_text(self.chat(user), text)

    def chat(self, user: str) -> str:
        return f"zb-{user}"

    def messages(self, user: str) -> list[str]:
        return self.fake.texts(f"zb-{user}")

    def photos(self, user: str) -> list[Any]:
        return [p["photo"] for p in self.fake.sent("sendPhoto", f"zb-{user}")]


class ZaloOAConversation(Conversation):
    channel = "zalo_oa"
    fake_class = FakeZaloOA
    client: httpx.AsyncClient | None = None

    def settings(self) -> dict[str, Any]:
        return {
            "zalo_oa_app_id": APP_ID,
            "zalo_oa_secret_key": OA_SECRET,
            "zalo_oa_app_secret": APP_SECRET,
            "zalo_oa_access_token": "tok-1",
            "zalo_oa_refresh_token": "ref-1",
            "zalo_oa_api_base_url": self.fake.url,
            "zalo_oa_oauth_base_url": self.fake.url,
        }

    async def _run(self, services: Services) -> None:
        from bot.zalo_oa.adapter import ZaloOAAdapter

        adapter = ZaloOAAdapter(services.db, Dispatcher(services), services.settings)
        self.adapter = adapter
        self.stack.push_async_callback(adapter.stop)
        app = build_app(services.settings, {"zalo_oa": adapter})
        transport = httpx.ASGITransport(app=app)
        self.client = await self.stack.enter_async_context(
            httpx.AsyncClient(transport=transport, base_url="http://oa.test")
        )

    async def _push(self, user: str, text: str) -> None:
        assert self.client is not None
        body = oa_event(
            self.chat(user), text, f"msg-{next(self._ids)}", str(int(time.time() * 1000))
        )
        headers = {"Content-Type": "application/json", "X-ZEvent-Signature": sign(body)}
        response = await self.client.post("/webhook/zalo_oa", content=body, headers=headers)
        assert response.status_code == 200

    def chat(self, user: str) -> str:
        return f"oa-{user}"

    def messages(self, user: str) -> list[str]:
        return self.fake.texts(self.chat(user))

    def photos(self, user: str) -> list[Any]:
        return self.fake.photos(self.chat(user))


KINDS: dict[str, type[Conversation]] = {
    "telegram": TelegramConversation,
    "zalo_bot": ZaloBotConversation,
    "zalo_oa": ZaloOAConversation,
}
