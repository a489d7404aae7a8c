"""Pure logic behind the handbook's MkDocs hooks and the `handbook` command, in subpackages named
for what they own: pages/, markdown/, nav/, governance/, jekyll/, cli/ and build/.

Only build/mkdocs_glue.py and build/template_patches.py import MkDocs or Jinja, so tests (and the
command line) use the rest directly.
"""
