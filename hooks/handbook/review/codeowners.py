"""CODEOWNERS: which teams GitHub asks to approve a change to a file.

GitHub reads the file from the pull request's base branch, in `.github/`, the root or `docs/`
(the first found); its patterns are gitignore patterns (matched here by `pathspec`, the library
MkDocs itself uses for `exclude_docs`) and the last matching line wins.
"""

from __future__ import annotations

from dataclasses import dataclass

import pathspec

LOCATIONS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")


@dataclass(frozen=True)
class CodeOwners:
    """The rules of one CODEOWNERS file, in file order: (pattern, owners)."""

    rules: tuple[tuple[pathspec.GitIgnoreSpec, tuple[str, ...]], ...]
    location: str

    @classmethod
    def parse(cls, text: str, location: str = LOCATIONS[0]) -> CodeOwners:
        rules = []
        for line in text.splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            pattern, *rest = line.split()
            owners = []
            for word in rest:
                if word.startswith("#"):  # a comment after the owners
                    break
                owners.append(word)
            try:
                spec = pathspec.GitIgnoreSpec.from_lines([pattern])
            except (ValueError, TypeError):  # GitHub skips a line it cannot read; so do we
                continue
            rules.append((spec, tuple(owners)))
        return cls(tuple(rules), location)

    def owners_of(self, path: str) -> tuple[str, ...]:
        """The owners of a repository-relative file (none when the last match names nobody)."""
        found: tuple[str, ...] = ()
        for spec, owners in self.rules:
            if spec.match_file(path):
                found = owners
        return found
