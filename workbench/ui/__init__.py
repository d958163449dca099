"""The Streamlit editor: ``app.py`` is the entry point, ``views/`` holds one file per page.

Importing this package has no side effects; nothing here imports Streamlit until a module that
needs it is imported.
"""
