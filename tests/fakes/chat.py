"""Helpers for chat tests: a database in a temp dir, linked users, plan rows."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from handlers.dispatcher import Dispatcher
from handlers.messages import Incoming, Reply, Sender
from handlers.services import NullIO, Result, Services
from knowledge.answer.api import Answer
from storage import chat, repositories
from storage.db import Database
from storage.models import Document, TaskDeadline, TaskRow, TaskUnit
from storage.settings import Settings

NOW = datetime(2026, 3, 10, 9, 0)


def make_services(tmp_path: Path, **settings: Any) -> Services:
    s = Settings(planbot_data_dir=tmp_path / "data", **settings)
    db = Database.from_settings(s)
    return Services(db, s, clock=lambda: NOW)


def stubbed_services(tmp_path: Path, **settings: Any) -> Services:
    """Services whose answer engine is a ``StubEngine`` (channel tests do not test answers)."""
    s = make_services(tmp_path, **settings)
    s._engine = StubEngine()  # type: ignore[assignment]
    return s


def telegram_services(tmp_path: Path, api_url: str, **settings: Any) -> Services:
    """Stubbed services with Telegram pointed at a fake Bot API (1 s long polls)."""
    from fakes.telegram_api import TOKEN

    return stubbed_services(
        tmp_path,
        telegram_bot_token=TOKEN,
        telegram_api_base_url=api_url,
        telegram_poll_timeout=1,
        **settings,
    )


def database_with_leader(data_dir: Path, external_id: str, name: str = "Lan") -> Database:
    """A database in ``data_dir`` with one leader already linked on Telegram."""
    db = Database.from_settings(Settings(planbot_data_dir=data_dir))
    with db.session() as session:
        user = chat.create_user(session, name, "leader")
        chat.add_identity(session, user, "telegram", external_id, external_id, name)
    return db


class StubEngine:
    """Stands in for the answer engine (another area's work): records questions."""

    def __init__(self, answer: Answer | None = None) -> None:
        self.answer = answer or Answer(text="Sở Tư pháp chủ trì nhiệm vụ 3.18.")
        self.calls: list[dict[str, Any]] = []

    def ask(self, question: str, **kwargs: Any) -> Answer:
        self.calls.append({"question": question, **kwargs})
        return self.answer


class ChatUser:
    """One person on one channel, talking to a dispatcher."""

    def __init__(
        self, dispatcher: Dispatcher, external_id: str, channel: str = "telegram", name: str = ""
    ) -> None:
        self.dispatcher = dispatcher
        self.sender = Sender(channel, external_id, external_id, name or external_id)
        self.io = NullIO()
        self.last: Result = Result()

    def say(self, text: str = "", **kwargs: Any) -> list[str]:
        incoming = Incoming(sender=self.sender, text=text, **kwargs)
        self.last = self.dispatcher.handle(incoming, self.io)
        return [r.text for r in self.last.replies]

    def press(self, data: str) -> list[str]:
        return self.say(callback_data=data)

    @property
    def replies(self) -> list[Reply]:
        return self.last.replies


def invite(
    services: Services, role: str, unit: str | None = None, user_id: int | None = None
) -> str:
    with services.db.session() as session:
        unit_id = repositories.upsert_unit(session, unit).id if unit else None
        return chat.create_invite(session, role, unit_id, user_id=user_id).code


def linked(
    services: Services,
    dispatcher: Dispatcher,
    name: str,
    role: str,
    unit: str | None = None,
    channel: str = "telegram",
) -> ChatUser:
    user = ChatUser(dispatcher, name, channel, name)
    user.say(f"/start {invite(services, role, unit)}")
    return user


def add_task(
    services: Services,
    title: str,
    lead: str,
    due: date | None = None,
    *,
    number: str = "1",
    deadline_text: str = "",
    source: str = "KH-test.txt",
) -> int:
    with services.db.session() as session:
        doc = session.query(Document).filter_by(source_name=source).first()
        if doc is None:
            doc = Document(source_name=source, sha256="x" * 64, format="txt", title="Kế hoạch thử")
            session.add(doc)
            session.flush()
        ordinal = session.query(TaskRow).count() + 1
        task = TaskRow(
            document_id=doc.id,
            identity=f"t{ordinal}",
            content_hash="h",
            ordinal=ordinal,
            number=number,
            title=title,
            deadline_text=deadline_text or (due.strftime("%d/%m/%Y") if due else ""),
            due_date=due,
        )
        session.add(task)
        session.flush()
        unit = repositories.upsert_unit(session, lead)
        session.add(TaskUnit(task_id=task.id, unit_id=unit.id, role="lead"))
        if due:
            session.add(TaskDeadline(task_id=task.id, due_date=due))
        return task.id
