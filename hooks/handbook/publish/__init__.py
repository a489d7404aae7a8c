"""What the build publishes for readers besides the pages: llms.txt and the printable handbook."""
