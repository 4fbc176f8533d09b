"""Pure-Python analytics for Assure (no Django imports): statistical process control in spc."""
