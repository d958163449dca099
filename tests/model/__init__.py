"""Model tests; a package like tests/e2e, so its conftest is not imported as plain `conftest`."""
