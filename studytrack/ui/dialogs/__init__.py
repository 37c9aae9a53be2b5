"""Small modal dialogs the screens open."""
