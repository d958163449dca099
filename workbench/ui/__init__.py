"""The Streamlit editor: ``app.py`` is the entry point (the router), ``views/`` one folder per page.

``state`` names every session and widget key; ``editing`` holds the editor's rules without
Streamlit; ``resources`` the store and translator loaded once per process; ``launch`` the server
command. Importing this package has no side effects: nothing imports Streamlit until a module that
needs it is imported.
"""
