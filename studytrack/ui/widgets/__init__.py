"""Widgets the screens share, one per module."""
