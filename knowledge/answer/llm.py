"""Optional LLM wording: the model rewrites a retrieved answer from its context only.

Used only when ``LLM_PROVIDER`` is "openai" (any OpenAI-compatible endpoint) or
"ollama". The model sees the numbered sources the extractive answer cites, must
cite them as [n], and must say KHÔNG_CÓ_THÔNG_TIN when they do not answer. Any
error, timeout, refusal to cite or empty reply keeps the extractive answer.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from knowledge import texts
from knowledge.answer.api import Answer, AnswerCitation
from knowledge.answer.compose import body_lines, nothing_found
from storage.settings import Settings

log = logging.getLogger(__name__)

NO_INFO = "KHÔNG_CÓ_THÔNG_TIN"
_REF = re.compile(r"\[(\d{1,2})\]")


def _chat_model(settings: Settings) -> Any:
    provider = settings.llm_provider.lower()
    if provider == "openai":
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(
            model=settings.llm_model or "gpt-4o-mini",
            base_url=settings.llm_base_url,
            api_key=settings.llm_api_key or "none",  # type: ignore[arg-type]
            timeout=settings.llm_timeout_seconds,
            max_retries=0,
            temperature=0,
        )
    if provider == "ollama":
        from langchain_ollama import ChatOllama

        return ChatOllama(
            model=settings.llm_model or "qwen2.5:7b",
            base_url=settings.llm_base_url,
            temperature=0,
            client_kwargs={"timeout": settings.llm_timeout_seconds},
        )
    raise ValueError(f"unknown LLM_PROVIDER {settings.llm_provider!r}")


def _body(answer: Answer) -> str:
    """The extractive reply without its sources."""
    return "\n".join(body_lines(answer))


def build_prompt(answer: Answer, question: str) -> list[tuple[str, str]]:
    lines = [f"[{i}] {c.source} — {c.locator}: {c.text}" for i, c in enumerate(answer.citations, 1)]
    context = "\n".join(lines) + f"\n\nDỮ LIỆU ĐÃ TRÍCH XUẤT:\n{_body(answer)}"
    user = f"NGỮ CẢNH:\n{context}\n\nCÂU HỎI: {question}"
    return [("system", texts.ANS_LLM_SYSTEM), ("human", user)]


def rewrite_with_llm(answer: Answer, question: str, settings: Settings) -> Answer:
    """The LLM's wording of ``answer`` with the sources it cites; ``answer`` itself on failure."""
    try:
        reply = _chat_model(settings).invoke(build_prompt(answer, question))
        content = str(getattr(reply, "content", "") or "").strip()
    except Exception as exc:  # noqa: BLE001 - any LLM failure falls back to the extractive answer
        log.warning("LLM unavailable, extractive answer kept: %s", exc)
        return answer
    if not content:
        return answer
    if NO_INFO in content:
        out = nothing_found(answer.intent)
        out.context = answer.context
        return out
    cited = [int(n) for n in _REF.findall(content)]
    kept: list[AnswerCitation] = []
    for n in cited:
        if 1 <= n <= len(answer.citations) and answer.citations[n - 1] not in kept:
            kept.append(answer.citations[n - 1])
    if not kept:  # an uncited reply is not trusted
        log.info("LLM reply cited nothing; extractive answer kept")
        return answer
    return Answer(
        text=content,
        citations=kept,
        intent=answer.intent,
        context=answer.context,
        options=answer.options,
    )
