"""The policy layer: the clause catalogue, the readings in force, routing and MAIL-5/MAIL-6."""
