"""Page governance: owners, review dates and periods, the Review status page, `pages.json`, and the
last-commit dates read from git."""
