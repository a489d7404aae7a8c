"""Markdown: its block structure read once (`blocks`: fences, code spans, headings) for every module
that must skip code; links and images with their lines (`links`); emoji shortcodes and headings;
and kramdown's attribute lists as Python-Markdown extensions."""
