"""Drafts as the translator types: a small script in the page and the HTTP route it posts to.

Streamlit sends a text box's value only on submit (Ctrl+Enter) or, outside a form, on blur, so a
reload or a closed tab would lose what was typed. The script below watches the editor's English
boxes: about a second after the last keystroke, when a box loses the focus, and when the page is
hidden or unloaded (``fetch(..., keepalive)``, which outlives the page), it posts the box's text to
:data:`PATH`, which keeps it as the segment's draft in the store (:func:`editing.keep_draft`).
While a draft has not reached the server, leaving the page asks first ("unsaved changes").

The route is guarded by a token made per server process and written into the page only: a page
of another origin cannot read it, and the custom header makes its request need a CORS preflight
that this server never grants. The Host check of ``launch.host_check`` applies as to every route.
The token is the same for every user of the process, so with sign-in set up the route also reads
the request's ``st.login`` cookie and keeps a draft only for a segment of a document that user may
open (``signin.for_user``, the check that opening the document makes); an anonymous post is refused.
"""

from __future__ import annotations

import hmac
import json
import secrets
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from workbench.config import settings
from workbench.errors import AccessError, NotFoundError, StoreError
from workbench.store.sqlite import Store
from workbench.ui import editing, signin

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

#: Where the script posts drafts, and the header that carries the token.
PATH = "/wb-draft"
TOKEN_HEADER = "X-Workbench-Token"
#: The process's token (a new server process: a new token, sent with the page it draws).
TOKEN = secrets.token_urlsafe(24)
#: A draft longer than this is refused (no English box holds a megabyte of one segment).
MAX_BYTES = 1_000_000
#: Milliseconds after the last keystroke before the draft is sent.
DEBOUNCE_MS = 700

#: The script; only the token, the path and integers are interpolated (none comes from a user).
_SCRIPT = """<script>
(function () {
  var w = window;
  w.__wbDraftToken = %(token)s;
  if (w.__wbDrafts) return;
  var pending = {}, timers = {}, inflight = 0;
  var info = w.__wbDrafts = {pending: pending, sent: 0, failed: 0};
  function keyOf(box) {
    var el = box.closest('[class*="st-key-wb-edit-"]');
    var m = el && /st-key-wb-edit-(\\d+)-(\\d+)/.exec(el.className);
    return m ? {segment: +m[1], version: +m[2]} : null;
  }
  function note(id, text) {
    var el = document.querySelector('.wb-draft-note[data-seg="' + id + '"]');
    if (el) el.textContent = text;
  }
  function send(id, keepalive) {
    var item = pending[id];
    clearTimeout(timers[id]);
    if (!item) return;
    delete pending[id];
    inflight++;
    fetch(%(path)s, {method: "POST", keepalive: !!keepalive, credentials: "same-origin",
      headers: {"Content-Type": "application/json", %(header)s: w.__wbDraftToken},
      body: JSON.stringify(item)})
      .then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        info.sent++;
        note(id, "Draft kept (not saved yet) · " + new Date().toLocaleTimeString());
      })
      .catch(function () {
        if (!pending[id]) pending[id] = item;
        info.failed++;
        note(id, "Draft NOT kept: the server did not answer. Save with Ctrl+Enter.");
      })
      .finally(function () { inflight--; });
  }
  function typed(box, now) {
    var k = box && box.tagName === "TEXTAREA" ? keyOf(box) : null;
    if (!k) return;
    pending[k.segment] = {segment: k.segment, version: k.version, text: box.value};
    clearTimeout(timers[k.segment]);
    if (now) { send(k.segment); return; }
    note(k.segment, "Typing… (draft not kept yet)");
    timers[k.segment] = setTimeout(function () { send(k.segment); }, %(debounce)d);
  }
  function flush(keepalive) {
    Object.keys(pending).forEach(function (id) { send(id, keepalive); });
  }
  document.addEventListener("input", function (e) { typed(e.target, false); }, true);
  document.addEventListener("focusout", function (e) {
    var k = e.target && e.target.tagName === "TEXTAREA" ? keyOf(e.target) : null;
    if (k && pending[k.segment]) send(k.segment);
  }, true);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) typed(e.target, true);
  }, true);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flush(true);
  });
  w.addEventListener("pagehide", function () { flush(true); });
  w.addEventListener("beforeunload", function (e) {
    if (!Object.keys(pending).length && !inflight) return;
    flush(true);
    e.preventDefault();
    e.returnValue = "";
  });
})();
</script>"""


def script() -> str:
    """The draft script for the editor page (idempotent: installed once per browser page)."""
    return _SCRIPT % {
        "token": json.dumps(TOKEN),
        "path": json.dumps(PATH),
        "header": json.dumps(TOKEN_HEADER),
        "debounce": DEBOUNCE_MS,
    }


@lru_cache(maxsize=4)
def _store(path: str) -> Store:
    return Store(path)


def parse(body: bytes) -> tuple[int, int, str]:
    """``(segment id, base version, text)`` from a posted draft; ValueError says what is wrong."""
    if len(body) > MAX_BYTES:
        raise ValueError(f"a draft may hold at most {MAX_BYTES} bytes")
    try:
        data: Any = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ValueError(f"not JSON: {err}") from None
    if not isinstance(data, dict):
        raise ValueError("expected an object {segment, version, text}")
    segment, version, text = data.get("segment"), data.get("version"), data.get("text")
    if not (isinstance(segment, int) and isinstance(version, int) and isinstance(text, str)):
        raise ValueError("expected {segment: int, version: int, text: str}")
    return segment, version, text


def keep(
    body: bytes, token: str | None, email: str | None = None, auth: bool = False
) -> tuple[int, dict[str, object]]:
    """Handle one posted draft: the HTTP status and the JSON answer (no Starlette involved).

    ``auth``: sign-in is set up, so the post needs ``email``, the request's signed-in user, and
    is kept only where that user may open the document."""
    if token is None or not hmac.compare_digest(token, TOKEN):
        return 403, {"error": "the page is out of date: reload it"}
    if auth and email is None:
        return 401, {"error": "not signed in: reload the page and sign in"}
    try:
        segment, version, text = parse(body)
        store = _store(str(settings().store_location))
        if email is not None:
            store = signin.for_user(store, email)
        kept = editing.keep_draft(store, segment, version, text)
    except ValueError as err:
        return 400, {"error": str(err)}
    except AccessError as err:
        return 403, {"error": str(err)}
    except NotFoundError as err:
        return 404, {"error": str(err)}
    except StoreError as err:
        return 503, {"error": str(err)}
    return 200, {"kept": kept}


async def _endpoint(request: Request) -> Response:
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import JSONResponse

    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        return JSONResponse({"error": "send application/json"}, status_code=415)
    body = await request.body()
    auth = signin.auth_configured()
    email = signin.request_email(request.cookies, request.headers.get("origin")) if auth else None
    token = request.headers.get(TOKEN_HEADER)
    status, answer = await run_in_threadpool(keep, body, token, email, auth)
    return JSONResponse(answer, status_code=status)


def route() -> Route:
    """The Starlette route of :data:`PATH` (mounted by ``app.py``'s ``st.App``)."""
    from starlette.routing import Route

    return Route(PATH, _endpoint, methods=["POST"])
