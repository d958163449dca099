"""The HTTP layer: FastAPI routes over :class:`~workbench.api.service.Service`, nothing more.

Parameters come as JSON or as a form (LibreTranslate clients send both). Every answer carries the
``X-Workbench-Model`` (the model's kind) and ``X-Workbench-Standin`` headers; refusals are
``{"error": message}`` with LibreTranslate's statuses: 400 bad request, 403 missing or unknown API
key, 413 over a size limit, 429 over the per-key request limit, 500 when the engine fails (the
traceback goes to the server's log, never to the client).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from workbench.api.keys import RateLimiter
from workbench.api.service import ApiError, Service
from workbench.errors import WorkbenchError

_Handler = Callable[[Mapping[str, Any]], Any]
_LOG = logging.getLogger("workbench.api")


def _max_bytes(service: Service) -> int:
    # UTF-8 Arabic is 2 bytes a character; JSON escapes can take 6. Room for the other fields.
    return service.limits.max_chars * 6 + 65_536


async def _params(request: Request, limit: int) -> dict[str, Any]:
    body = await request.body()
    if len(body) > limit:
        raise ApiError(413, f"Invalid request: the body ({len(body)} bytes) exceeds {limit} bytes")
    if not body:
        return dict(request.query_params)
    if request.headers.get("content-type", "").startswith("application/json"):
        try:
            params = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise ApiError(400, "Invalid request: the body is not valid JSON") from None
        if not isinstance(params, dict):
            raise ApiError(400, "Invalid request: the JSON body must be an object")
        return params
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


class _Gate:
    """Who may ask: the API key (when the server has keys) and the per-key (or per-address) limit."""

    def __init__(self, keys: Mapping[str, int | None] | None, per_minute: int) -> None:
        self.keys = keys
        self.limiter = RateLimiter(per_minute)

    def check(self, request: Request, params: Mapping[str, Any]) -> None:
        key = params.get("api_key")
        if self.keys is not None:
            if not isinstance(key, str) or key not in self.keys:
                raise ApiError(403, "Invalid API key")
            name, own = f"key:{key}", self.keys[key]
        else:
            name, own = f"ip:{request.client.host if request.client else '-'}", None
        if not self.limiter.allow(name, own):
            per_minute = self.limiter.limit if own is None else own
            raise ApiError(429, f"Slowdown: {per_minute} per 1 minute")


async def _answer(request: Request, handler: _Handler, limit: int, gate: _Gate | None) -> Response:
    """Run ``handler`` on the request's parameters; refusals and failures as ``{"error": ...}``."""
    try:
        params = await _params(request, limit)
        if gate is not None:
            gate.check(request, params)
        result = await run_in_threadpool(handler, params)
    except ApiError as err:
        return JSONResponse({"error": err.message}, status_code=err.status)
    except WorkbenchError as err:
        return JSONResponse({"error": str(err)}, status_code=400)
    except Exception as err:  # the engine failed: say so as LibreTranslate does, and log it
        _LOG.exception("request to %s failed", request.url.path)
        error = f"Internal error: {type(err).__name__}; the server log has the details"
        return JSONResponse({"error": error}, status_code=500)
    return JSONResponse(result)


def create_app(service: Service, keys: Mapping[str, int | None] | None = None) -> FastAPI:
    """The API's ASGI app. With ``keys``, every POST needs one of them as ``api_key``."""
    app = FastAPI(title="workbench", docs_url=None, redoc_url=None, openapi_url=None)
    gate = _Gate(keys, service.limits.per_minute)
    limit = _max_bytes(service)
    kind, standin = str(service.model["kind"]), str(service.model["standin"]).lower()

    @app.middleware("http")
    async def label(request: Request, call_next: Callable[[Request], Any]) -> Response:
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            error = f"Invalid request: the body ({length} bytes) exceeds {limit} bytes"
            response: Response = JSONResponse({"error": error}, status_code=413)
        else:
            response = await call_next(request)
        response.headers["X-Workbench-Model"] = kind
        response.headers["X-Workbench-Standin"] = standin
        return response

    @app.post("/translate")
    async def translate(request: Request) -> Response:
        return await _answer(request, service.translate, limit, gate)

    @app.post("/detect")
    async def detect(request: Request) -> Response:
        return await _answer(request, service.detect, limit, gate)

    @app.post("/align")
    async def align(request: Request) -> Response:
        return await _answer(request, service.align, limit, gate)

    @app.get("/languages")
    async def languages(request: Request) -> Response:
        return await _answer(request, lambda _: service.languages(), limit, None)

    return app
