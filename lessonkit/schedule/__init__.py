"""Workshop schedules from lessons: timings (what the lesson says) -> plan (when) -> render (how it looks)."""
