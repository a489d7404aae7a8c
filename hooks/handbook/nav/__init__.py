"""The navigation: parents, order and exclusion from front matter (the Just the Docs rules), the
reading order and per-page prev/next overrides."""
