"""Markdown: links and images with their lines, emoji shortcodes and headings, and kramdown's
attribute lists as Python-Markdown extensions."""
