"""WikiView's Qt application: it shows what the core computes and reacts to the user.

Nothing here computes wikitext facts of its own; see DESIGN.md ("one-way flow").
"""
