"""Pure logic behind the handbook's MkDocs hooks: front matter, schema, nav tree and pager.

Nothing in this package imports MkDocs, so tests (and command-line tools) can use it directly.
"""
