"""Each file format that more than one module reads or writes, described once: its reader and its writer."""
