"""Declared conversation flows through the dispatcher: steps, numbered choices on a
channel without buttons, other commands while a flow runs, /huy, the timeout, and
a flow declared the way a guided report would be."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from fakes.chat import add_task, linked, stubbed_services

from bot import texts
from handlers import flows
from handlers.access import role_name
from handlers.dispatcher import Dispatcher
from handlers.errors import BadInput
from handlers.flows import END, Choice, Flow, FlowTurn, Step
from handlers.services import Services


@pytest.fixture
def services(tmp_path: Path) -> Services:
    return stubbed_services(tmp_path)


def test_invite_flow_with_numbered_choices_on_zalo(services: Services) -> None:
    add_task(services, "Nhiệm vụ A", "Sở Tư pháp")  # invites name a unit of a loaded plan
    admin = linked(services, Dispatcher(services), "z1", "admin", channel="zalo_bot")
    [menu] = admin.say("/admin invite")
    assert f"3. {role_name('head')}" in menu and not admin.replies[0].buttons
    [prompt] = admin.say("3")
    assert prompt.startswith(texts.CHAT_ADMIN_INVITE_UNIT)
    [created] = admin.say("Sở Tư pháp")
    assert "Đã tạo mã mời" in created and role_name("head") in created


def test_other_commands_leave_the_flow_where_it_was(services: Services) -> None:
    admin = linked(services, Dispatcher(services), "a1", "admin")
    admin.say("/admin merge")
    [help_text] = admin.say("/trogiup")
    assert "/nhiemvu" in help_text
    [bad] = admin.say("12")  # still asked for two unit ids: a bad answer keeps the step
    assert bad == texts.CHAT_ADMIN_MERGE_BAD
    assert admin.say("/huy") == [texts.CHAT_CANCELLED]
    assert admin.say("/huy") == [texts.CHAT_NOTHING_TO_CANCEL]


def test_a_flow_times_out(services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    admin = linked(services, Dispatcher(services), "a2", "admin")
    admin.say("/admin broadcast")
    later = datetime.utcnow() + timedelta(hours=2)  # noqa: DTZ003 - naive UTC, as flows
    monkeypatch.setattr(flows, "_utcnow", lambda: later)
    assert admin.say("Họp lúc 14h") == [texts.CHAT_FLOW_EXPIRED]
    assert not admin.last.pushes  # nothing was broadcast after the timeout


def test_a_declared_multi_step_flow_with_buttons_and_a_fallback(services: Services) -> None:
    """The shape a guided progress report takes: pick, choose with buttons, type, done."""

    def pick(ft: FlowTurn, value: str) -> str:
        ft.data["task"] = value
        return "percent"

    def percent(ft: FlowTurn, value: str) -> str:
        if value not in ("50", "100"):
            raise BadInput("Chọn 50 hoặc 100.")
        ft.data["percent"] = value
        return "note"

    def note(ft: FlowTurn, value: str) -> str:
        ft.say(f"Đã ghi: nhiệm vụ {ft.data['task']}, {ft.data['percent']}%, “{value}”.")
        return END

    def skip_note(ft: FlowTurn) -> str:
        ft.say(f"Đã ghi: nhiệm vụ {ft.data['task']}, {ft.data['percent']}%.")
        return END

    flows.register(
        Flow(
            "test_report",
            (
                Step(
                    "task",
                    prompt=lambda ft: "Nhiệm vụ nào?",
                    choices=lambda ft: [Choice("Nhiệm vụ 7", "7"), Choice("Nhiệm vụ 9", "9")],
                    on_input=pick,
                    typed=False,
                ),
                Step(
                    "percent",
                    prompt=lambda ft: "Hoàn thành bao nhiêu?",
                    choices=lambda ft: [Choice("50%", "50"), Choice("100%", "100")],
                    on_input=percent,
                ),
                Step("note", prompt=lambda ft: "Ghi chú?", on_input=note),
            ),
            entry_points=("/thubaocao",),
            fallbacks={"/boqua": skip_note},
        )
    )
    try:
        head = linked(services, Dispatcher(services), "h1", "head", "Sở Tư pháp")
        head.say("/thubaocao")
        tasks = {b.label: b.data for row in head.replies[0].buttons for b in row}
        assert head.say("nhiệm vụ 7") == [
            texts.CHAT_FLOW_CHOOSE,
            "Nhiệm vụ nào? " + texts.CHAT_CANCEL_HINT,
        ]
        head.press(tasks["Nhiệm vụ 7"])
        assert head.say("70") == ["Chọn 50 hoặc 100."]  # and the step stays
        head.say("100")
        assert head.say("/boqua") == ["Đã ghi: nhiệm vụ 7, 100%."]
        assert head.press(tasks["Nhiệm vụ 9"]) == [texts.CHAT_FLOW_STALE_BUTTON]
    finally:
        flows.REGISTRY.pop("test_report", None)
