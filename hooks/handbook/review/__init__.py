"""Reviewing a pull request: the handbook at a git revision, what a change does to the published
handbook (nav, addresses, problems, owners, reviews) and the Markdown report a reviewer reads."""
