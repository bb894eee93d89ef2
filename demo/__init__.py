"""The seeded generator of the embedded demo data (synthetic; no real person's posts)."""
