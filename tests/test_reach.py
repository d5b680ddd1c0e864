"""Roles' reach, decided once (``handlers.access``) and applied to every task list.

The attack: a member asking in free text got another unit's task list, while
``/nhiemvu`` was scoped. Here the real answer engine answers a real conversation.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from answer_fixtures import populated_store
from fakes.chat import ChatUser, linked

from bot import texts
from handlers.dispatcher import Dispatcher
from handlers.services import Services

NOW = datetime(2026, 4, 10, 9, 0)
SNV_TASK = "Triển khai trợ lý ảo"  # led by Sở Nội vụ, due in quý II
STC_TASK = "Xây dựng dự toán"  # led by Sở Tài chính, due in quý IV


@pytest.fixture
def services(tmp_path: Path) -> Services:
    db, settings = populated_store(tmp_path / "data", embedding_backend="hash")
    return Services(db, settings, clock=lambda: NOW)


@pytest.fixture
def member(services: Services) -> ChatUser:
    return linked(services, Dispatcher(services), "m", "member", "Sở Tài chính")


def _text(user: ChatUser, question: str) -> str:
    return "\n".join(user.say(question))


def test_member_free_text_does_not_list_another_units_tasks(
    services: Services, member: ChatUser
) -> None:
    text = _text(member, "Sở Nội vụ có những nhiệm vụ nào đến hạn trong quý II?")
    assert text == texts.ANS_OUT_OF_REACH
    assert SNV_TASK not in _text(member, "SNV co bao nhieu nhiem vu")
    leader = linked(services, Dispatcher(services), "l", "leader")
    assert SNV_TASK in _text(leader, "Sở Nội vụ có những nhiệm vụ nào đến hạn trong quý II?")


def test_a_list_naming_no_unit_covers_only_the_members_unit(member: ChatUser) -> None:
    text = _text(member, "nhiệm vụ nào đến hạn trong năm 2026")
    assert STC_TASK in text and SNV_TASK not in text and "Rà soát văn bản" not in text


def test_a_follow_up_cannot_widen_the_reach(member: ChatUser) -> None:
    assert STC_TASK in _text(member, "Sở Tài chính có những nhiệm vụ nào đến hạn trong quý IV?")
    assert _text(member, "còn Sở Nội vụ thì sao?") == texts.ANS_OUT_OF_REACH


def test_member_without_unit_sees_no_list_but_plan_facts(services: Services) -> None:
    loose = linked(services, Dispatcher(services), "x", "member")
    assert _text(loose, "Sở Nội vụ có bao nhiêu nhiệm vụ?") == texts.ANS_OUT_OF_REACH
    assert loose.say("/nhiemvu") == [texts.CHAT_TASKS_NO_UNIT]
    # Questions about the plan's content stay open: the plan goes to every unit.
    assert "Sở Nội vụ" in _text(loose, "ai chủ trì triển khai trợ lý ảo")


def test_nhiemvu_and_free_text_agree(member: ChatUser) -> None:
    listed = "\n".join(member.say("/nhiemvu"))
    assert STC_TASK in listed and SNV_TASK not in listed
