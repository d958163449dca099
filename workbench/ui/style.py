"""The workbench's CSS (``STYLE``, injected once per run by ``app.py``): the text blocks and badges,
and the editor's compact grid (one line a segment; the active row opens, see ``keys``).

Only fixed text: nothing from a document or a translator is ever put into a style.
"""

from __future__ import annotations

#: The editor's CSS, injected once per run. ``unicode-bidi: isolate`` keeps each block's
#: direction from leaking into its neighbours (an unterminated RLO in the source stays inside it);
#: ``dir="rtl"`` on the Arabic lets the bidi algorithm keep Latin names, numbers and URLs in order.
BASE = """
.wb-src, .wb-mt, .wb-text {
  white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: isolate;
  border-radius: 0.4rem; padding: 0.45rem 0.7rem; margin: 0 0 0.3rem 0;
}
.wb-src {
  text-align: start; font-size: 1.2rem; line-height: 1.9; background: #f7f4ec;
  font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Geeza Pro", "Arial", sans-serif;
}
.wb-mt { background: #eef2f7; color: #333; }
.wb-mt.wb-empty, .wb-text.wb-empty { color: #888; font-style: italic; }
.wb-text { background: #f4f4f4; }
.wb-label { font-size: 0.78rem; color: #666; margin: 0.1rem 0; }
.wb-running::before { content: ""; display: inline-block; width: 0.7em; height: 0.7em;
  margin-right: 0.4em; border: 2px solid #999; border-top-color: transparent; border-radius: 50%;
  animation: wb-spin 0.8s linear infinite; } @keyframes wb-spin { to { transform: rotate(360deg); } }
.wb-head { display: flex; gap: 0.6rem; align-items: center; font-size: 0.85rem; }
.wb-num { font-weight: 700; min-width: 2.5rem; }
.wb-badge { border-radius: 0.8rem; padding: 0.05rem 0.6rem; font-size: 0.78rem; }
.wb-st-new { background: #eee; color: #555; }
.wb-st-translated { background: #e3ecfa; color: #1f4e99; }
.wb-st-edited { background: #fff2cc; color: #7a5a00; }
.wb-st-confirmed { background: #dcf2e0; color: #1b6b33; }
.wb-st-draft { background: #fbe3c8; color: #8a4b00; border: 1px dashed #c77800; }
.wb-flag { background: #fde2e1; color: #8a1c17; } .wb-flag[title] { cursor: help; }
.wb-furniture { opacity: 0.55; }
.wb-furniture .wb-src { background: #f1f1f1; font-size: 1rem; }
.wb-alert { border-radius: 0.5rem; padding: 0.6rem 0.9rem; white-space: pre-wrap; }
.wb-alert-error { background: #fde8e8; color: #7d1a1a; }
.wb-alert-warning { background: #fff5d6; color: #6b4e00; }
.wb-alert-info { background: #e7f0fb; color: #1b3f73; }
.wb-flag-help { font-size: 0.78rem; color: #555; margin: 0.1rem 0 0.2rem 0; }
.wb-flag-help summary { cursor: pointer; color: #8a1c17; }
.wb-flag-help ul { margin: 0.2rem 0 0.2rem 1.1rem; padding: 0; }
.wb-w { border-radius: 0.25rem; cursor: pointer; }
.wb-w:hover, .wb-w:focus { background-color: #fff1c4; outline: none; }
.wb-w:focus { box-shadow: 0 0 0 2px #e0a800; }
.wb-unatt { text-decoration: underline dotted #b03a2e 2px; text-underline-offset: 0.35em; }
.wb-pile { outline: 1.5px dashed #b36b00; outline-offset: 1px; }
.wb-rep { text-decoration: underline wavy #b03a2e; text-underline-offset: 0.25em; }
.wb-align-hint { color: #888; } .wb-ins { background: #dcf2e0; }
.wb-del { background: #fde2e1; text-decoration: line-through; }
.st-key-wb-library-paste textarea, .st-key-wb-align-src textarea {
  direction: rtl; unicode-bidi: plaintext; text-align: start;
}
[class*="st-key-wb-edit-"] textarea { field-sizing: content; max-height: 60vh; }
"""

