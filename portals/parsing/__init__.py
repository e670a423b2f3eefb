"""Pure parsing functions: HTML in, values out. No network, no clock, no database."""
