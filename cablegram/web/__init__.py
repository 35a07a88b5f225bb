"""The reading room: HTML pages and a JSON API over an archive."""
