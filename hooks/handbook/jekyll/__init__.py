"""Pages from older Jekyll sites: mis-decoded text, hand-written prev/next blocks, and
`handbook import`."""
