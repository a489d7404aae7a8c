"""Browser tests of the built handbook (a package, so this folder's conftest is `browser.conftest`
and never shadows tests/conftest.py, which the other test modules import as `conftest`)."""
