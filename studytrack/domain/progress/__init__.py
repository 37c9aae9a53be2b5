"""Where the learner stands: mastery per topic, the next lesson, what to practise."""
