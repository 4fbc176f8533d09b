"""Reports built from the other apps: the highlight report, in HTML, PDF, Word and Excel."""
