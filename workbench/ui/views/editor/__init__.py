"""The Editor page: one row per segment, post-editing with saves, conflicts and history (page, rows, actions)."""
