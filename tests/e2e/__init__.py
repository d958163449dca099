"""Browser tests against a real `streamlit run` (a package, so its conftest gets its own name)."""
