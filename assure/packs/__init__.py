"""Tables for a committee pack: one table model, rendered to Word and Excel alike."""
