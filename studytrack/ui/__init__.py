"""The terminal UI (Textual): the app, its screens, widgets and dialogs. Wiring and display only."""
