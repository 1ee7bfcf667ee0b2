"""The project's own archive of source texts: what seed quotes are checked against.

`archive` keeps one folder per source (the text and a record of where it came from), `fetch`
downloads a source's page and extracts its readable text, and `quotes` compares a quote with a
text the way a reader would (typographic quotes and line breaks do not count).
"""
