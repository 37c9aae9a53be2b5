"""The non-UI core: the course model, answer checking and scheduling. Never imports textual."""
