"""Readers and writers: bytes to plain records and back. Knows nothing of the database or Qt."""
