"""The Align page: paste or upload Arabic and English, align, merge or split pairs, save (page, actions, markup)."""
