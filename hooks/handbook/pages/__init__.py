"""One page: decoding, front matter with the line of each key, the schema of keys, its address in
the built site (`address`, MkDocs' rule), escaping front-matter text for HTML, and planning edits
to its front matter."""
