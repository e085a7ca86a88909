"""``markup/``: broken markup around references, images and templates (catalogue §7)."""
