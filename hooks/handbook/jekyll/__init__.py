"""Pages from older Jekyll sites: mis-decoded text (`mojibake`), hand-written prev/next blocks
(`pager_blocks`), the build's clean-up stages that use them (`cleanup`), and `handbook import`."""
