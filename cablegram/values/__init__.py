"""Typed values parsed in one place: dates, markings, languages."""
