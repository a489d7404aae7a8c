"""Reading one page: decoding, front matter with the line of each key, the schema of keys, escaping
front-matter text for HTML, and planning edits to a page's front matter."""
