"""The editor's keyboard shortcuts that need no server: moving between boxes, copying the MT.

A fixed script (nothing from a user is interpolated) put into the Editor page once per browser
page. Ctrl+Enter (confirm and next) is the form's own submit; these add the rest, and
:data:`SHORTCUTS` is what the page lists, so every shortcut is shown where it works.
"""

from __future__ import annotations

#: (keys, what they do), as the Editor page lists them.
SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Ctrl+Enter (⌘+Enter)", "save as confirmed and go to the next segment"),
    ("Alt+↓ / Alt+↑", "the next / previous segment's English box"),
    ("Alt+M", "copy the MT into the box (as typing: a draft until you save)"),
    ("Tab", "from the box to its buttons"),
)

SCRIPT = """<script>
(function () {
  if (window.__wbKeys) return;
  window.__wbKeys = true;
  function boxes() {
    return Array.prototype.slice.call(
      document.querySelectorAll('[class*="st-key-wb-edit-"] textarea'));
  }
  function row(box) { return box.closest('[class*="st-key-wb-row-"]'); }
  function go(box, step) {
    var all = boxes(), i = all.indexOf(box), next = all[i + step];
    if (i < 0 || !next) return;
    next.focus();
    next.setSelectionRange(next.value.length, next.value.length);
    next.scrollIntoView({block: "center"});
  }
  function copyMt(box) {
    var r = row(box), mt = r && r.querySelector(".wb-mt:not(.wb-empty)");
    if (!mt) return;
    var set = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value").set;
    set.call(box, mt.innerText);
    box.dispatchEvent(new Event("input", {bubbles: true}));
  }
  document.addEventListener("keydown", function (e) {
    var box = e.target;
    if (!box || box.tagName !== "TEXTAREA" || !row(box) || !e.altKey) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      go(box, e.key === "ArrowDown" ? 1 : -1);
    } else if (e.code === "KeyM") {
      e.preventDefault();
      copyMt(box);
    }
  }, true);
})();
</script>"""


def help_text() -> str:
    """The shortcut list as one Markdown line for the page's caption (fixed text only)."""
    return "Keyboard: " + " · ".join(f"**{keys}** {what}" for keys, what in SHORTCUTS) + "."
