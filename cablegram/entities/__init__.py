"""People, organisations and places: mentions in text, resolved to an authority file."""
