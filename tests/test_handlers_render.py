"""Splitting replies to platform limits and numbering menus."""

from __future__ import annotations

from handlers.messages import Button, Reply
from handlers.render import numbered, split_text


def _answer(lines: int) -> str:
    body = [
        f"{i}. Sở Tư pháp chủ trì rà soát thủ tục hành chính, hạn 30/06/2026." for i in range(lines)
    ]
    sources = [f"- KH-{i}.txt, Phụ lục, STT 3.{i}" for i in range(lines)]
    return "\n".join(["Có các nhiệm vụ sau:", *body, "Nguồn:", *sources])


def test_split_respects_limit_and_keeps_every_line_whole() -> None:
    text = _answer(80)
    for limit in (2000, 4096):
        chunks = split_text(text, limit)
        assert len(chunks) > 1
        assert all(len(c) <= limit for c in chunks)
        assert "\n".join(chunks).split("\n") == text.split("\n")  # no line cut or lost


def test_split_keeps_sources_heading_with_a_citation() -> None:
    text = _answer(40)
    for limit in range(300, 1200, 37):
        for chunk in split_text(text, limit):
            assert not chunk.rstrip().endswith("Nguồn:")


def test_short_text_is_one_chunk_and_long_line_is_cut_at_a_space() -> None:
    assert split_text("Xin chào", 2000) == ["Xin chào"]
    long_line = " ".join(["nhiệm vụ"] * 600)
    chunks = split_text(long_line, 2000)
    assert all(len(c) <= 2000 for c in chunks)
    assert all(not c.startswith(" ") and not c.endswith(" ") for c in chunks)
    assert " ".join(chunks) == long_line


def test_numbered_menu() -> None:
    reply = Reply(
        text="Chọn:", buttons=[[Button("Một", "/a"), Button("Hai", "/b")], [Button("Ba", "/c")]]
    )
    flat, choices = numbered(reply)
    assert flat.text == "Chọn:\n\n1. Một\n2. Hai\n3. Ba"
    assert choices == ["/a", "/b", "/c"]
    assert flat.buttons == []
