"""The editor's keyboard and its grid's active row, in the browser (no server round trip).

A fixed script (nothing from a user is interpolated; the shortcut table below is turned into
JSON) put into the Editor page once per browser page. It

- marks the *active* row: the one whose box (or button) has the focus, or was clicked, or was
  last used; on a fresh page the first row not yet confirmed. One ``<style>`` rule in the page's
  head opens that row (``style.GRID``); the others stay one compact line each;
- handles the shortcuts of :data:`SHORTCUTS` (Ctrl+Enter is the row form's own submit, whose
  server side goes on to the next unconfirmed segment); a row's action is a click on that row's
  button, so a shortcut does exactly what the button does;
- opens the shortcut sheet (``?``), which lists :data:`SHORTCUTS`: every shortcut is listed,
  and every action of a row has one.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from workbench.ui.markup import escape


@dataclass(frozen=True)
class Shortcut:
    """One shortcut: what the sheet shows (``keys``, ``what``) and what the script matches.

    ``code`` is the ``KeyboardEvent.code`` (layout-independent), with ``alt``/``ctrl``/``shift``
    required as given; ``action`` is a script action (``next``, ``copyMt``…), ``click:<css>`` (a
    button of the active row, by a CSS selector under the row), ``focus:<css>`` (the focus onto
    the row's next enabled such button, cycling; a key press away from pressing it) or
    ``native`` (handled by the page itself: listed only). ``typing``: also while the focus is in
    a text box. ``opens``: a CSS selector under the row clicked first when the ``focus:`` target
    is not drawn yet (a closed expander); ``then``: a CSS selector (anywhere: popovers are drawn
    outside the row; ``{id}`` is the row's segment id) focused once it appears after the click.
    """

    keys: str
    what: str
    code: str
    action: str
    alt: bool = True
    ctrl: bool = False
    shift: bool = False
    typing: bool = True
    opens: str = ""
    then: str = ""


def _row_button(widget: str) -> str:
    """The action that clicks the active row's button keyed ``wb-<widget>-<id>``."""
    return f"click:[class*='st-key-wb-{widget}-'] button"


_HISTORY = "[class*='st-key-wb-history-'] summary"
#: Every shortcut, in the order the sheet lists them.
SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut(
        "Ctrl+Enter (⌘+Enter)",
        "save as confirmed and go to the next segment not yet confirmed",
        "Enter",
        "native",
        alt=False,
        ctrl=True,
    ),
    Shortcut("Alt+Enter", "save without confirming (stay on the row)", "Enter", "unconfirmed"),
    Shortcut("Alt+↓", "next segment (its English box)", "ArrowDown", "next"),
    Shortcut("Alt+↑", "previous segment", "ArrowUp", "prev"),
    Shortcut(
        "Alt+M", "copy the MT into the box (as typing: a draft until you save)", "KeyM", "copyMt"
    ),
    Shortcut("Alt+C", "copy the Arabic source into the box (names, numbers)", "KeyC", "copySource"),
    Shortcut("Alt+A", "re-translate: open the alternatives", "KeyA", _row_button("alt")),
    Shortcut("Alt+1 … Alt+4", "use alternative 1 … 4 (while they are open)", "Digit", "use"),
    Shortcut(
        "Alt+Shift+1 … 3",
        "in the box: use translation-memory match 1 … 3 (the row's memory panel)",
        "Digit",
        "native",
        shift=True,
    ),
    Shortcut(
        "Alt+P",
        "copy this English to the identical segments (once it is confirmed)",
        "KeyP",
        "click:[class*='st-key-wb-tm-prop-'] button",
    ),
    Shortcut(
        "Alt+V",
        "approve the confirmed segment (reviewers)",
        "KeyV",
        "click:[class*='st-key-wb-rv-approve-'] button",
    ),
    Shortcut(
        "Alt+O",
        "open / close the comments (a query for the desk editor)",
        "KeyO",
        "click:[class*='st-key-wb-rv-comments-'] summary",
    ),
    Shortcut(
        "Alt+B",
        "send back to the translator: open the note (reviewers)",
        "KeyB",
        "click:[class*='st-key-wb-rv-back-'] summary",
    ),
    Shortcut("Alt+X", "close the alternatives", "KeyX", _row_button("alt-close")),
    Shortcut(
        "Alt+D", "discard the draft (the saved English again)", "KeyD", _row_button("discard")
    ),
    Shortcut("Alt+H", "open / close the history", "KeyH", f"click:{_HISTORY}"),
    Shortcut(
        "Alt+R",
        "restore: the focus on Restore of the newest earlier version in the history (opens it; "
        "Alt+R again: the version before), then Enter restores it as a new version",
        "KeyR",
        "focus:[class*='st-key-wb-restore-'] button",
        opens=_HISTORY,
    ),
    Shortcut(
        "Alt+L",
        "add a glossary term: opens the form, the Arabic you selected in the source filled in",
        "KeyL",
        "click:[class*='st-key-wb-term-open-'] button",
        then=".st-key-wb-term-ar-{id} input",
    ),
    Shortcut("Alt+K", "in a conflict: keep mine", "KeyK", _row_button("keep")),
    Shortcut("Alt+T", "in a conflict: take theirs", "KeyT", _row_button("take")),
    Shortcut("Alt+Y", "replace my edit (when asked)", "KeyY", _row_button("pending-yes")),
    Shortcut("Alt+N", "keep my edit (when asked)", "KeyN", _row_button("pending-no")),
    Shortcut("Alt+PageDown", "next page", "PageDown", "page:next"),
    Shortcut("Alt+PageUp", "previous page", "PageUp", "page:prev"),
    Shortcut("Alt+U", "go to the first unconfirmed segment", "KeyU", "first"),
    Shortcut("Alt+G", "go to segment # (type the number, Enter)", "KeyG", "goto"),
    Shortcut(
        "?",
        "this list (outside a text box; Alt+/ anywhere)",
        "Slash",
        "sheet",
        alt=False,
        shift=True,
        typing=False,
    ),
    Shortcut("Alt+/", "this list", "Slash", "sheet"),
    Shortcut("Esc", "close this list", "Escape", "close", alt=False, typing=True),
    Shortcut("Tab / Shift+Tab", "from the box to its buttons and back", "Tab", "native", alt=False),
)


def sheet_html() -> str:
    """The shortcut sheet (hidden until ``?``), every piece of text escaped."""
    rows = "".join(
        f"<tr><td><kbd>{escape(s.keys)}</kbd></td><td>{escape(s.what)}</td></tr>" for s in SHORTCUTS
    )
    return (
        '<div class="wb-sheet" role="dialog" aria-label="Keyboard shortcuts">'
        "<b>Keyboard shortcuts</b> (the row with the coloured edge is the active one)"
        f"<table>{rows}</table>"
        '<button type="button" class="wb-sheet-close">Close (Esc)</button></div>'
    )


_SCRIPT = """<script>
(function () {
  if (window.__wbKeys) return;
  window.__wbKeys = true;
  var KEYS = %(keys)s;
  var ROW = '[class*="st-key-wb-row-"]';
  var active = null, want = null, auto = false;
  var style = document.createElement("style");
  style.id = "wb-active-row";
  document.head.appendChild(style);
  function idOf(row) {
    var m = row && /st-key-wb-row-(\\d+)/.exec(row.className);
    return m ? m[1] : null;
  }
  function rowOf(el) { return el && el.closest ? el.closest(ROW) : null; }
  function rows() { return Array.prototype.slice.call(document.querySelectorAll(ROW)); }
  function rowById(id) { return id ? document.querySelector(".st-key-wb-row-" + id) : null; }
  function boxOf(row) { return row ? row.querySelector("textarea") : null; }
  function activate(id) {
    if (id === active) return;
    active = id;
    window.__wbActive = id;
    var r = "html body .st-key-wb-row-" + id;  // html body: above the grid's own rules
    style.textContent = !id ? "" : [
      r + " { background: #fbfaf4; box-shadow: inset 4px 0 0 #c0392b; padding-top: 0.4rem;",
      " padding-bottom: 0.5rem; }",
      r + ' [data-testid="stLayoutWrapper"]:has(> [class*="st-key-wb-more-"]),',
      r + ' [data-testid="stLayoutWrapper"]:has(> [class*="st-key-wb-act-"]),',
      r + ' [class*="st-key-wb-more-"], ' + r + ' [class*="st-key-wb-act-"] { display: flex; }',
      r + " .wb-src { display: block; -webkit-line-clamp: none; overflow: visible; }",
      r + " textarea { max-height: 60vh; overflow: auto; }"
    ].join("\\n");
  }
  function scroller(el) {
    for (var p = el.parentElement; p; p = p.parentElement) {
      var o = getComputedStyle(p).overflowY;
      if ((o === "auto" || o === "scroll") && p.scrollHeight > p.clientHeight) return p;
    }
    return document.scrollingElement;
  }
  function reveal(row) {
    var sc = scroller(row), r = row.getBoundingClientRect();
    var top = sc === document.scrollingElement ? 0 : sc.getBoundingClientRect().top;
    var h = sc.clientHeight;
    // Keep the active row in the upper part of the screen, so the segments after it show.
    if (r.top < top + 70 || r.top > top + h * 0.4 || r.bottom > top + h - 10) {
      sc.scrollBy(0, r.top - top - h * 0.2);
    }
  }
  function focusBox(row) {
    var box = boxOf(row);
    if (!box) return;
    activate(idOf(row));
    box.focus({preventScroll: true});
    box.setSelectionRange(box.value.length, box.value.length);
    requestAnimationFrame(function () { reveal(row); });
  }
  window.__wbFocusRow = focusBox;
  function settle() {
    var all = rows();
    if (!all.length) return;
    if (want) {
      var first = idOf(all[0]);
      if (first !== want.from) {
        focusBox(want.last ? all[all.length - 1] : all[0]);
        want = null;
        return;
      }
    }
    var focused = document.activeElement, idle = !focused || focused === document.body;
    if (rowById(active)) {
      // The row picked when the page was drawn keeps the focus until the translator acts
      // (a redraw may take it away meanwhile).
      if (auto && idle) focusBox(rowById(active));
      return;
    }
    var open = all.filter(function (r) {
      var h = r.querySelector(".wb-rowhead");
      var s = h && h.getAttribute("data-status");
      return s !== "confirmed" && s !== "approved";
    });
    var row = open[0] || all[0];
    activate(idOf(row));
    auto = idle;
    if (idle) focusBox(row);
  }
  new MutationObserver(function () { requestAnimationFrame(settle); })
    .observe(document.body, {childList: true, subtree: true});
  function page(dir, last) {
    var b = document.querySelector(".st-key-wb-" + dir + "-top button");
    if (!b || b.disabled) return;
    var all = rows();
    want = {from: all.length ? idOf(all[0]) : null, last: last};
    b.click();
  }
  function move(step) {
    var all = rows(), i = all.indexOf(rowById(active)), next = all[i + step];
    if (next) { focusBox(next); return; }
    page(step > 0 ? "next" : "prev", step < 0);
  }
  function setBox(row, text) {
    var box = boxOf(row);
    if (!box || text === null) return;
    var set = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value").set;
    set.call(box, text);
    box.dispatchEvent(new Event("input", {bubbles: true}));
    box.focus();
  }
  function textOf(row, css) {
    var el = row && row.querySelector(css);
    return el ? el.innerText : null;
  }
  function click(el) { if (el && !el.disabled) el.click(); }
  function later(find, act, tries) {
    // What a click draws comes a moment later (a popover) or after a server run (an expander).
    var el = find();
    if (el) return act(el);
    if (tries > 0) setTimeout(function () { later(find, act, tries - 1); }, 100);
  }
  function enabledAfter(row, css) {
    var all = Array.prototype.filter.call(row ? row.querySelectorAll(css) : [], function (b) {
      return !b.disabled;
    });
    return all.length ? all[(all.indexOf(document.activeElement) + 1) %% all.length] : null;
  }
  function focusOn(el) { el.focus(); el.scrollIntoView({block: "nearest"}); }
  function sheet(open) { document.documentElement.classList.toggle("wb-keys-open", open); }
  function run(k, e) {
    var row = rowById(active), a = k.action;
    if (a === "next" || a === "prev") return move(a === "next" ? 1 : -1);
    if (a === "sheet") return sheet(!document.documentElement.classList.contains("wb-keys-open"));
    if (a === "close") return sheet(false);
    if (a.indexOf("page:") === 0) return page(a.slice(5), false);
    if (a === "first") return click(document.querySelector(".st-key-wb-first-open button"));
    if (a === "goto") {
      var go = document.querySelector(".st-key-wb-go-to input");
      if (go) go.focus();
      return;
    }
    if (!row) return;
    if (a === "copyMt") return setBox(row, textOf(row, ".wb-mt:not(.wb-empty)"));
    if (a === "copySource") return setBox(row, textOf(row, ".wb-src"));
    if (a === "unconfirmed") {
      return click(row.querySelectorAll('[data-testid="stFormSubmitButton"] button')[1]);
    }
    if (a === "use") {
      // Open alternatives take the digits; otherwise the memory panel's own key handler
      // (ui/views/editor/panels.py: its "Use #n" buttons) gets the key.
      var alt = row.querySelector(".st-key-wb-use-" + active + "-" + e.code.slice(5) + " button");
      if (!alt) return false;
      click(alt);
    }
    var id = active;
    if (a.indexOf("focus:") === 0) {
      var css = a.slice(6), opener = k.opens && row.querySelector(k.opens);
      var shut = opener && opener.closest("details") && !opener.closest("details").open;
      if (shut && !row.querySelector(css)) opener.click();
      return later(function () { return enabledAfter(rowById(id), css); }, focusOn, 50);
    }
    if (a.indexOf("click:") === 0) {
      click(row.querySelector(a.slice(6)));
      if (k.then) {
        later(function () { return document.querySelector(k.then.replace("{id}", id)); },
              focusOn, 30);
      }
    }
  }
  function matches(k, e) {
    if (k.action === "native") return false;
    if (k.code === "Digit" ? !/^Digit[1-9]$/.test(e.code) : e.code !== k.code) return false;
    if (k.code === "Escape") return true;
    return e.altKey === k.alt && (e.ctrlKey || e.metaKey) === k.ctrl && e.shiftKey === k.shift;
  }
  ["mousedown", "keydown"].forEach(function (type) {
    document.addEventListener(type, function () { auto = false; }, true);
  });
  document.addEventListener("focusin", function (e) {
    var row = rowOf(e.target);
    if (row) activate(idOf(row));
  }, true);
  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest(".wb-sheet-close")) return sheet(false);
    var row = rowOf(e.target);
    if (!row) return;
    activate(idOf(row));
    if (!e.target.closest("button, textarea, input, a, summary, details, .wb-w")) focusBox(row);
  }, true);
  document.addEventListener("keydown", function (e) {
    var t = e.target, typing = t && (t.tagName === "TEXTAREA" || t.tagName === "INPUT");
    for (var i = 0; i < KEYS.length; i++) {
      var k = KEYS[i];
      if (!matches(k, e) || (typing && !k.typing)) continue;
      if (k.action === "close" && !document.documentElement.classList.contains("wb-keys-open")) {
        return;
      }
      if (run(k, e) === false) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      return;
    }
  }, true);
})();
</script>"""


def _script() -> str:
    table = [asdict(s) for s in SHORTCUTS]
    # json.dumps of fixed data; "</" could not appear, but escape it as any script data should.
    return _SCRIPT % {"keys": json.dumps(table, ensure_ascii=True).replace("</", "<\\/")}


#: What the Editor page puts in once: the hidden shortcut sheet and the script.
SCRIPT = sheet_html() + _script()


def help_text() -> str:
    """The page's one caption line about the keyboard (fixed text only)."""
    return (
        "Keyboard: **Ctrl+Enter** confirms and goes to the next unconfirmed segment, "
        "**Alt+↓ / Alt+↑** next / previous segment, **Alt+M** copies the MT; "
        "press **?** (outside a text box) or **Alt+/** for every shortcut."
    )
