"""The policy layer: the clause catalogue and the readings in force."""
