"""MkDocs plugin for relgraph: ```relgraph fences become inline SVG diagrams."""
