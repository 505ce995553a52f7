"""Builders and fakes shared by tests of several areas."""
