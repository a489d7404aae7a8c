"""The `handbook` command for editors: new, check, nav, renumber and import."""
