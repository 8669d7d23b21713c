"""The chat's stylesheet, for the Gradio page and the permalink page alike.

Colours are CSS variables: Gradio's own (``--body-text-color`` …, which follow its light/dark theme)
and ours (``--qa-*``), set once for light and once for dark. Gradio marks dark mode with a ``.dark``
class; the permalink page, which has no Gradio, follows ``prefers-color-scheme`` with the same values.
Every text colour pair is at least 4.5:1 (axe-core checks it in the browser tests).
"""

from __future__ import annotations

_LIGHT = """
  --qa-accent: #1d4ed8; --qa-accent-text: #ffffff; --qa-link: #1d4ed8; --qa-muted: #4b5563;
  --qa-card-bg: #ffffff; --qa-card-border: #d1d5db; --qa-focus: #b45309; --qa-focus-ring: #fcd34d;
  --qa-user-bg: #eef2ff; --qa-bot-bg: #f9fafb; --qa-quote-border: #94a3b8; --qa-mark: #fde68a; --qa-mark-text: #111827;
  --qa-hit: #fef3c7; --qa-ctx-bg: #f8fafc;
  --qa-naisu-bg: #fff1dc; --qa-naisu-border: #b7791f; --qa-naisu-text: #6b3d00;
  --qa-jikou-bg: #e9f1ff; --qa-jikou-border: #3b6fc4; --qa-jikou-text: #173f7a;
  --qa-other-bg: #f1f1f1; --qa-other-border: #6b7280; --qa-other-text: #1f2937;
  --qa-tip-bg: #111827; --qa-tip-text: #f9fafb;
"""
_DARK = """
  --qa-accent: #2563eb; --qa-accent-text: #ffffff; --qa-link: #93c5fd; --qa-muted: #cbd5e1;
  --qa-card-bg: #111827; --qa-card-border: #374151; --qa-focus: #fbbf24; --qa-focus-ring: #92400e;
  --qa-user-bg: #1e293b; --qa-bot-bg: #0f172a; --qa-quote-border: #64748b; --qa-mark: #854d0e; --qa-mark-text: #fefce8;
  --qa-hit: #3f3a1a; --qa-ctx-bg: #0b1220;
  --qa-naisu-bg: #4a2c05; --qa-naisu-border: #d69e2e; --qa-naisu-text: #fde7c2;
  --qa-jikou-bg: #172a4d; --qa-jikou-border: #6d95d6; --qa-jikou-text: #dbe7ff;
  --qa-other-bg: #1f2937; --qa-other-border: #9ca3af; --qa-other-text: #e5e7eb;
  --qa-tip-bg: #f9fafb; --qa-tip-text: #111827;
"""

