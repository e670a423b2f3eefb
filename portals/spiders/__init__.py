"""Spiders. One generic spider serves every site definition; a site gets its own module here
only when it truly needs code that a site definition or a platform adapter cannot express."""