#: The editor's grid. Each row is ``st.container(key="wb-row-<id>")``; its parts that only the
#: active row shows are containers keyed ``wb-more-<id>`` (MT, flags, tools, history, the
#: panels of other modules) and ``wb-act-<id>`` (the form's buttons). The keyboard script
#: (``keys``) writes the one rule that opens the active row; without it every row is compact:
#: number and status, the Arabic and the English box, each clipped to two lines.
GRID = """
[class*="st-key-wb-row-"] {
  gap: 0.25rem; padding: 0.2rem 0.4rem; border-bottom: 1px solid #e4e4e4; border-radius: 0;
}
[class*="st-key-wb-row-"] [data-testid="stVerticalBlock"] { gap: 0.25rem; }
[data-testid="stLayoutWrapper"]:has(> [class*="st-key-wb-row-"]) { margin-top: -0.8rem; }
[class*="st-key-wb-row-"] [data-testid="InputInstructions"] { display: none; }
.stMain:has([class*="st-key-wb-row-"]) [data-testid="stMainBlockContainer"] { padding-top: 3.5rem; }
[class*="st-key-wb-row-"] [data-testid="stHorizontalBlock"] { gap: 0.6rem; }
[data-testid="stLayoutWrapper"]:has(> [class*="st-key-wb-more-"]),
[data-testid="stLayoutWrapper"]:has(> [class*="st-key-wb-act-"]),
[class*="st-key-wb-more-"], [class*="st-key-wb-act-"] { display: none; }
[class*="st-key-wb-row-"] .wb-src {
  font-size: 1.02rem; line-height: 1.5; padding: 0.1rem 0.5rem 0 0.5rem; margin: 0;
  display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; overflow: hidden;
}
[class*="st-key-wb-row-"] .wb-mt {
  padding: 0.15rem 0.5rem; margin: 0; font-size: 0.9rem; line-height: 1.45;
}
[class*="st-key-wb-row-"] textarea {
  field-sizing: content; height: auto !important; min-height: 0 !important;
  max-height: 3.2em; overflow: hidden; padding: 0.15rem 0.5rem; line-height: 1.45;
}
[class*="st-key-wb-row-"] [data-baseweb="textarea"], [class*="st-key-wb-row-"] [data-baseweb="base-input"] {
  height: auto !important; min-height: 0 !important;
}
[class*="st-key-wb-row-"] button { min-height: 1.9rem; padding: 0.1rem 0.6rem; }
[class*="st-key-wb-row-"] button p { font-size: 0.82rem; }
.wb-rowhead { display: flex; flex-direction: column; gap: 0.15rem; font-size: 0.8rem; }
.wb-rowhead .wb-badge { padding: 0 0.4rem; font-size: 0.72rem; width: fit-content; }
.st-key-wb-editor-head { gap: 0.4rem; }
.st-key-wb-editor-head [data-testid="stHorizontalBlock"] { gap: 0.6rem; }
.st-key-wb-editor-head button { min-height: 2.2rem; padding-top: 0.1rem; padding-bottom: 0.1rem; }
.st-key-wb-editor-head [data-baseweb="select"] > div { min-height: 2.2rem; }
.st-key-wb-editor-head [data-testid="stNumberInputContainer"] { height: 2.2rem; }
.st-key-wb-editor-head [data-testid="stProgress"] p { font-size: 0.85rem; }
.st-key-wb-banner [data-testid="stAlert"] > div { padding: 0.3rem 0.8rem; }
.st-key-wb-banner [data-testid="stAlert"] p { font-size: 0.85rem; line-height: 1.4; }
[data-testid="stPopoverBody"]:has(.st-key-wb-find-panel) { width: min(58rem, 92vw); max-width: none; }
[class*="st-key-wb-restore-"] button:focus { outline: 2px solid #c0392b; outline-offset: 1px; }
.wb-sheet { display: none; }
.wb-keys-open .wb-sheet {
  display: block; position: fixed; z-index: 1000; top: 4rem; left: 50%; transform: translateX(-50%);
  width: min(62rem, 94vw); max-height: 80vh; overflow: auto; background: #fff; color: #222;
  border: 1px solid #bbb; border-radius: 0.6rem; box-shadow: 0 8px 30px rgba(0,0,0,.25);
  padding: 0.8rem 1.1rem;
}
.wb-sheet dl {
  display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 0.25rem 0.7rem;
  font-size: 0.85rem; margin: 0.5rem 0;
}
.wb-sheet dd { margin: 0; border-bottom: 1px solid #eee; }
.wb-sheet kbd { font-family: inherit; font-weight: 600; white-space: nowrap; }
"""

#: The CSS every page gets.
STYLE = "<style>" + BASE + GRID + "</style>"
