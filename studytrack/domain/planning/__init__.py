"""Planning study days: the rollover day, FSRS scheduling, forgetting curves and today's session."""