CSS = (
    f":root {{{_LIGHT}}}\n.dark {{{_DARK}}}\n"
    """
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.conv { display: flex; flex-direction: column; gap: 1.2rem; }
.conv-empty { color: var(--qa-muted); margin: 0.5rem 0; }
.ex { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1rem; align-items: start; }
.ex-pending { grid-template-columns: minmax(0, 1fr); }
.ex-sources { position: sticky; top: 0.5rem; max-height: calc(100vh - 1rem); overflow-y: auto; }
.msg { border-radius: 10px; padding: 0.6rem 0.8rem; margin-bottom: 0.5rem; color: var(--body-text-color); }
.msg p { margin: 0; }
.msg-user { background: var(--qa-user-bg); margin-left: 15%; }
.msg-bot { background: var(--qa-bot-bg); border: 1px solid var(--qa-card-border); }
.user-text, .bot-text { white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.7; }
.tools { display: flex; flex-wrap: wrap; gap: 0.4rem; margin-top: 0.5rem; }
.tool { font-size: 0.85rem; padding: 0.15rem 0.6rem; border: 1px solid var(--qa-card-border); border-radius: 6px;
        background: var(--qa-card-bg); color: var(--body-text-color); cursor: pointer; text-decoration: none; }
.tool[aria-pressed="true"] { background: var(--qa-accent); color: var(--qa-accent-text); border-color: var(--qa-accent); }
.next { display: flex; flex-wrap: wrap; gap: 0.3rem; align-items: center; margin-top: 0.5rem; font-size: 0.85rem; }
.next-label { color: var(--qa-muted); }
.next-q { border: 1px solid var(--qa-card-border); border-radius: 999px; padding: 0.1rem 0.6rem; cursor: pointer;
          background: var(--qa-user-bg); color: var(--body-text-color); font-size: 0.85rem; text-align: left; }
.fb-form { margin-top: 0.5rem; display: flex; flex-direction: column; gap: 0.3rem; font-size: 0.85rem; }
.fb-form[hidden] { display: none; }
.fb-form textarea { width: 100%; box-sizing: border-box; background: var(--qa-card-bg); color: var(--body-text-color);
                    border: 1px solid var(--qa-card-border); border-radius: 6px; padding: 0.3rem; }
.fb-form .fb-send { align-self: flex-start; }
.src-panel { font-size: 0.92rem; line-height: 1.55; color: var(--body-text-color); }
.src-head { font-weight: 700; margin-bottom: 0.4rem; }
.src-empty, .src-resolved { color: var(--qa-muted); }
.cite { border: 1px solid var(--qa-card-border); background: var(--qa-card-bg); border-radius: 8px;
        padding: 0.55rem 0.7rem; margin-bottom: 0.6rem; }
.cite.cite-focus { border-color: var(--qa-focus); box-shadow: 0 0 0 2px var(--qa-focus-ring); }
.cite-title { font-weight: 700; }
.cite-n { color: var(--qa-link); }
.cite-meta { margin: 0.2rem 0; }
.cite-meta .amount { font-weight: 600; }
.cite-meta .lines { color: var(--qa-muted); white-space: nowrap; }
.badge { display: inline-block; margin-left: 0.3rem; padding: 0 0.4rem; border-radius: 4px; font-size: 0.78rem; border: 1px solid; }
.badge-naisu { background: var(--qa-naisu-bg); border-color: var(--qa-naisu-border); color: var(--qa-naisu-text); }
.badge-jikou { background: var(--qa-jikou-bg); border-color: var(--qa-jikou-border); color: var(--qa-jikou-text); }
.badge-zei, .badge-chousei, .badge-other { background: var(--qa-other-bg); border-color: var(--qa-other-border);
                                           color: var(--qa-other-text); }
.quote { margin: 0.3rem 0; padding: 0.3rem 0.6rem; border-left: 3px solid var(--qa-quote-border); }
.quote mark, .ctx-text mark { background: var(--qa-mark); color: var(--qa-mark-text); padding: 0 1px; }
details.ctx summary { cursor: pointer; color: var(--qa-link); }
.ctx-body { max-height: 22rem; overflow: auto; font-size: 0.82rem; background: var(--qa-ctx-bg);
            border: 1px solid var(--qa-card-border); padding: 0.3rem; }
.ctx-line { display: flex; gap: 0.6rem; white-space: pre-wrap; }
.ctx-hit { background: var(--qa-hit); }
.ctx-no { color: var(--qa-muted); min-width: 2.4rem; text-align: right; user-select: none; }
a.cite-ref { position: relative; text-decoration: none; font-weight: 600; color: var(--qa-link); }
a.cite-ref .cite-tip { display: none; position: absolute; left: 0; bottom: 1.6em; z-index: 20; width: max-content;
                       max-width: min(22rem, 80vw); padding: 0.3rem 0.5rem; border-radius: 6px; font-weight: 400;
                       font-size: 0.8rem; white-space: normal; background: var(--qa-tip-bg); color: var(--qa-tip-text); }
a.cite-ref:hover .cite-tip, a.cite-ref:focus .cite-tip { display: block; }
@media (max-width: 720px) {
  .ex { grid-template-columns: minmax(0, 1fr); gap: 0.3rem; }
  .ex-sources { position: static; max-height: none; overflow: visible; }
  .msg-user { margin-left: 8%; }
}
"""
)

PAGE_CSS = (
    """
:root { --body-text-color: #111827; --background-fill-primary: #ffffff; }
@media (prefers-color-scheme: dark) {
  :root { --body-text-color: #f3f4f6; --background-fill-primary: #0b0f19; """ + _DARK + """ }
}
body { margin: 0; font-family: "Noto Sans CJK JP", "Noto Sans JP", sans-serif; background: var(--background-fill-primary);
       color: var(--body-text-color); }
main.permalink { max-width: 72rem; margin: 0 auto; padding: 1rem; }
main.permalink a { color: var(--qa-link); }
.pl-head { font-weight: 700; font-size: 1.1rem; }
.pl-notice { color: var(--qa-muted); font-size: 0.9rem; }
"""
)

GRADIO_CSS = """
#send { background: var(--qa-accent); color: var(--qa-accent-text); border-color: var(--qa-accent); }
footer, footer a, footer button, footer span { color: var(--body-text-color) !important; opacity: 1 !important; }
#conversation { min-height: 6rem; }
button[role="tab"].selected, button[role="tab"][aria-selected="true"] { color: var(--body-text-color) !important; }
figure.chart { margin: 0; overflow-x: auto; }
figure.chart img { max-width: 100%; height: auto; }
@media (max-width: 720px) {
  figure.chart img { max-width: none; width: 760px; }
}
"""
