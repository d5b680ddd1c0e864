"""The OpenAI-compatible embeddings backend against a local fake endpoint."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from answer_fixtures import PLAN_A, populate

from knowledge.retrieval.embeddings import HashEmbedder
from knowledge.retrieval.search import Searcher
from knowledge.retrieval.sync import sync_index
from storage.db import Database
from storage.settings import Settings


@pytest.fixture
def endpoint() -> Iterator[tuple[str, list[dict[str, object]]]]:
    calls: list[dict[str, object]] = []
    local = HashEmbedder(dim=32)  # stands in for a real model behind the API

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server naming
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            calls.append({"path": self.path, "auth": self.headers.get("Authorization"), **body})
            inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
            vectors = local.embed_documents(inputs)
            data = {
                "object": "list",
                "model": body["model"],
                "data": [
                    {"object": "embedding", "index": i, "embedding": v.tolist()}
                    for i, v in enumerate(vectors)
                ],
                "usage": {"prompt_tokens": 1, "total_tokens": 1},
            }
            raw = json.dumps(data).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1", calls
    server.shutdown()
    server.server_close()


def test_openai_compatible_embeddings_feed_vector_search(
    endpoint: tuple[str, list[dict[str, object]]], tmp_path: Path
) -> None:
    url, calls = endpoint
    settings = Settings(
        planbot_data_dir=tmp_path / "data",
        retrieval_mode="vector",
        embedding_backend="openai",
        embedding_api_base=url,
        embedding_api_key="sk-test",
        embedding_model="test-embed",
        _env_file=None,  # type: ignore[call-arg]
    )
    settings.data_dir.mkdir(parents=True)
    db = Database(settings.sqlalchemy_url)
    db.migrate()
    populate(db)
    sync_index(db, settings)
    assert calls and calls[0]["path"] == "/v1/embeddings" and calls[0]["model"] == "test-embed"
    assert calls[0]["auth"] == "Bearer sk-test"
    hits = Searcher(db, settings).search("trien khai tro ly ao", k=3, kinds=["task"])
    assert hits[0].record.source == PLAN_A
    assert hits[0].record.display.startswith("Triển khai trợ lý ảo")
