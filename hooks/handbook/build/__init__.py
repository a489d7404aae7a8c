"""The build: `site.build_site` puts the other subpackages' stages together, `events` declares the
hooks' order and shared state, `symlinks` keeps what lies outside docs/ out of it, and the MkDocs-
and Jinja-facing glue (`mkdocs_glue`, `nav_fragments`, `template_patches`) hands the results to
MkDocs and Material."""
