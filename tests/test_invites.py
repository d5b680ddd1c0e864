"""One-time invite codes: one account per code however many redeem it at once,
failed attempts counted and audited, a wait after too many, codes that expire.

The attack: 4 users sending ``/start CODE`` in one batch, 10 codes -> 18 accounts.
Here the batch runs on real threads against a real SQLite file.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

from fakes.chat import ChatUser, invite, make_services

from bot import texts
from handlers.dispatcher import Dispatcher
from handlers.linking import FAILURE_WINDOW, MAX_FAILURES
from handlers.services import Services
from storage import chat
from storage.models import Identity, Invite, User

T0 = datetime(2026, 3, 10, 9, 0)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _services(tmp_path: Path, clock: Clock | None = None) -> Services:
    services = make_services(tmp_path)
    if clock is not None:
        services.clock = clock
    return services


def _redeem_at_once(dispatcher: Dispatcher, pairs: list[tuple[str, str]]) -> list[str]:
    """Every (person, code) sends ``/start CODE`` at the same instant."""
    barrier = threading.Barrier(len(pairs))

    def one(pair: tuple[str, str]) -> str:
        person, code = pair
        user = ChatUser(dispatcher, person, name=person)
        barrier.wait()
        return user.say(f"/start {code}")[0]

    with ThreadPoolExecutor(max_workers=len(pairs)) as pool:
        return list(pool.map(one, pairs))


def test_four_people_redeeming_one_code_at_once_make_one_account(tmp_path: Path) -> None:
    services = _services(tmp_path)
    code = invite(services, "member", "Sở Y tế")
    replies = _redeem_at_once(Dispatcher(services), [(f"p{i}", code) for i in range(4)])
    assert sum(r.startswith("Chào mừng") for r in replies) == 1
    assert sum(code in r for r in replies) == 3  # the others are told the code is used
    with services.db.session() as session:
        assert session.query(User).count() == 1
        assert session.query(Identity).count() == 1
        used = session.query(Invite).one()
        assert used.used_at is not None and used.used_by is not None


def test_ten_codes_times_four_people_make_ten_accounts(tmp_path: Path) -> None:
    services = _services(tmp_path)
    codes = [invite(services, "member", "Sở Y tế") for _ in range(10)]
    pairs = [(f"c{c}p{p}", code) for c, code in enumerate(codes) for p in range(4)]
    replies = _redeem_at_once(Dispatcher(services), pairs)
    assert sum(r.startswith("Chào mừng") for r in replies) == 10
    with services.db.session() as session:
        assert session.query(User).count() == 10
        assert session.query(Identity).count() == 10
        failed = chat.audit_entries(session, chat.INVITE_FAILED)
    assert len(failed) == 30 and {f.detail["reason"] for f in failed} == {"used"}


def test_five_failures_make_the_identity_wait_and_are_audited(tmp_path: Path) -> None:
    clock = Clock(T0)
    services = _services(tmp_path, clock)
    guesser = ChatUser(Dispatcher(services), "g1", name="Khách")
    for i in range(MAX_FAILURES):
        clock.now = T0 + timedelta(minutes=i)
        assert guesser.say(f"/start WRONG{i}") == [
            texts.CHAT_INVITE_INVALID.format(code=f"WRONG{i}")
        ]
    good = invite(services, "member", "Sở Y tế")
    clock.now = T0 + timedelta(minutes=5)
    [reply] = guesser.say(f"/start {good}")
    assert reply == texts.CHAT_INVITE_WAIT.format(minutes=5)  # even a good code waits
    with services.db.session() as session:
        failed = chat.audit_entries(session, chat.INVITE_FAILED)
        assert [f.detail["code"] for f in failed] == [f"WRONG{i}" for i in range(5)]
        assert {f.detail["external_id"] for f in failed} == {"g1"}
        assert {f.detail["reason"] for f in failed} == {"unknown"}
        assert chat.audit_entries(session, "invite.throttled")
        assert session.query(User).count() == 0
    other = ChatUser(Dispatcher(services), "g2", name="Người khác")
    assert other.say(f"/start {good}")[0].startswith("Chào mừng")  # others are not blocked
    clock.now = T0 + FAILURE_WINDOW + timedelta(minutes=1)  # the oldest failure aged out
    second = invite(services, "member", "Sở Y tế")
    assert guesser.say(f"/start {second}")[0].startswith("Chào mừng")


def test_failures_are_counted_per_code(tmp_path: Path) -> None:
    services = _services(tmp_path)
    code = invite(services, "member")
    dispatcher = Dispatcher(services)
    ChatUser(dispatcher, "first").say(f"/start {code}")
    for person in ("late1", "late2", "late3"):
        ChatUser(dispatcher, person).say(f"/start {code.lower()}")
    with services.db.session() as session:
        failed = chat.audit_entries(session, chat.INVITE_FAILED)
    assert [f.detail["code_failures_24h"] for f in failed] == [1, 2, 3]
    assert {f.detail["code"] for f in failed} == {code}


def test_codes_expire_after_the_setting(tmp_path: Path) -> None:
    clock = Clock(T0)
    services = _services(tmp_path, clock)
    with services.db.session() as session:
        default = chat.create_invite(session, "member", now=T0)
        assert default.expires_at == T0 + timedelta(days=services.settings.invite_valid_days)
        assert services.settings.invite_valid_days == 7
        code = default.code
    clock.now = T0 + timedelta(days=7, minutes=1)
    user = ChatUser(Dispatcher(services), "late")
    assert user.say(f"/start {code}") == [texts.CHAT_INVITE_INVALID.format(code=code)]
    with services.db.session() as session:
        [failed] = chat.audit_entries(session, chat.INVITE_FAILED)
        assert failed.detail["reason"] == "expired"
        assert session.query(User).count() == 0
