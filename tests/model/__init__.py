"""Model tests (a package, so its conftest gets its own name: others import tests/conftest.py as
`conftest`)."""
