"""The course as data: lessons, quiz items, the named computations behind their numbers, and validation."""
