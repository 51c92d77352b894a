"""zwfw — the provincial government service hall platform."""
