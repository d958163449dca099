"""Load on the HTTP API (`workbench serve`): N clients for S seconds; not a test.

    python bench/api_load.py [--clients 8] [--seconds 30] [--model DIR] [--texts FILE]

A real `workbench serve` process on 127.0.0.1 (a fresh store, so the cache starts cold; no rate
limit) and N client threads, each posting one Arabic sentence at a time (FLORES dev, or the seed
article's sentences, or --texts, a sentence a line) in its own order, so some sentences repeat
across clients and come from the cache. Afterwards every distinct sentence is translated again by
the library in this process, one text per call, single-threaded, from no cache: each answer must
equal it. Prints what was sent and answered (nothing may be lost), wrong answers, throughput,
latency p50/p95/max, and the library's own single-threaded rate beside the server's.
The default model is the tiny test model (built in a temporary folder): a model with real
weights makes every figure slower, not the checks different.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_ec79a99fe1463192.txt"


def _texts(path: Path | None) -> list[str]:
    from workbench.config import Settings
    from workbench.text.read import read_file
    from workbench.text.segment import segment_text

    if path is None:
        flores = Settings.from_env().shared_dir / "data" / "flores101-dev" / "flores-dev.ar"
        path = flores if flores.is_file() else None
    if path is not None:
        return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    doc = read_file(SEED)
    return [s.text for s in segment_text(doc.text, doc.blocks) if s.kind == "prose"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(model: Path, home: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {**os.environ, "WORKBENCH_HOME": str(home), "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "workbench", "serve", "--port", str(port), "--model"]
    proc = subprocess.Popen(
        [*command, str(model), "--per-minute", "100000000", "--max-chars", "100000"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"{url}/languages", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    raise SystemExit("workbench serve did not start")


def _client(
    url: str, texts: list[str], start: int, stop: float, out: list[tuple[str, object, float]]
) -> None:
    k = start
    while time.monotonic() < stop:
        text = texts[k % len(texts)]
        body = json.dumps({"q": text, "source": "ar", "target": "en"}).encode()
        request = urllib.request.Request(
            f"{url}/translate", body, {"Content-Type": "application/json"}
        )
        began = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=120) as answer:
                result: object = json.loads(answer.read())["translatedText"]
        except (OSError, ValueError, KeyError) as err:
            result = err
        out.append((text, result, time.perf_counter() - began))
        k += 7  # each client walks the texts in its own order


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--texts", type=Path, default=None)
    args = parser.parse_args()
    texts = _texts(args.texts)
    with tempfile.TemporaryDirectory() as tmp:
        model = args.model
        if model is None:
            sys.path.insert(0, str(REPO / "tests"))
            from conftest_models import build_tiny_model

            model = build_tiny_model(Path(tmp) / "tiny-ar-en")
        proc, url = _start(model, Path(tmp) / "home")
        results: list[list[tuple[str, object, float]]] = [[] for _ in range(args.clients)]
        stop = time.monotonic() + args.seconds
        threads = [
            threading.Thread(
                target=_client, args=(url, texts, n * len(texts) // args.clients, stop, results[n])
            )
            for n in range(args.clients)
        ]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - began
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        _report(model, [r for rs in results for r in rs], elapsed, args.clients)


def _report(
    model: Path, answers: list[tuple[str, object, float]], elapsed: float, clients: int
) -> None:
    from workbench.pipeline.texts import translate_texts
    from workbench.translate.engine import open_translator

    translator = open_translator(model)
    distinct = list(dict.fromkeys(text for text, _, _ in answers))
    began = time.perf_counter()
    reference = {text: translate_texts([text], translator)[0].text for text in distinct}
    library_rate = len(distinct) / (time.perf_counter() - began)
    lost = [r for _, r, _ in answers if isinstance(r, BaseException)]
    wrong = [t for t, r, _ in answers if not isinstance(r, BaseException) and r != reference[t]]
    latencies = sorted(ms * 1000 for _, _, ms in answers)
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)]
    rate = len(answers) / elapsed
    print(f"model: {model.name} ({translator.model_name}, standin={translator.is_standin})")
    print(
        f"{clients} clients for {elapsed:.1f} s: {len(answers)} requests, {len(distinct)} distinct sentences"
    )
    print(f"  lost (error or no answer): {len(lost)}   wrong answers: {len(wrong)}")
    print(f"  throughput: {rate:.1f} requests/s")
    print(
        f"  latency: p50 {statistics.median(latencies):.1f} ms  p95 {p95:.1f} ms  max {latencies[-1]:.1f} ms"
    )
    print(f"  library, one text a call, 1 thread, no cache: {library_rate:.1f} sentences/s")
    print(f"  server / library: {rate / library_rate:.2f}x (the server's cache answers repeats)")
    if lost or wrong:
        print(f"  first problems: {(lost + wrong)[:3]!r}")
        raise SystemExit(1)


if __name__ == "__main__":
    main()
