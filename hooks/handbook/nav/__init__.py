"""The navigation: parents, order and exclusion from front matter (the Just the Docs rules), the
reading order, per-page prev/next overrides, and the nav written out for engines without hooks."""
