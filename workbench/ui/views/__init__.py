"""One Streamlit page per module; each is run by ``st.navigation`` in ``workbench/ui/app.py``."""
