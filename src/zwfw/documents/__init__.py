"""The window's documents (文书): templates kept as text files, numbered, rendered to DOCX and PDF, recorded on the case."""
