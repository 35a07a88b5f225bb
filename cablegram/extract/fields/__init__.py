"""Shared parsers for the parts of a document every layout meets: notes, parties, signatures, ..."""
