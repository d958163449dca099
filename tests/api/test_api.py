"""The LibreTranslate-compatible API against a real uvicorn server on 127.0.0.1 (in a thread),
spoken to by a client nobody here wrote (PyPI ``libretranslatepy``) and by plain HTTP.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from workbench.api import Limits, Service, load_keys
from workbench.api.http import create_app
from workbench.api.server import check_binding, serve_in_thread
from workbench.cli.main import cli
from workbench.errors import ConfigError, InputError
from workbench.memory import TranslationMemory
from workbench.pipeline.document import add_document
from workbench.store.sqlite import Store
from workbench.testing import FakeTranslator
from workbench.text.read import read_text
from workbench.translate.engine import open_translator

libretranslatepy = pytest.importorskip(
    "libretranslatepy", reason="needs libretranslatepy (pip install libretranslatepy)"
)

ARABIC = "قال الوزير إن الاجتماع ناجح. وأضاف أن العمل مستمر؟\nوختم بالشكر."
EXPECTED = "EN: قال الوزير إن الاجتماع ناجح. EN: وأضاف أن العمل مستمر؟\nEN: وختم بالشكر."
KEY = "k-0123456789"


def _lower(headers: Any) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items()}


def post(url: str, body: dict[str, Any]) -> tuple[int, dict[str, str], Any]:
    """POST JSON; (status, headers, decoded JSON) also for error statuses."""
    request = urllib.request.Request(
        url, json.dumps(body).encode(), {"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, _lower(answer.headers), json.loads(answer.read())
    except urllib.error.HTTPError as err:
        return err.code, _lower(err.headers), json.loads(err.read())


@pytest.fixture
def fake() -> FakeTranslator:
    return FakeTranslator()


@pytest.fixture
def url(fake: FakeTranslator, tmp_path: Path) -> Iterator[str]:
    service = Service(fake, store=Store(tmp_path / "wb.db"), limits=Limits(max_chars=500))
    with serve_in_thread(create_app(service)) as base:
        yield base


def test_libretranslatepy_client(url: str) -> None:
    client = libretranslatepy.LibreTranslateAPI(url)
    assert client.translate(ARABIC, "ar", "en") == EXPECTED  # form-encoded, as it sends it
    assert client.languages()[0] == {"code": "ar", "name": "Arabic", "targets": ["en"]}
    detected = client.detect("هذا نص عربي")
    assert detected[0]["language"] == "ar" and detected[0]["confidence"] == 100.0
    assert client.detect("This is English")[0]["language"] == "en"


def test_json_lists_html_and_the_standin_label(url: str, fake: FakeTranslator) -> None:
    status, headers, body = post(
        f"{url}/translate", {"q": [ARABIC, "نص ثان"], "source": "ar", "target": "en"}
    )
    assert status == 200 and body["translatedText"] == [EXPECTED, "EN: نص ثان"]
    assert body["model"]["standin"] is True and "NOT a translation" in body["model"]["notice"]
    assert headers["x-workbench-standin"] == "true" and headers["x-workbench-model"] == "fake"
    html = '<p class="x">مرحبا &amp; أهلا</p><script>var a = "نص";</script><br/>2024'
    status, _, body = post(
        f"{url}/translate", {"q": html, "source": "ar", "target": "en", "format": "html"}
    )
    assert body["translatedText"] == (
        '<p class="x">EN: مرحبا &amp; أهلا</p><script>var a = "نص";</script><br/>2024'
    )
    status, _, body = post(f"{url}/translate", {"q": "مرحبا", "source": "auto", "target": "en"})
    assert body["detectedLanguage"] == {"language": "ar", "confidence": 100.0}
    # Identical sentences are translated once, and the cache answers them the next time.
    before = len(fake.texts)
    post(f"{url}/translate", {"q": ARABIC, "source": "ar", "target": "en"})
    assert len(fake.texts) == before


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        ({"source": "ar", "target": "en"}, 400, "Invalid request: missing q parameter"),
        ({"q": "نص", "target": "en"}, 400, "Invalid request: missing source parameter"),
        ({"q": "نص", "source": "fr", "target": "en"}, 400, "'fr' is not a supported source"),
        ({"q": "نص", "source": "ar", "target": "de"}, 400, "'de' is not a supported target"),
        ({"q": "  ", "source": "ar", "target": "en"}, 400, "Invalid request: empty text"),
        ({"q": "نص", "source": "ar", "target": "en", "format": "pdf"}, 400, "'pdf' is not"),
        ({"q": "نص", "source": "ar", "target": "en", "alternatives": 9}, 400, "between 0 and 3"),
        ({"q": "ن" * 501, "source": "ar", "target": "en"}, 413, "exceeds the text limit (500)"),
        ({"q": "Hello there", "source": "auto", "target": "en"}, 400, "is not Arabic"),
        ({"q": 5, "source": "ar", "target": "en"}, 400, "q must be a string"),
    ],
)
def test_errors_have_libretranslate_shapes(
    url: str, body: dict[str, Any], status: int, error: str
) -> None:
    got, headers, answer = post(f"{url}/translate", body)
    assert got == status and set(answer) == {"error"} and error in answer["error"]
    assert headers["x-workbench-standin"] == "true"


def test_engine_failure_is_a_500_without_traceback(url: str, fake: FakeTranslator) -> None:
    fake.queue_outputs(RuntimeError("CUDA out of memory at /secret/path"))
    status, headers, answer = post(f"{url}/translate", {"q": "نص", "source": "ar", "target": "en"})
    assert status == 500 and answer == {
        "error": "Internal error: RuntimeError; the server log has the details"
    }
    assert headers["x-workbench-standin"] == "true"


def test_bad_json_and_oversized_body(url: str) -> None:
    request = urllib.request.Request(
        f"{url}/translate", b"{not json", {"Content-Type": "application/json"}
    )
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request, timeout=10)
    assert err.value.code == 400 and "not valid JSON" in json.loads(err.value.read())["error"]
    status, _, answer = post(f"{url}/translate", {"q": "x", "pad": "y" * 70_000})
    assert status == 413 and "exceeds" in answer["error"]


def test_keys_and_rate_limit(tmp_path: Path, fake: FakeTranslator) -> None:
    keys_file = tmp_path / "keys"
    keys_file.write_text(f"# newsroom scripts\n{KEY}\nk-limited-key 2\n", encoding="utf-8")
    keys = load_keys(keys_file)
    service = Service(fake, limits=Limits(per_minute=3))
    with serve_in_thread(create_app(service, keys)) as base:
        body = {"q": "نص", "source": "ar", "target": "en"}
        assert post(f"{base}/translate", body)[2] == {"error": "Invalid API key"}
        assert post(f"{base}/translate", {**body, "api_key": "wrong-key-123"})[0] == 403
        client = libretranslatepy.LibreTranslateAPI(base, api_key=KEY)
        assert [client.translate("نص", "ar", "en") for _ in range(3)] == ["EN: نص"] * 3
        status, _, answer = post(f"{base}/translate", {**body, "api_key": KEY})
        assert (status, answer) == (429, {"error": "Slowdown: 3 per 1 minute"})
        limited = {**body, "api_key": "k-limited-key"}
        assert [post(f"{base}/translate", limited)[0] for _ in range(3)] == [200, 200, 429]
        assert client.languages()[0]["code"] == "ar"  # open, and not counted


def test_keys_file_errors_and_binding(tmp_path: Path) -> None:
    bad = tmp_path / "keys"
    bad.write_text("good-key-12345\nkey with spaces\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"keys, line 2: is not `KEY"):
        load_keys(bad)
    check_binding("127.0.0.1", False)
    check_binding("::1", False)
    with pytest.raises(ConfigError, match="--api-keys FILE"):
        check_binding("0.0.0.0", False)
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 1 and "--api-keys FILE" in result.output
    assert "Traceback" not in result.output


def test_align(url: str) -> None:
    body = {
        "source": ["الجملة الأولى هنا.", "الثانية.", "والثالثة 2024."],
        "target": ["The first sentence here.", "The second.", "And the third 2024."],
    }
    status, _, answer = post(f"{url}/align", body)
    assert status == 200 and answer["model"]["standin"] is True
    assert "without machine translation" in answer["notes"][0]
    covered = sorted(i for link in answer["links"] for i in link["src"])
    assert covered == [0, 1, 2]
    helped = {**body, "translation": ["The first sentence here.", "Second.", "The third 2024."]}
    status, _, answer = post(f"{url}/align", helped)
    assert [(link["src"], link["tgt"]) for link in answer["links"]] == [
        ([0], [0]),
        ([1], [1]),
        ([2], [2]),
    ]
    assert answer["notes"] == []
    status, _, answer = post(f"{url}/align", {"source": 3, "target": []})
    assert status == 400 and "source must be" in answer["error"]


def test_translation_memory_answers_first(tmp_path: Path, fake: FakeTranslator) -> None:
    store = Store(tmp_path / "wb.db")
    doc_id = add_document(store, read_text("قال الوزير إن الاجتماع ناجح.\n", name="d"))[0]
    seg = store.segments(doc_id)[0]
    store.save_edit(seg.id, "The minister said the meeting went well.", seg.version, confirm=True)
    service = Service(fake, store=store, memory=TranslationMemory.of_store(store))
    with serve_in_thread(create_app(service)) as base:
        q = ["قال الوزير إن الاجتماع ناجح. وأضاف أن العمل مستمر.", "نص آخر"]
        status, _, answer = post(f"{base}/translate", {"q": q, "source": "ar", "target": "en"})
    assert status == 200 and answer["fromMemory"] == [1, 0]
    assert answer["translatedText"] == [
        "The minister said the meeting went well. EN: وأضاف أن العمل مستمر.",
        "EN: نص آخر",
    ]
    assert "قال الوزير إن الاجتماع ناجح." not in fake.texts  # never sent to the model


def test_real_engine_alternatives_and_verbatim(tiny_model_dir: Path, tmp_path: Path) -> None:
    service = Service(open_translator(tiny_model_dir), store=Store(tmp_path / "wb.db"))
    with serve_in_thread(create_app(service)) as base:
        text = "زوروا https://example.com/a?b=1 اليوم"
        body = {"q": text, "source": "ar", "target": "en", "alternatives": 2}
        status, headers, answer = post(f"{base}/translate", body)
    assert status == 200 and headers["x-workbench-model"] == "tiny"
    assert "https://example.com/a?b=1" in answer["translatedText"]
    assert len(answer["alternatives"]) == 2
    assert answer["model"]["standin"] is True and answer["model"]["kind"] == "tiny"


def test_short_load(fake: FakeTranslator, tmp_path: Path) -> None:
    """8 clients for 3 s: every request answered, every answer right (bench/api_load.py runs 30 s)."""
    service = Service(fake, store=Store(tmp_path / "wb.db"), limits=Limits(per_minute=10**6))
    with serve_in_thread(create_app(service)) as url:
        answers = _load(url, seconds=3)
    wrong = [status for status, ok, _ in answers if not ok]
    assert answers and not wrong, wrong[:5]


def _load(url: str, seconds: float) -> list[tuple[int, bool, float]]:
    answers: list[tuple[int, bool, float]] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(n: int) -> None:
        k = 0
        while time.monotonic() < stop:
            q = f"الخبر رقم {n} {k}."
            start = time.perf_counter()
            status, _, body = post(f"{url}/translate", {"q": q, "source": "ar", "target": "en"})
            ok = status == 200 and body["translatedText"] == f"EN: {q}"
            with lock:
                answers.append((status, ok, time.perf_counter() - start))
            k += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers
